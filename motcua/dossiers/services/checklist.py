"""Reception's writes: the dossier's checklist rows and its deadline (SPEC §5).

What is read before writing (the checklist of a case, the competent agency, the
legal time) is in :mod:`motcua.dossiers.intake`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.utils.translation import gettext as _

from motcua.calendars.selectors import deadline_compute
from motcua.core.errors import InvalidInput
from motcua.dossiers.inputs import PaperTick
from motcua.dossiers.intake import checklist_items, legal_time_counted, paper_needed
from motcua.dossiers.models import Dossier, DossierPaper, DossierPause
from motcua.procedures.choices import TimeUnit


def checklist_write(dossier: Dossier, ticks: Sequence[PaperTick]) -> None:
    """Write one row per checklist paper of ``dossier`` with its tick."""
    items = checklist_items(
        dossier.procedure, dossier.case_heading, channel=dossier.channel
    )
    by_id = {tick.required_paper_id: tick for tick in ticks}
    DossierPaper.objects.bulk_create(
        DossierPaper(
            dossier=dossier,
            required_paper=item,
            position=position,
            name=item.name,
            originals=item.originals,
            copies=item.copies,
            condition=item.condition,
            is_provided=bool(by_id.get(item.pk) and by_id[item.pk].is_provided),
            reference=(by_id[item.pk].reference if item.pk in by_id else ""),
            file=(by_id[item.pk].file if item.pk in by_id else ""),
        )
        for position, item in enumerate(items, start=1)
    )


def checklist_update(dossier: Dossier, ticks: Sequence[PaperTick]) -> list[str]:
    """Apply ``ticks`` to ``dossier``'s papers; return the names still missing.

    Raises:
        InvalidInput: a tick names a paper not on the dossier's checklist.
    """
    rows = list(dossier.papers.order_by("position", "id"))
    by_item = {row.required_paper_id: row for row in rows}
    unknown = [t.required_paper_id for t in ticks if t.required_paper_id not in by_item]
    if unknown:
        raise InvalidInput(
            _("These papers are not on the checklist of this dossier: %(ids)s.")
            % {"ids": ", ".join(str(pk) for pk in unknown)},
            field_errors={"papers": _("unknown checklist item")},
        )
    for tick in ticks:
        row = by_item[tick.required_paper_id]
        row.is_provided = tick.is_provided
        row.reference = tick.reference.strip()
        row.save(update_fields=["is_provided", "reference"])
    return [
        row.name
        for row in rows
        if paper_needed(row) and not (row.is_provided or row.reference)
    ]


def deadline_set(dossier: Dossier, *, now: datetime) -> None:
    """Receive ``dossier`` at ``now``: count start and deadline (SPEC §5).

    A unit-less legal time is read as working days (the catalogue's usual unit;
    the import reported the record, staff may set the unit) and the dossier
    records that it was assumed. Ended pauses move the deadline later.
    """
    dossier.received_at = now
    amount, unit = legal_time_counted(
        dossier.procedure, dossier.channel, dossier.case_heading
    )
    dossier.legal_time_unit_assumed = amount is not None and unit is None
    if dossier.legal_time_unit_assumed:
        unit = TimeUnit.WORKING_DAYS  # the catalogue's usual unit; said on form 01
    dossier.legal_time_amount, dossier.legal_time_unit = amount, unit
    if amount is None:
        dossier.count_started_at = now
        dossier.deadline_at = None
        return
    deadline_recompute(dossier)


def deadline_recompute(dossier: Dossier) -> None:
    """Recompute the deadline from the receipt and every ended pause."""
    if dossier.received_at is None or dossier.legal_time_amount is None:
        return
    rows = (
        DossierPause.objects.filter(dossier_id=dossier.pk, ended_at__isnull=False)
        .order_by("started_at", "id")
        .values_list("started_at", "ended_at", "restarts_count")
        if dossier.pk is not None
        else []
    )
    # SPEC §5: a supplement that restarts the count starts it anew when it is
    # received; only the pauses after it still move the deadline.
    start = dossier.received_at
    pauses: list[tuple[datetime, datetime]] = []
    for started, ended, restarts in rows:
        if ended is None:
            continue
        if restarts:
            start, pauses = ended, []
        else:
            pauses.append((started, ended))
    result = deadline_compute(
        received_at=start,
        amount=dossier.legal_time_amount,
        unit=dossier.legal_time_unit or TimeUnit.WORKING_DAYS,
        pauses=pauses,
        hours=dossier.competent_agency.working_hours(),
    )
    dossier.count_started_at = result.count_started_at
    dossier.deadline_at = result.deadline_at
    dossier.paused_minutes = result.paused_minutes
