"""Read queries on dossiers: worklists, counts, search, the leader's view, history.

Every list is scoped to the asker through ``access.dossiers_visible_to`` and
ordered with a unique tiebreaker. Whether an open dossier is on time, due soon or
overdue is derived from its dates at query time (the ``deadline_state``
annotation), never stored: SPEC §5. "Due soon" uses the default working hours of
``settings`` for the query threshold; one dossier is judged on its agency's
calendar by the same rule (``timing.dossier_open_state``, ``timing.due_soon_limit``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypedDict

from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.models import User
from motcua.agencies.access import (
    agencies_overseen_by,
    agencies_visible_to,
    user_has_role,
)
from motcua.agencies.models import Agency, StaffAssignment
from motcua.calendars.selectors import work_calendar_get
from motcua.calendars.timeliness import OpenState
from motcua.core.errors import InvalidInput, NotFound, PermissionDenied
from motcua.core.text import fold
from motcua.dossiers.access import (
    dossier_state,
    dossiers_visible_to,
    roles_by_agency_for,
    visibility_filter,
)
from motcua.dossiers.choices import DossierStatus, DossierStep
from motcua.dossiers.models import AgencyRequest, Dossier, DossierEvent, DossierFee
from motcua.dossiers.payloads import PapersSentOnline, payload_of
from motcua.dossiers.timing import calendar_for, due_soon_limit
from motcua.dossiers.tracking import latest_items_asked, latest_supplement_request
from motcua.dossiers.workflow import (
    ASSIGNABLE_ROLES,
    CLOCK_RUNS_STATUSES,
    CLOSED_STATUSES,
    OVERSEER_ROLES,
    SUPPLEMENT_REQUESTS,
    UNSUPPLEMENTED_ENDS_AS,
    WAITING_FOR,
    ActorAgency,
    DossierAction,
    allowed_actions,
    transitions_from,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from motcua.agencies.access import Actor


class DeadlineAnnotations(TypedDict):
    deadline_state: str | None


if TYPE_CHECKING:
    # A dossier of a list, with ``deadline_state`` (an ``OpenState`` value or None).
    DossierRow = WithAnnotations[Dossier, DeadlineAnnotations]


class WorklistKind(models.TextChoices):
    """The worklists of the staff menu."""

    MINE = "mine", gettext_lazy("waiting for me")  # việc của tôi
    UNIT = "unit", gettext_lazy("my agencies")  # của đơn vị
    OTHER_AGENCY = "other_agency", gettext_lazy("at another agency")  # liên thông
    DUE_SOON = "due_soon", gettext_lazy("due soon")  # sắp đến hạn
    OVERDUE = "overdue", gettext_lazy("overdue")  # quá hạn
    PAUSED = "paused", gettext_lazy("paused")  # tạm dừng (bổ sung, nghĩa vụ tài chính)


# The clock runs while the dossier is received or processed and not paused.
RUNNING = Q(status__in=CLOCK_RUNS_STATUSES)
OPEN = ~Q(status__in=CLOSED_STATUSES)

# The lists are ordered by expressions, not bare columns: given a bare column,
# PostgreSQL fills the first page by walking the whole city's index on it
# (deadline, received, code) and skipping every other agency's rows, which at a
# million dossiers takes seconds. An expression has no index, so the database
# reads the user's own rows (a few thousand at most) and sorts them (ADR 0013).
# A dossier without a date sorts after every dated one, in both directions.
_LAST = datetime(9999, 12, 31, tzinfo=UTC)
_FIRST = datetime(1, 1, 2, tzinfo=UTC)


def _dated(column: str, missing: datetime) -> Coalesce:
    return Coalesce(column, Value(missing), output_field=models.DateTimeField())


ORDERS: dict[str, tuple[object, ...]] = {
    "deadline": (_dated("deadline_at", _LAST).asc(), "id"),
    "-deadline": (_dated("deadline_at", _FIRST).desc(), "-id"),
    "received": (_dated("received_at", _LAST).asc(), "id"),
    "-received": (_dated("received_at", _FIRST).desc(), "-id"),
    "code": (Concat("code", Value("")).asc(), "id"),
}


_LISTED_WITH = ("procedure", "receiving_agency", "competent_agency", "assignee")


def _soon_limit(now: datetime) -> datetime:
    # In SQL one calendar serves every agency: the default working hours.
    return due_soon_limit(now, work_calendar_get())


def _open_leg(agency_ids: list[int]) -> Exists:
    return Exists(
        AgencyRequest.objects.filter(
            dossier_id=OuterRef("pk"),
            to_agency_id__in=agency_ids,
            sent_at__isnull=False,
            replied_at__isnull=True,
        )
    )


def _waiting_for_roles(roles_by_agency: dict[int, set[str]]) -> Q:
    """Dossiers whose current step waits for a role the user holds there."""
    found = Q(pk__in=[])
    for step, (where, roles) in WAITING_FOR.items():
        ids = sorted(a for a, held in roles_by_agency.items() if held & roles)
        if not ids or step == DossierStep.PROCESSING:
            continue  # processing waits for its assignee, not for a role
        if where is ActorAgency.RECEIVING:
            found |= Q(step=step, receiving_agency_id__in=ids)
        elif where is ActorAgency.COMPETENT:
            found |= Q(step=step, competent_agency_id__in=ids)
        else:
            found |= Q(step=step) & Q(_open_leg(ids))
    return found


def overdue_filter(now: datetime) -> Q:
    """Running past its deadline at ``now`` (a paused dossier is not overdue,
    SPEC §5): the worklist's, the overview's and the public board's."""
    return RUNNING & Q(deadline_at__lt=now)


def open_state_filters(now: datetime) -> dict[str, Q]:
    """Where each running dossier stands against its deadline at ``now``: the
    one definition behind the worklists and the overview."""
    soon = Q(deadline_at__gte=now, deadline_at__lt=_soon_limit(now))
    return {
        OpenState.OVERDUE: overdue_filter(now),
        OpenState.DUE_SOON: RUNNING & soon,
        OpenState.ON_TIME: RUNNING & Q(deadline_at__gte=now) & ~soon,
    }


def _kind_filters(user: Actor, now: datetime) -> dict[str, Q]:
    roles = roles_by_agency_for(user)
    mine = Q(assignee_id=user.pk, step=DossierStep.PROCESSING) | _waiting_for_roles(
        roles
    )
    states = open_state_filters(now)
    return {
        WorklistKind.MINE: OPEN & mine,
        WorklistKind.UNIT: OPEN,
        WorklistKind.OTHER_AGENCY: OPEN & Q(step=DossierStep.OTHER_AGENCY),
        WorklistKind.DUE_SOON: states[OpenState.DUE_SOON],
        WorklistKind.OVERDUE: states[OpenState.OVERDUE],
        WorklistKind.PAUSED: Q(paused_since__isnull=False) & OPEN,
    }


def with_deadline_state(
    dossiers: QuerySet[Dossier], *, now: datetime
) -> QuerySet[DossierRow]:
    """Annotate ``deadline_state`` (on_time / due_soon / overdue; None when the
    clock does not run) from the dates, at ``now``."""
    return dossiers.annotate(
        deadline_state=Case(
            When(~RUNNING | Q(deadline_at__isnull=True), then=Value(None)),
            When(deadline_at__lt=now, then=Value(OpenState.OVERDUE.value)),
            When(
                deadline_at__lt=_soon_limit(now), then=Value(OpenState.DUE_SOON.value)
            ),
            default=Value(OpenState.ON_TIME.value),
            output_field=models.CharField(),
        )
    )


def _search_filter(query: str) -> Q:
    text = query.strip()
    folded = fold(text)
    found = Q(code__icontains=text) | Q(applicant_id_number=text)
    if folded:
        found |= Q(applicant_folded__contains=folded)
    return found


def dossier_worklist(
    *,
    user: Actor,
    kind: str,
    now: datetime,
    order: str = "deadline",
    query: str = "",
) -> QuerySet[DossierRow]:
    """Return the worklist ``kind`` of ``user`` at ``now``, annotated and ordered.

    Orders: ``deadline`` (time left, soonest first), ``-deadline``, ``received``,
    ``-received``, ``code``. ``query`` searches the code, the applicant's name
    (ignoring diacritics) or the personal ID.

    Raises:
        InvalidInput: an unknown kind or order.
    """
    if kind not in WorklistKind.values:
        raise InvalidInput(
            _("Unknown worklist %(kind)r.") % {"kind": kind},
            field_errors={"kind": _("unknown value")},
        )
    if order not in ORDERS:
        raise InvalidInput(
            _("Unknown order %(order)r; choose among %(known)s.")
            % {"order": order, "known": ", ".join(ORDERS)},
            field_errors={"order": _("unknown value")},
        )
    dossiers = dossiers_visible_to(user, many=True).filter(
        _kind_filters(user, now)[kind]
    )
    if query.strip():
        dossiers = dossiers.filter(_search_filter(query))
    # The related rows are read for the page's rows only, after the database has
    # chosen them; joined in, they would be read and sorted for every open row.
    dossiers = dossiers.prefetch_related(*_LISTED_WITH)
    return with_deadline_state(dossiers, now=now).order_by(*ORDERS[order])  # type: ignore[arg-type]


def dossier_worklist_counts(*, user: Actor, now: datetime) -> dict[str, int]:
    """Return the number of dossiers in each worklist of ``user`` (the menu).

    A fixed number of queries, whatever the number of dossiers.
    """
    filters = _kind_filters(user, now)
    # Every worklist holds open dossiers only: say so, and the database reads
    # the user's open rows (partial indexes), not their agencies' whole history.
    counts = (
        dossiers_visible_to(user, many=True)
        .filter(OPEN)
        .aggregate(**{kind: Count("pk", filter=q) for kind, q in filters.items()})
    )
    return {kind: int(counts[kind] or 0) for kind in WorklistKind.values}


def dossier_search(*, user: Actor, query: str, now: datetime) -> QuerySet[DossierRow]:
    """Search every dossier ``user`` may see by code, applicant name or personal ID.

    Newest receipts first. An empty query finds nothing.
    """
    dossiers = (
        dossiers_visible_to(user, many=True)
        .filter(_search_filter(query) if query.strip() else Q(pk__in=[]))
        .select_related("procedure", "receiving_agency", "competent_agency")
    )
    return with_deadline_state(dossiers, now=now).order_by(
        F("registered_at").desc(nulls_last=True), "-id"
    )


@dataclass(frozen=True, slots=True)
class StaffLoad:
    """Open dossiers of one specialist and how many are late or nearly so."""

    user_id: int
    name: str
    open: int
    due_soon: int
    overdue: int


@dataclass(frozen=True, slots=True)
class AgencyOverview:
    """The leader's view of the dossiers of an agency, or of every agency the
    leader oversees (``agency`` None)."""

    agency: Agency | None
    by_status: dict[int, int]
    open_by_state: dict[str, int]
    paused: int
    per_specialist: list[StaffLoad] = field(default_factory=list)


def _state_counts(dossiers: QuerySet[Dossier], now: datetime) -> dict[str, Count]:
    states = open_state_filters(now)
    return {
        "open": Count("pk", filter=OPEN),
        **{state: Count("pk", filter=q) for state, q in states.items()},
    }


def agency_overview(
    *, user: Actor, agency: Agency | None, now: datetime
) -> AgencyOverview:
    """Return the dossiers of ``agency`` (None: of every agency the user leads or
    supervises) by status and lateness, and per specialist.

    A dossier is an agency's as in the worklists (received there, decided there
    or with a leg sent there: ``dossiers.access.visibility_filter``), and its
    state comes from the same conditions as the worklists', so the overview's
    "overdue" is the overdue list's length.

    Raises:
        NotFound: the user may not see the agency.
        PermissionDenied: the user is not a leader (or supervisor) of it, or of
            any agency.
    """
    overseen = agencies_overseen_by(user, OVERSEER_ROLES)
    if agency is None:
        first_two = list(overseen[:2])
        if not first_two:
            raise PermissionDenied(_("Only leaders see the overview of an agency."))
        if len(first_two) == 1:
            agency = first_two[0]  # one agency overseen: the overview is its own
    if agency is None:
        ids = list(overseen.order_by().values_list("pk", flat=True))
        decided = Dossier.objects.filter(visibility_filter(ids))
    else:
        if not agencies_visible_to(user).filter(pk=agency.pk).exists():
            raise NotFound(
                _("No agency has the electronic identifier %(code)s.")
                % {"code": agency.code}
            )
        if not user_has_role(user, OVERSEER_ROLES, agency):
            raise PermissionDenied(
                _("Only leaders see the overview of %(agency)s.") % {"agency": agency}
            )
        decided = Dossier.objects.filter(visibility_filter([agency.pk]))
    by_status = dict(
        decided.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    # Open dossiers only (closing a dossier ends its pause): the partial indexes
    # read the agency's open rows, not its whole history (ADR 0013).
    states = decided.filter(OPEN).aggregate(
        paused=Count("pk", filter=Q(paused_since__isnull=False)),
        **_state_counts(decided, now),
    )
    loads = (
        decided.filter(OPEN, assignee__isnull=False)
        .order_by()
        .values("assignee_id", "assignee__full_name", "assignee__username")
        .annotate(**_state_counts(decided, now))
        .order_by("assignee__full_name", "assignee__username", "assignee_id")
    )
    return AgencyOverview(
        agency=agency,
        by_status={status: by_status.get(status, 0) for status in DossierStatus.values},
        open_by_state={state: states[state] for state in OpenState.values},
        paused=states["paused"],
        per_specialist=[
            StaffLoad(
                user_id=row["assignee_id"],
                name=row["assignee__full_name"] or row["assignee__username"],
                open=row["open"],
                due_soon=row[OpenState.DUE_SOON],
                overdue=row[OpenState.OVERDUE],
            )
            for row in loads
        ],
    )


def dossier_events(dossier: Dossier) -> QuerySet[DossierEvent]:
    """Return the history of ``dossier`` in order (form 06, the register)."""
    return (
        DossierEvent.objects.filter(dossier=dossier)
        .select_related("actor", "actor_agency", "receiver", "receiver_agency")
        .order_by("sequence", "id")
    )


@dataclass(frozen=True, slots=True)
class StepTime:
    """Working time used and left on one step (negative left: overrun)."""

    step: str
    started_at: datetime
    due_at: datetime | None
    ended_at: datetime | None
    used_minutes: int
    left_minutes: int | None
    judgement: str


def dossier_step_times(*, dossier: Dossier, now: datetime) -> list[StepTime]:
    """Return each closed step and the current one with working time used / left."""
    calendar = calendar_for(dossier.competent_agency)
    rows: list[StepTime] = []
    for event in dossier_events(dossier).filter(step_started_at__isnull=False):
        assert event.step_started_at is not None  # noqa: S101 - filtered above
        due = event.step_due_at
        rows.append(
            StepTime(
                step=event.from_step,
                started_at=event.step_started_at,
                due_at=due,
                ended_at=event.at,
                used_minutes=calendar.working_minutes_between(
                    event.step_started_at, event.at
                ),
                left_minutes=calendar.working_minutes_between(event.at, due)
                if due
                else None,
                judgement=event.judgement,
            )
        )
    if dossier.status not in CLOSED_STATUSES and dossier.step_started_at is not None:
        due = dossier.step_due_at
        rows.append(
            StepTime(
                step=dossier.step,
                started_at=dossier.step_started_at,
                due_at=due,
                ended_at=None,
                used_minutes=calendar.working_minutes_between(
                    dossier.step_started_at, now
                ),
                left_minutes=calendar.working_minutes_between(now, due)
                if due
                else None,
                judgement="",
            )
        )
    return rows


def dossier_time_left(*, dossier: Dossier, now: datetime) -> int | None:
    """Return the working minutes left before the legal deadline (negative: late)."""
    if dossier.deadline_at is None:
        return None
    calendar = calendar_for(dossier.competent_agency)
    return calendar.working_minutes_between(now, dossier.deadline_at)


def dossier_actions_for(*, dossier: Dossier, user: Actor) -> list[DossierAction]:
    """Return the actions ``user`` may take on ``dossier`` now (page buttons)."""
    return allowed_actions(
        dossier_state(dossier), roles_by_agency_for(user), user_id=user.pk
    )


# What the applicant is asked for: papers and fees.


def is_waiting_for_papers(dossier: Dossier) -> bool:
    """Whether the applicant may send papers online now (the workflow table says)."""
    found = transitions_from(
        DossierAction.SEND_SUPPLEMENT_ONLINE, (dossier.status, dossier.step)
    )
    return found is not None


def supplement_items_asked(dossier: Dossier) -> tuple[str, ...]:
    """The items of the latest supplement request (form 02 lists them all)."""
    return latest_items_asked(dossier)


def supplement_items_sent(dossier: Dossier) -> set[str]:
    """The items the applicant has sent online since the latest request."""
    request = latest_supplement_request(dossier)
    if request is None:
        return set()
    sent = DossierEvent.objects.filter(
        dossier=dossier,
        action=DossierAction.SEND_SUPPLEMENT_ONLINE,
        sequence__gt=request.sequence,
    )
    return {
        name for event in sent for name in payload_of(event, PapersSentOnline).papers
    }


def _request_waited_on(dossier: Dossier) -> DossierEvent | None:
    """The request the dossier waits on, unless papers were sent online since."""
    events = list(
        dossier.events.filter(
            action__in=(*SUPPLEMENT_REQUESTS, DossierAction.SEND_SUPPLEMENT_ONLINE)
        ).order_by("-sequence")[:1]
    )
    if not events or events[0].action == DossierAction.SEND_SUPPLEMENT_ONLINE:
        return None
    return events[0]


def supplement_close_due_at(dossier: Dossier) -> datetime | None:
    """When ``dossier`` closes for want of its supplement, or None (not waiting,
    papers sent online, or the procedure sets no period).

    Decree 297/2025 Art. 6(4): counted in working days from the request, on the
    calendar of the agency that asked."""
    days = dossier.procedure.supplement_close_working_days
    if days is None or dossier.step not in UNSUPPLEMENTED_ENDS_AS:
        return None
    request = _request_waited_on(dossier)
    if request is None:
        return None
    agency = (
        dossier.receiving_agency
        if dossier.step == DossierStep.RECEPTION_SUPPLEMENT
        else dossier.competent_agency
    )
    calendar = calendar_for(agency)
    return calendar.add_working_minutes(request.at, days * calendar.minutes_per_day)


def fees_unpaid_total(dossier: Dossier) -> int:
    """The sum of the fees asked for and not paid yet (VND)."""
    amounts = DossierFee.objects.filter(dossier=dossier, paid_at__isnull=True)
    return sum(amounts.values_list("amount_vnd", flat=True))


def assignable_staff(agency: Agency) -> list[User]:
    """Return the people of ``agency`` a dossier may be assigned to
    (``workflow.ASSIGNABLE_ROLES``, active assignments of active users)."""
    user_ids = StaffAssignment.objects.filter(
        agency=agency, role__in=ASSIGNABLE_ROLES, is_active=True
    ).values("user_id")
    return list(
        User.objects.filter(pk__in=user_ids, is_active=True).order_by(
            "full_name", "username", "id"
        )
    )
