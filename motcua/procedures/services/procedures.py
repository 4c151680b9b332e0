"""Saving a procedure edited by staff."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from motcua.agencies.models import Agency
from motcua.procedures.models import Procedure, ProcedureAgency
from motcua.procedures.records import search_columns

# What a re-import of the catalogue would otherwise overwrite (see
# ``services.imports``): the columns it writes and the lists it rewrites.
EDITABLE_LISTS = ("channels", "documents", "results")


@transaction.atomic
def procedure_save(*, procedure: Procedure, edited: Iterable[str] = ()) -> Procedure:
    """Save ``procedure`` with its folded search columns brought up to date.

    ``edited`` names what staff corrected by hand: catalogue columns, or one of
    ``EDITABLE_LISTS``. A re-import keeps those and reports the difference.
    """
    for name, value in search_columns(name=procedure.name, code=procedure.code).items():
        setattr(procedure, name, value)
    kept = list(procedure.staff_edited or [])
    procedure.staff_edited = kept + sorted(set(edited) - set(kept))
    procedure.save()
    return procedure


@transaction.atomic
def procedure_agencies_link(
    *, procedure_codes: Iterable[str], agencies: Iterable[Agency]
) -> int:
    """Record that ``agencies`` carry out the procedures; return links created.

    Links that already exist are kept; unknown codes are ignored.
    """
    procedure_ids = list(
        Procedure.objects.filter(code__in=list(procedure_codes))
        .order_by("id")
        .values_list("id", flat=True)
    )
    agency_list = list(agencies)
    existing = set(
        ProcedureAgency.objects.filter(
            procedure_id__in=procedure_ids, agency__in=agency_list
        ).values_list("procedure_id", "agency_id")
    )
    links = [
        ProcedureAgency(procedure_id=procedure_id, agency=agency)
        for procedure_id in procedure_ids
        for agency in agency_list
        if (procedure_id, agency.id) not in existing
    ]
    ProcedureAgency.objects.bulk_create(links, batch_size=1000)
    return len(links)
