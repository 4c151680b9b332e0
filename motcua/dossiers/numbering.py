"""Gap-free numbers taken under a row lock: dossier codes, result and register numbers.

Circular 01/2018/TT-VPCP (format kept by Circular 03/2025/TT-VPCP Art. 13): the code
is ``<receiving agency e-ID>-<YYMMDD>-<sequence>``, the sequence per agency and day
of at least 4 digits, unique and never reused. YYMMDD is the local date of receipt.

The counter row is created with ``get_or_create`` inside the caller's transaction
and locked with ``SELECT … FOR UPDATE``; two first-of-the-day creations racing on
PostgreSQL make one INSERT fail on the unique constraint, and that side retries the
lock (the row then exists). Must run inside ``transaction.atomic``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction

from motcua.agencies.models import Agency
from motcua.dossiers.models import (
    CounterKind,
    Dossier,
    DossierCodeSequence,
    YearlyCounter,
)

_RETRIES = 3
CounterModel = TypeVar("CounterModel", DossierCodeSequence, YearlyCounter)


def local_date(at: datetime) -> date:
    """Return the date of ``at`` in the project's time zone (Vietnam)."""
    return at.astimezone(ZoneInfo(settings.TIME_ZONE)).date()


def _take(model: type[CounterModel], **key: Any) -> int:
    """Lock (creating if needed) the counter row ``key`` and return its next value."""
    for attempt in range(_RETRIES):
        try:
            with transaction.atomic():
                row, _created = model.objects.select_for_update().get_or_create(**key)
            break
        except IntegrityError:
            if attempt == _RETRIES - 1:
                raise
    # The row is locked by this transaction: its value is current.
    row.last_value += 1
    row.save(update_fields=["last_value"])
    return row.last_value


def dossier_code_allocate(*, agency: Agency, at: datetime) -> str:
    """Return the next dossier code of ``agency`` for the local date of ``at``."""
    day = local_date(at)
    sequence = _take(DossierCodeSequence, agency=agency, day=day)
    return f"{agency.code}-{day:%y%m%d}-{sequence:04d}"


def yearly_number_allocate(*, agency: Agency, year: int, kind: CounterKind) -> int:
    """Return the next number of ``kind`` for ``agency`` in ``year``."""
    return _take(YearlyCounter, agency=agency, year=year, kind=kind)


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
