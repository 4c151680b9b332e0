"""Gap-free numbers taken under a row lock: dossier codes, result and register numbers.

Circular 01/2018/TT-VPCP (format kept by Circular 03/2025/TT-VPCP Art. 13): the code
is ``<receiving agency e-ID>-<YYMMDD>-<sequence>``, the sequence per agency and day
of at least 4 digits, unique and never reused. YYMMDD is the local date of receipt.

The counters are ``core.counters``' (a locked row per agency and day or year,
retried when two first-of-the-day takes race). Must run inside
``transaction.atomic``.
"""

from __future__ import annotations

from datetime import datetime

from motcua.agencies.models import Agency
from motcua.core.counters import counter_next, local_date
from motcua.dossiers.models import (
    CounterKind,
    Dossier,
    DossierCodeSequence,
    YearlyCounter,
)


def dossier_code_allocate(*, agency: Agency, at: datetime) -> str:
    """Return the next dossier code of ``agency`` for the local date of ``at``."""
    day = local_date(at)
    sequence = counter_next(DossierCodeSequence, agency=agency, day=day)
    return f"{agency.code}-{day:%y%m%d}-{sequence:04d}"


def yearly_number_allocate(*, agency: Agency, year: int, kind: CounterKind) -> int:
    """Return the next number of ``kind`` for ``agency`` in ``year``."""
    return counter_next(YearlyCounter, agency=agency, year=year, kind=kind)


def register_entry_allocate(dossier: Dossier, *, now: datetime) -> None:
    """Enter ``dossier`` in its receiving agency's register of the year (form 07),
    once, when it is received: form 01 gives the book and the entry (Circular
    03/2025/TT-VPCP, Annex I). A dossier entered already keeps its entry."""
    if dossier.register_number is None:
        dossier.register_number = yearly_number_allocate(
            agency=dossier.receiving_agency,
            year=local_date(now).year,
            kind=CounterKind.REGISTER,
        )
