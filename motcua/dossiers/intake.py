"""What a dossier needs and would get at intake, before anything is written.

The papers of its case (the checklist) and which are missing, the agency that
decides it and the one that receives for it, whether the catalogue lists it as
free, its legal time and the deadline it would get. Reception's services and the
pages (counter, online filing) read the same rules from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from motcua.agencies.models import Agency, ServicePoint
from motcua.calendars.deadlines import DeadlineResult
from motcua.calendars.selectors import deadline_compute
from motcua.core.errors import DomainError, InvalidInput
from motcua.dossiers.choices import DossierChannel
from motcua.dossiers.competence import competent_agencies, competent_agency_default
from motcua.dossiers.inputs import PaperTick
from motcua.dossiers.models import DossierPaper
from motcua.procedures.choices import Channel, TimeUnit
from motcua.procedures.models import Procedure, RequiredPaper
from motcua.procedures.selectors import (
    case_headings,
    papers_to_hand_in,
    papers_to_show,
)

_CHANNELS: dict[int, str] = {
    DossierChannel.IN_PERSON: Channel.IN_PERSON,
    DossierChannel.ONLINE: Channel.ONLINE,
    DossierChannel.POSTAL: Channel.POSTAL,
}


def checklist_items(
    procedure: Procedure, case_heading: str, *, channel: int = DossierChannel.IN_PERSON
) -> list[RequiredPaper]:
    """The papers to hand in for ``case_heading`` on ``channel`` (the catalogue's
    rule: ``procedures.selectors.papers_to_hand_in``)."""
    return papers_to_hand_in(
        procedure, case_heading, online=channel == DossierChannel.ONLINE
    )


def case_check(procedure: Procedure, case_heading: str) -> None:
    """Refuse a case the procedure does not have, or none when it has several.

    Raises:
        InvalidInput: on ``case_heading``.
    """
    cases = case_headings(procedure)
    if (cases or case_heading) and case_heading not in cases:
        raise InvalidInput(
            _("Choose the case (trường hợp) that fits the applicant."),
            field_errors={"case_heading": _("Choose one of the procedure's cases.")},
        )


def _ticks_by_id(
    items: Sequence[RequiredPaper], ticks: Sequence[PaperTick]
) -> dict[int, PaperTick]:
    known = {item.pk for item in items}
    unknown = [
        tick.required_paper_id for tick in ticks if tick.required_paper_id not in known
    ]
    if unknown:
        raise InvalidInput(
            _("These papers are not on the checklist of this procedure: %(ids)s.")
            % {"ids": ", ".join(str(pk) for pk in unknown)},
            field_errors={"papers": _("unknown checklist item")},
        )
    return {tick.required_paper_id: tick for tick in ticks}


def paper_needed(item: RequiredPaper | DossierPaper) -> bool:
    """A conditional paper is never missing: the officer ticks it when it applies."""
    return not item.condition


def _ticked(tick: PaperTick | None) -> bool:
    return tick is not None and (tick.is_provided or bool(tick.reference.strip()))


def checklist_missing(
    procedure: Procedure,
    case_heading: str,
    ticks: Sequence[PaperTick],
    *,
    channel: int = DossierChannel.IN_PERSON,
) -> list[str]:
    """Return the names of the papers needed but neither provided nor referenced.

    Raises:
        InvalidInput: the case is not the procedure's, or a tick names a paper
            not on the checklist.
    """
    case_check(procedure, case_heading)
    items = checklist_items(procedure, case_heading, channel=channel)
    by_id = _ticks_by_id(items, ticks)
    return [
        item.name
        for item in items
        if paper_needed(item) and not _ticked(by_id.get(item.pk))
    ]


def competent_agency_for(
    *,
    procedure: Procedure,
    service_point: ServicePoint,
    unit_id: int | None = None,
) -> Agency:
    """Return the agency that decides ``procedure`` received at ``service_point``
    (``dossiers.competence``; ``unit_id`` is the applicant's commune).

    Raises:
        InvalidInput: none, or several (the officer must choose).
    """
    found = competent_agency_default(procedure, service_point, unit_id=unit_id)
    if found is None:
        raise InvalidInput(
            _("Choose the agency competent to decide this dossier."),
            field_errors={"competent_agency": _("This field is required.")},
        )
    return found


def competent_agency_check(
    procedure: Procedure, service_point: ServicePoint, agency: Agency
) -> None:
    """Refuse an agency that cannot decide ``procedure`` received at the point.

    Raises:
        InvalidInput: ``agency`` is not one of ``competent_agencies``.
    """
    if agency not in competent_agencies(procedure, service_point):
        raise InvalidInput(
            _("%(agency)s does not decide the procedure %(procedure)s.")
            % {"agency": agency, "procedure": procedure.code},
            field_errors={
                "competent_agency": _("Choose an agency that decides this procedure.")
            },
        )


def receiving_agency_for(competent: Agency) -> Agency:
    """Return the agency whose service point receives for ``competent``, or itself."""
    point = (
        ServicePoint.objects.filter(receives_for=competent, is_active=True)
        .select_related("agency")
        .order_by("code", "id")
        .first()
    )
    return point.agency if point is not None else competent


def procedure_listed_free(procedure: Procedure, channel: int) -> bool:
    """Whether the catalogue lists ``procedure`` as free ("Miễn phí") for
    ``channel``: every fee published for that channel is 0. No fee published is
    not "free" (it is unknown)."""
    amounts = list(
        procedure.channels.filter(channel=_CHANNELS.get(channel)).values_list(
            "fee_amount_vnd", flat=True
        )
    )
    return bool(amounts) and all(amount == 0 for amount in amounts)


def legal_time_for(
    procedure: Procedure, channel: int, case_heading: str = ""
) -> tuple[Decimal | None, str | None]:
    """Return the legal time of ``procedure`` for ``channel`` and the case.

    The channel's own row for that case first, then its row for every case, then
    its first row; without any, the procedure's legal time (SPEC §2).
    """
    rows = list(
        procedure.channels.filter(
            channel=_CHANNELS.get(channel), time_amount__isnull=False
        )
        .order_by("position", "id")
        .values_list("case_heading", "time_amount", "time_unit")
    )
    for wanted in (case_heading, ""):
        for heading, amount, unit in rows:
            if heading == wanted:
                return amount, unit
    if rows:
        return rows[0][1], rows[0][2]
    return procedure.legal_time_amount, procedure.legal_time_unit


def legal_time_counted(
    procedure: Procedure, channel: int, case_heading: str = ""
) -> tuple[Decimal | None, str | None]:
    """The legal time as counted: a same-day procedure without an amount is 1."""
    amount, unit = legal_time_for(procedure, channel, case_heading)
    if amount is None and unit == TimeUnit.SAME_DAY:
        amount = Decimal(1)  # the catalogue gives same-day procedures no amount
    return amount, unit


def deadline_preview(
    *,
    procedure: Procedure,
    agency: Agency,
    channel: int,
    now: datetime,
    case_heading: str = "",
) -> DeadlineResult | None:
    """The deadline a dossier received ``now`` would get (None: not timed).

    The same rules as ``deadline_set``, for the counter's preview before confirming.

    Raises:
        InvalidInput, CalendarRangeError: see ``calendars.selectors.deadline_compute``.
    """
    amount, unit = legal_time_counted(procedure, channel, case_heading)
    if amount is None:
        return None
    return deadline_compute(
        received_at=now,
        amount=amount,
        unit=unit or TimeUnit.WORKING_DAYS,
        hours=agency.working_hours(),
    )


@dataclass(frozen=True, slots=True)
class CounterTerms:
    """What the counter shows for a procedure before the officer confirms."""

    cases: list[str]
    case: str  # the chosen case ("" while one must still be chosen)
    case_chosen: bool  # False: the procedure has several cases and none is chosen
    items: list[RequiredPaper]  # the papers to hand in (empty until chosen)
    shown: list[RequiredPaper]  # the papers shown and taken back
    agencies: list[Agency]  # the agencies that may decide it at this point
    agency: Agency | None  # the chosen or proposed one (None: the officer chooses)
    preview: DeadlineResult | None
    preview_error: str


def counter_terms(
    *,
    procedure: Procedure,
    point: ServicePoint,
    now: datetime,
    case_heading: str = "",
    agency_id: int | None = None,
    unit_id: int | None = None,
) -> CounterTerms:
    """The case, papers, deciding agency and deadline preview of ``procedure``
    received at ``point`` now, from what the officer has chosen so far.

    A single case is chosen by itself; an agency not among those that may decide
    is ignored, and the one for the applicant's commune (``unit_id``) proposed.
    """
    cases = case_headings(procedure)
    case = case_heading if case_heading in cases else ""
    if not case and len(cases) == 1:
        case = cases[0]
    chosen = bool(case) or len(cases) < 2
    agencies = competent_agencies(procedure, point)
    agency = next((a for a in agencies if a.pk == agency_id), None)
    if agency is None:
        agency = competent_agency_default(procedure, point, unit_id=unit_id)
    preview: DeadlineResult | None = None
    error = ""
    if agency is None:
        error = _("Choose the agency that decides: the deadline follows its calendar.")
    else:
        try:
            preview = deadline_preview(
                procedure=procedure,
                agency=agency,
                channel=DossierChannel.IN_PERSON,
                now=now,
                case_heading=case,
            )
        except DomainError as failure:
            error = str(failure.message)
    return CounterTerms(
        cases=cases,
        case=case,
        case_chosen=chosen,
        items=checklist_items(procedure, case) if chosen else [],
        shown=papers_to_show(procedure, case) if chosen else [],
        agencies=agencies,
        agency=agency,
        preview=preview,
        preview_error=error,
    )
