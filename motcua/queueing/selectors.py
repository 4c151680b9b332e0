"""Reads of the front hall's queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from math import ceil, floor

from django.conf import settings
from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.models import Counter, ServicePoint, StaffAssignment, StaffRole
from motcua.citizens.services import phone_clean
from motcua.core.counters import local_date
from motcua.core.errors import DomainError, NotFound
from motcua.procedures.selectors import procedure_search
from motcua.queueing.booking import check_in_window, day_slots, slot_open
from motcua.queueing.callout import call_text
from motcua.queueing.models import (
    APPOINTMENT_HOLDS,
    Appointment,
    AppointmentStatus,
    CounterSession,
    HallBoard,
    HallDevice,
    PriorityCategory,
    ServiceLine,
    Ticket,
    TicketSpan,
    TicketStatus,
)
from motcua.queueing.workflow import RECALL_LIMIT


def weighted_wait(now: datetime) -> ExpressionWrapper[CombinedExpression]:
    """A waiting ticket's claim to be called at ``now``: the seconds it has
    waited times its priority's weight (1 without one). The queue is called in
    this order, largest first, then by time of issue: a priority passes ahead
    of shorter waits but never starves the longest ones (``PriorityCategory``).
    """
    waited = Value(int(now.timestamp())) - F("issued_seconds")
    return ExpressionWrapper(
        waited * F("weight"), output_field=DecimalField(max_digits=20, decimal_places=1)
    )


def ticket_people_ahead(ticket: Ticket, *, now: datetime) -> int:
    """Tickets waiting today in the same line that would be called before this
    one at ``now`` (a larger weighted wait, or an equal one issued earlier).

    A transferred ticket keeps its time of issue, so its place in the line it
    moves to.
    """
    mine = (int(now.timestamp()) - ticket.issued_seconds) * ticket.weight
    return (
        Ticket.objects.filter(
            queue_line_id=ticket.queue_line_id,
            day=ticket.day,
            status=TicketStatus.WAITING,
        )
        .exclude(pk=ticket.pk)
        .annotate(claim=weighted_wait(now))
        .filter(
            Q(claim__gt=mine)
            | Q(claim=mine, issued_at__lt=ticket.issued_at)
            | Q(claim=mine, issued_at=ticket.issued_at, id__lt=ticket.pk)
        )
        .count()
    )


def lines_for_officer(*, counter: Counter, officer: User) -> list[ServiceLine]:
    """The open lines of the counter's hall that ``counter`` serves (a line with
    no counters chosen is served by all) and ``officer`` has the skill for (the
    skills of their reception assignments; a line with no skill asks none)."""
    skills = {
        tag.strip().casefold()
        for assignment in StaffAssignment.objects.filter(
            user=officer, role=StaffRole.RECEPTION_OFFICER, is_active=True
        )
        for tag in assignment.skills.split(",")
        if tag.strip()
    }
    lines = (
        ServiceLine.objects.filter(
            service_point_id=counter.service_point_id, is_active=True
        )
        .filter(Q(counters=None) | Q(counters=counter))
        .distinct()
        .order_by("prefix")
    )
    return [line for line in lines if not line.skill or line.skill.casefold() in skills]


def counters_serving(*, line_id: int, now: datetime) -> float:
    """How many counters serve the line at ``now``: each open, unpaused session
    calling from it counts ``1 / the number of its lines`` (an officer covering
    two lines is half a counter for each)."""
    calling = CounterSession.lines.through.objects.filter(serviceline_id=line_id)
    sessions = (
        # By id, not through ``lines``: a filter on the relation would restrict
        # the count of lines that follows to the one line.
        CounterSession.objects.filter(
            id__in=calling.values("countersession_id"),
            opened_at__lte=now,
            paused_at__isnull=True,
        )
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gt=now))
        .annotate(width=Count("lines"))
    )
    widths: list[int] = [session.width for session in sessions]
    return sum(1 / width for width in widths if width)


# The wait estimate (docs/queue-wait-estimate.md).
RECENT_SERVICES = 30  # the last services of the line that set the pace
OPEN_COUNTER_MINUTES = 30  # a counter that called this line lately is open to it


@dataclass(frozen=True)
class WaitRange:
    """Minutes a waiting ticket may still wait: a range, never a false minute."""

    low: int
    high: int


def _quartiles(minutes: list[float]) -> tuple[float, float]:
    ordered = sorted(minutes)
    last = len(ordered) - 1
    return ordered[round(last * 0.25)], ordered[round(last * 0.75)]


def ticket_wait_estimate(
    ticket: Ticket, *, now: datetime, ahead: int | None = None
) -> WaitRange | None:
    """How long ``ticket`` may wait at ``now``, from the line's recent services;
    ``ahead`` when the caller has already counted the people ahead.

    None when the ticket does not wait or the line has no service on record yet.
    """
    if ticket.status != TicketStatus.WAITING:
        return None
    spans = TicketSpan.objects.filter(
        ticket__queue_line_id=ticket.queue_line_id,
        status=TicketStatus.SERVING,
        ended_at__isnull=False,
        ended_at__lte=now,
    ).order_by("-ended_at")[:RECENT_SERVICES]
    served = [
        (span.ended_at - span.started_at).total_seconds() / 60
        for span in spans
        if span.ended_at is not None
    ]
    if not served:
        return None
    counters = counters_serving(line_id=ticket.queue_line_id, now=now)
    if not counters:
        # No session open (a hall that calls without opening counters): the
        # counters that worked the line in the last half hour.
        counters = (
            TicketSpan.objects.filter(
                ticket__queue_line_id=ticket.queue_line_id,
                counter__isnull=False,
                started_at__gt=now - timedelta(minutes=OPEN_COUNTER_MINUTES),
                started_at__lte=now,
            )
            .values("counter_id")
            .distinct()
            .count()
        )
    # The people ahead are served side by side at the open counters; this ticket
    # waits for their services, shared out, before its own call.
    if ahead is None:
        ahead = ticket_people_ahead(ticket, now=now)
    share = ahead / max(counters, 1)
    low, high = _quartiles(served)
    return WaitRange(low=floor(share * low), high=ceil(share * high))


@dataclass(frozen=True)
class TicketFollow:
    """What a citizen's phone shows of a ticket (no personal data: none is held)."""

    code: str
    line_name: str
    hall_name: str
    hall_code: str
    status: TicketStatus
    people_ahead: int
    counter_number: int | None
    issued_at: datetime
    wait: WaitRange | None = None
    procedure_name: str = ""
    priority_name: str = ""

    @property
    def called(self) -> bool:
        return self.status in (TicketStatus.CALLED, TicketStatus.SERVING)

    @property
    def waiting(self) -> bool:
        return self.status == TicketStatus.WAITING

    @property
    def parked(self) -> bool:
        return self.status == TicketStatus.PARKED


def ticket_follow_get(*, follow_key: str, now: datetime) -> TicketFollow:
    """Return the ticket whose QR holds ``follow_key``, as its phone page shows it.

    Raises:
        NotFound: no ticket has that key.
    """
    ticket = (
        Ticket.objects.select_related(
            "line__service_point", "queue_line", "counter", "procedure", "priority"
        )
        .filter(follow_key=follow_key.strip()[:64])
        .first()
    )
    if ticket is None:
        raise NotFound(_("This ticket does not exist; scan its QR code again."))
    waiting = ticket.status == TicketStatus.WAITING
    ahead = ticket_people_ahead(ticket, now=now) if waiting else 0
    return TicketFollow(
        code=ticket.code,
        line_name=ticket.queue_line.name,
        hall_name=ticket.line.service_point.name,
        hall_code=ticket.line.service_point.code,
        status=TicketStatus(ticket.status),
        people_ahead=ahead,
        counter_number=ticket.counter.number if ticket.counter else None,
        issued_at=ticket.issued_at,
        wait=ticket_wait_estimate(ticket, now=now, ahead=ahead),
        procedure_name=ticket.procedure.name if ticket.procedure else "",
        priority_name=ticket.priority.name if ticket.priority else "",
    )


# Hall displays ---------------------------------------------------------------


def hall_version(service_point_id: int) -> int:
    """The hall's board version: one read by primary key (0 before any ticket)."""
    version = (
        HallBoard.objects.filter(pk=service_point_id)
        .values_list("version", flat=True)
        .first()
    )
    return int(version or 0)


@dataclass(frozen=True)
class CounterRow:
    number: int
    label: str
    ticket_code: str | None  # the ticket called or served there now
    serving: bool
    state: str  # "open", "paused" or "closed"


@dataclass(frozen=True)
class CallRow:
    code: str
    counter_number: int
    at: datetime
    ticket_id: int = 0


@dataclass(frozen=True)
class LineRow:
    prefix: str
    name: str
    waiting: int


@dataclass(frozen=True)
class HallBoardView:
    """What a hall display shows; ``version`` tells a poll whether it changed."""

    version: int
    hall_name: str
    counters: list[CounterRow]
    recent: list[CallRow]
    lines: list[LineRow]
    last_call: CallRow | None
    call_text: str  # the spoken sentence, also shown for the deaf


RECENT_CALLS = 6


def hall_board_get(*, service_point: ServicePoint, now: datetime) -> HallBoardView:
    """The hall's board at ``now``: each counter and its ticket, the last calls,
    and how many wait in each line (a handful of queries, whatever the day)."""
    day = local_date(now)
    board = (
        HallBoard.objects.filter(pk=service_point.pk)
        .select_related("last_call__line", "last_call__counter")
        .first()
    )
    at_counter = {
        ticket.counter_id: ticket
        for ticket in Ticket.objects.filter(
            line__service_point=service_point,
            day=day,
            status__in=(TicketStatus.CALLED, TicketStatus.SERVING),
        ).select_related("line")
    }
    sessions = {
        session.counter_id: session
        for session in CounterSession.objects.filter(
            counter__service_point=service_point, closed_at__isnull=True
        )
    }
    counters = []
    for counter in Counter.objects.filter(
        service_point=service_point, is_active=True
    ).order_by("number"):
        ticket = at_counter.get(counter.pk)
        session = sessions.get(counter.pk)
        state = (
            "closed" if session is None else "paused" if session.paused_at else "open"
        )
        counters.append(
            CounterRow(
                number=counter.number,
                label=counter.label,
                ticket_code=ticket.code if ticket else None,
                serving=bool(ticket and ticket.status == TicketStatus.SERVING),
                state=state,
            )
        )
    calls = (
        TicketSpan.objects.filter(
            ticket__line__service_point=service_point,
            ticket__day=day,
            status=TicketStatus.CALLED,
            counter__isnull=False,
        )
        .select_related("ticket__line", "counter")
        .order_by("-started_at", "-id")
    )
    recent: list[CallRow] = []
    seen: set[int] = set()
    for span in calls[: RECENT_CALLS * 3]:
        if span.ticket_id in seen or span.counter is None:
            continue
        seen.add(span.ticket_id)
        recent.append(CallRow(span.ticket.code, span.counter.number, span.started_at))
        if len(recent) == RECENT_CALLS:
            break
    waiting = dict(
        Ticket.objects.filter(
            queue_line__service_point=service_point,
            day=day,
            status=TicketStatus.WAITING,
        )
        .values_list("queue_line_id")
        .annotate(count=Count("id"))
    )
    lines = [
        LineRow(line.prefix, line.name, waiting.get(line.pk, 0))
        for line in ServiceLine.objects.filter(
            service_point=service_point, is_active=True
        ).order_by("prefix")
    ]
    last = board.last_call if board else None
    last_call = None
    text = ""
    if last is not None and last.day == day and last.counter is not None:
        at = board.last_call_at if board and board.last_call_at else now
        last_call = CallRow(last.code, last.counter.number, at, last.pk)
        text = call_text(last.line.prefix, last.number, last.counter.number)
    return HallBoardView(
        version=board.version if board else 0,
        hall_name=service_point.name,
        counters=counters,
        recent=recent,
        lines=lines,
        last_call=last_call,
        call_text=text,
    )


# The counter console ----------------------------------------------------------


@dataclass(frozen=True)
class ConsoleView:
    """What an officer's counter console shows."""

    session: CounterSession | None
    current: Ticket | None  # called to or served at the counter now
    lines: list[LineRow]  # the session's lines and how many wait
    parked: list[Ticket]  # set aside today in the session's lines
    can_recall: bool
    transfer_lines: list[ServiceLine]
    transfer_counters: list[Counter]


def counter_session_of(officer: User) -> CounterSession | None:
    """The officer's open counter session, if any."""
    return (
        CounterSession.objects.filter(officer=officer, closed_at__isnull=True)
        .select_related("counter__service_point")
        .first()
    )


def counter_console_get(*, officer: User, now: datetime) -> ConsoleView:
    """The officer's counter now: the ticket there, the queue, the parked pool."""
    session = counter_session_of(officer)
    if session is None:
        return ConsoleView(None, None, [], [], False, [], [])
    day = local_date(now)
    counter = session.counter
    lines = list(session.lines.order_by("prefix"))
    current = (
        Ticket.objects.filter(
            counter=counter,
            day=day,
            status__in=(TicketStatus.CALLED, TicketStatus.SERVING),
        )
        .select_related("line", "queue_line", "procedure", "priority")
        .first()
    )
    waiting = dict(
        Ticket.objects.filter(
            queue_line__in=lines, day=day, status=TicketStatus.WAITING
        )
        .filter(Q(for_counter__isnull=True) | Q(for_counter=counter))
        .values_list("queue_line_id")
        .annotate(count=Count("id"))
    )
    parked = list(
        Ticket.objects.filter(queue_line__in=lines, day=day, status=TicketStatus.PARKED)
        .select_related("line")
        .order_by("issued_at", "id")
    )
    hall = counter.service_point_id
    return ConsoleView(
        session=session,
        current=current,
        lines=[
            LineRow(line.prefix, line.name, waiting.get(line.pk, 0)) for line in lines
        ],
        parked=parked,
        can_recall=bool(
            current
            and current.status == TicketStatus.CALLED
            and current.recalls < RECALL_LIMIT
        ),
        transfer_lines=list(
            ServiceLine.objects.filter(service_point_id=hall, is_active=True).order_by(
                "prefix"
            )
        ),
        transfer_counters=list(
            Counter.objects.filter(service_point_id=hall, is_active=True)
            .exclude(pk=counter.pk)
            .order_by("number")
        ),
    )


def hall_call_text(*, service_point_id: int, ticket_id: int) -> str:
    """What the hall's voice says for a ticket of the hall called today.

    Raises:
        NotFound: no ticket of the hall with a counter has that id.
    """
    ticket = (
        Ticket.objects.select_related("line", "counter")
        .filter(
            pk=ticket_id,
            line__service_point_id=service_point_id,
            counter__isnull=False,
        )
        .first()
    )
    if ticket is None or ticket.counter is None:
        raise NotFound(_("No such call in this hall."))
    return call_text(ticket.line.prefix, ticket.number, ticket.counter.number)


# Hall devices -----------------------------------------------------------------


def hall_device_get(*, key: str) -> HallDevice:
    """The active device whose address holds ``key``, with its hall and the
    hall's board version (``board_version``).

    Raises:
        NotFound: no active device has that key (or its hall is closed).
    """
    version = HallBoard.objects.filter(pk=OuterRef("service_point_id")).values(
        "version"
    )
    device = (
        HallDevice.objects.select_related("service_point", "counter")
        # The board's version in the same query: a display's poll is one read.
        .annotate(board_version=Coalesce(Subquery(version), 0))
        .filter(key=key.strip()[:64], is_active=True, service_point__is_active=True)
        .first()
    )
    if device is None:
        raise NotFound(
            _(
                "This screen is not registered; ask the hall's administrator"
                " for its link."
            )
        )
    return device


def kiosk_priorities(service_point: ServicePoint) -> list[PriorityCategory]:
    """The priorities a citizen may choose at the kiosk: the hall's active
    ones but the appointment priority, which only a booking's check-in gives."""
    return list(
        PriorityCategory.objects.filter(
            service_point=service_point, is_active=True, for_appointments=False
        ).order_by("ordering", "name")
    )


@dataclass(frozen=True)
class KioskChoice:
    """A button of the kiosk: a line, or a procedure and the line that serves it."""

    line_id: int
    prefix: str
    title: str
    waiting: int
    procedure_code: str = ""


def kiosk_choices(
    *, service_point: ServicePoint, now: datetime, query: str = ""
) -> list[KioskChoice]:
    """The hall's open lines, or with ``query`` the procedures they serve whose
    name or code matches it (accents and case ignored), at most 12."""
    waiting = dict(
        Ticket.objects.filter(
            queue_line__service_point=service_point,
            day=local_date(now),
            status=TicketStatus.WAITING,
        )
        .values_list("queue_line_id")
        .annotate(count=Count("id"))
    )
    lines = {
        line.pk: line
        for line in ServiceLine.objects.filter(
            service_point=service_point, is_active=True
        ).order_by("prefix")
    }
    if not query.strip():
        return [
            KioskChoice(line.pk, line.prefix, line.name, waiting.get(line.pk, 0))
            for line in lines.values()
        ]
    try:
        found = procedure_search(query=query).filter(service_lines__in=list(lines))
    except DomainError:
        return []
    through = ServiceLine.procedures.through.objects.filter(
        serviceline_id__in=list(lines)
    )
    choices: list[KioskChoice] = []
    for procedure in found.distinct()[:12]:
        line_id = (
            through.filter(procedure_id=procedure.pk)
            .order_by("serviceline_id")
            .values_list("serviceline_id", flat=True)
            .first()
        )
        if line_id is None:
            continue
        line = lines[line_id]
        choices.append(
            KioskChoice(
                line.pk,
                line.prefix,
                procedure.name,
                waiting.get(line.pk, 0),
                procedure.code,
            )
        )
    return choices


# Appointments ------------------------------------------------------------------


def booking_halls() -> list[ServicePoint]:
    """The active halls with a line that takes online booking."""
    return list(
        ServicePoint.objects.filter(
            is_active=True,
            service_lines__is_active=True,
            service_lines__booking_capacity__gt=0,
        )
        .distinct()
        .order_by("name")
    )


def booking_lines(service_point: ServicePoint) -> list[ServiceLine]:
    return list(
        ServiceLine.objects.filter(
            service_point=service_point, is_active=True, booking_capacity__gt=0
        )
        .select_related("service_point__agency")
        .order_by("prefix")
    )


@dataclass(frozen=True)
class SlotChoice:
    start: time
    free: int


def slot_choices(line: ServiceLine, day: date, *, now: datetime) -> list[SlotChoice]:
    """The slots of ``day`` still open at ``now`` and how many places each has."""
    taken = dict(
        Appointment.objects.filter(line=line, day=day, status__in=APPOINTMENT_HOLDS)
        .values_list("slot_start")
        .annotate(count=Count("id"))
    )
    return [
        SlotChoice(slot, max(0, line.booking_capacity - taken.get(slot, 0)))
        for slot in day_slots(line, day)
        if slot_open(line, day, slot, now=now)
    ]


def appointment_get(*, code: str, phone: str) -> Appointment:
    """The booking ``code`` when ``phone`` is its phone.

    Raises:
        NotFound: no booking has this code and phone.
    """
    appointment = (
        Appointment.objects.select_related(
            "line__service_point__agency", "procedure", "ticket__line"
        )
        .filter(code=code.strip().upper()[:12])
        .first()
    )
    try:
        cleaned = phone_clean(phone)
    except DomainError:
        cleaned = ""
    if appointment is None or appointment.phone != cleaned:
        raise NotFound(_("No booking has this code and phone number."))
    return appointment


def appointment_no_shows(
    *, service_point: ServicePoint, first: date, last: date, now: datetime
) -> int:
    """Bookings of the hall from ``first`` to ``last`` whose time passed unused
    (still ``booked`` after the check-in window): derived, never recorded."""
    count = 0
    for appointment in Appointment.objects.filter(
        line__service_point=service_point,
        day__range=(first, last),
        status=AppointmentStatus.BOOKED,
    ).select_related("line"):
        _opens, closes = check_in_window(
            appointment.line, appointment.day, appointment.slot_start
        )
        count += closes < now
    return count


# Alerts for the hall manager --------------------------------------------------

# Thresholds (settings override them).
ALERT_WAIT_MINUTES = 45
ALERT_QUEUE_LENGTH = 20
ALERT_IDLE_MINUTES = 5


@dataclass(frozen=True)
class HallAlert:
    kind: str  # "wait", "queue", "unserved" or "idle"
    message: str


def _threshold(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def hall_alerts(*, service_point: ServicePoint, now: datetime) -> list[HallAlert]:
    """What the hall manager should look at now: a wait over the threshold, a
    line too long, a line with people waiting and no open counter for it, an
    open counter idle while its lines have people waiting."""
    waiting = Ticket.objects.filter(
        queue_line__service_point=service_point,
        day=local_date(now),
        status=TicketStatus.WAITING,
    )
    lengths: dict[int, int] = dict(
        waiting.values_list("queue_line_id").annotate(count=Count("id"))
    )
    lines = list(ServiceLine.objects.filter(pk__in=list(lengths)).order_by("prefix"))
    return [
        *_wait_alerts(waiting, now),
        *_line_alerts(service_point, lines, lengths),
        *_idle_alerts(service_point, lengths, now),
    ]


def _wait_alerts(waiting: QuerySet[Ticket], now: datetime) -> list[HallAlert]:
    longest = waiting.select_related("line").order_by("issued_at").first()
    limit = _threshold("MOTCUA_HALL_ALERT_WAIT_MINUTES", ALERT_WAIT_MINUTES)
    if longest is None:
        return []
    waited = int((now - longest.issued_at).total_seconds() // 60)
    if waited < limit:
        return []
    message = _("Ticket %(code)s has waited %(minutes)s minutes.") % {
        "code": longest.code,
        "minutes": waited,
    }
    return [HallAlert("wait", message)]


def _line_alerts(
    service_point: ServicePoint, lines: list[ServiceLine], lengths: dict[int, int]
) -> list[HallAlert]:
    limit = _threshold("MOTCUA_HALL_ALERT_QUEUE_LENGTH", ALERT_QUEUE_LENGTH)
    served = set(
        CounterSession.lines.through.objects.filter(
            countersession__counter__service_point=service_point,
            countersession__closed_at__isnull=True,
            countersession__paused_at__isnull=True,
        ).values_list("serviceline_id", flat=True)
    )
    alerts = []
    for line in lines:
        values = {"line": line, "count": lengths[line.pk]}
        if lengths[line.pk] >= limit:
            alerts.append(
                HallAlert(
                    "queue", _("Line %(line)s has %(count)s people waiting.") % values
                )
            )
        if line.pk not in served:
            message = _(
                "Line %(line)s has %(count)s people waiting and no open counter."
            )
            alerts.append(HallAlert("unserved", message % values))
    return alerts


def _idle_alerts(
    service_point: ServicePoint, lengths: dict[int, int], now: datetime
) -> list[HallAlert]:
    limit = timedelta(
        minutes=_threshold("MOTCUA_HALL_ALERT_IDLE_MINUTES", ALERT_IDLE_MINUTES)
    )
    busy = set(
        Ticket.objects.filter(
            line__service_point=service_point,
            day=local_date(now),
            status__in=(TicketStatus.CALLED, TicketStatus.SERVING),
        ).values_list("counter_id", flat=True)
    )
    alerts = []
    for session in (
        CounterSession.objects.filter(
            counter__service_point=service_point,
            closed_at__isnull=True,
            paused_at__isnull=True,
        )
        .select_related("counter", "officer")
        .prefetch_related("lines")
    ):
        waiting = any(lengths.get(line.pk) for line in session.lines.all())
        if session.counter_id in busy or not waiting:
            continue
        idle_since = _last_move(session)
        if now - idle_since < limit:
            continue
        message = _(
            "Counter %(number)s (%(officer)s) has called nobody for"
            " %(minutes)s minutes while people wait."
        ) % {
            "number": session.counter.number,
            "officer": session.officer,
            "minutes": int((now - idle_since).total_seconds() // 60),
        }
        alerts.append(HallAlert("idle", message))
    return alerts


def _last_move(session: CounterSession) -> datetime:
    """When the session's counter last did something: opened, or a span of one
    of its tickets began or ended."""
    spans = TicketSpan.objects.filter(counter=session.counter)
    moments = [
        session.opened_at,
        spans.order_by("-started_at").values_list("started_at", flat=True).first(),
        spans.filter(ended_at__isnull=False)
        .order_by("-ended_at")
        .values_list("ended_at", flat=True)
        .first(),
    ]
    return max(moment for moment in moments if moment is not None)
