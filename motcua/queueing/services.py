"""Writes of the front hall's queue: every change of a ticket in one transaction.

Each change also raises the hall's board version (``HallBoard``) in the same
transaction, so a display that polls sees it as soon as it is committed.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.access import reception_points_of
from motcua.agencies.models import Counter
from motcua.citizens.services import phone_clean
from motcua.core.counters import counter_next, local_date
from motcua.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from motcua.dossiers.models import Dossier
from motcua.notifications.models import NotificationKind
from motcua.notifications.services import notification_enqueue
from motcua.procedures.models import Procedure
from motcua.queueing.booking import check_in_window, local, slot_open
from motcua.queueing.models import (
    APPOINTMENT_HOLDS,
    Appointment,
    AppointmentAccess,
    AppointmentStatus,
    CounterSession,
    HallBoard,
    HallDevice,
    PriorityCategory,
    ServiceLine,
    Ticket,
    TicketDossier,
    TicketSequence,
    TicketSpan,
    TicketStatus,
)
from motcua.queueing.policies import day_effects
from motcua.queueing.selectors import lines_for_officer, weighted_wait
from motcua.queueing.workflow import AT_COUNTER, RECALL_LIMIT, TRANSITIONS, TicketAction


def _board_bump(
    service_point_id: int, *, call: Ticket | None = None, now: datetime | None = None
) -> None:
    """Raise the hall's board version (inside the caller's transaction)."""
    changes: dict[str, object] = {"version": F("version") + 1}
    if call is not None:
        changes["last_call"] = call
        changes["last_call_at"] = now
    if not HallBoard.objects.filter(pk=service_point_id).update(**changes):
        HallBoard.objects.get_or_create(service_point_id=service_point_id)
        HallBoard.objects.filter(pk=service_point_id).update(**changes)


def ticket_issue(
    *,
    line: ServiceLine,
    now: datetime,
    procedure: Procedure | None = None,
    priority: PriorityCategory | None = None,
    weight: Decimal | None = None,
) -> Ticket:
    """Issue the next ticket of ``line`` for the local day of ``now``, for
    ``procedure`` and with ``priority`` when the citizen chose them at the kiosk;
    ``weight`` overrides the priority's (a booking on a bookings-first day).

    Numbers restart each local day (midnight in Vietnam, not in UTC) and are
    never given twice, however many kiosks print at once.

    Raises:
        InvalidInput: the line is closed, does not serve the procedure, or the
            priority is not one of the hall's.
    """
    if not line.is_active:
        raise InvalidInput(
            _("The line %(line)s takes no tickets now.") % {"line": line},
            field_errors={"line": _("This line is closed.")},
        )
    if procedure is not None and not line.procedures.filter(pk=procedure.pk).exists():
        raise InvalidInput(
            _("The line %(line)s does not receive this procedure.") % {"line": line},
            field_errors={"procedure": _("Choose a procedure of this line.")},
        )
    if priority is not None and (
        priority.service_point_id != line.service_point_id or not priority.is_active
    ):
        raise InvalidInput(
            _("This hall gives no such priority."),
            field_errors={"priority": _("Choose a priority of this hall.")},
        )
    with transaction.atomic():
        day = local_date(now)
        ticket = Ticket.objects.create(
            line=line,
            queue_line=line,
            procedure=procedure,
            priority=priority,
            weight=weight or (priority.weight if priority else 1),
            issued_seconds=int(now.timestamp()),
            day=day,
            number=counter_next(TicketSequence, line=line, day=day),
            status=TicketStatus.WAITING,
            issued_at=now,
            follow_key=secrets.token_urlsafe(16),
        )
        TicketSpan.objects.create(
            ticket=ticket, status=TicketStatus.WAITING, started_at=now
        )
        _board_bump(line.service_point_id)
    return ticket


def _span_next(
    ticket: Ticket,
    status: TicketStatus,
    *,
    now: datetime,
    counter: Counter | None = None,
    officer: User | None = None,
) -> None:
    """Close the ticket's open span at ``now`` and open one for ``status``."""
    TicketSpan.objects.filter(ticket=ticket, ended_at__isnull=True).update(ended_at=now)
    TicketSpan.objects.create(
        ticket=ticket, status=status, started_at=now, counter=counter, officer=officer
    )
    ticket.status = status
    ticket.counter = counter or ticket.counter
    ticket.save(
        update_fields=["status", "counter", "queue_line", "for_counter", "recalls"]
    )


# How often a device's heartbeat is written: a display polls every second.
SEEN_EVERY = timedelta(minutes=1)


def hall_device_seen(device: HallDevice, *, now: datetime) -> None:
    """Record that ``device`` asked for its page (at most one write a minute)."""
    if device.last_seen_at is not None and now - device.last_seen_at < SEEN_EVERY:
        return
    HallDevice.objects.filter(pk=device.pk).update(last_seen_at=now)
    device.last_seen_at = now


# Counter sessions ------------------------------------------------------------


def counter_open(
    *,
    counter: Counter,
    officer: User,
    now: datetime,
    lines: Iterable[ServiceLine] | None = None,
) -> CounterSession:
    """Open ``counter`` for ``officer``, calling from ``lines`` (default: every
    line the counter serves and the officer has the skill for).

    An officer who moves to another counter closes the one they left; reopening
    one's own counter only changes its lines.

    Raises:
        PermissionDenied: the officer receives at no agency of the counter's hall.
        Conflict: another officer has the counter open.
        InvalidInput: a chosen line is not the counter's or the officer's, or none is.
    """
    if not reception_points_of(officer).filter(pk=counter.service_point_id).exists():
        raise PermissionDenied(_("You do not receive dossiers at this hall."))
    if not counter.is_active:
        raise InvalidInput(
            _("Counter %(number)s is out of service.") % {"number": counter.number},
            field_errors={"counter": _("Choose a counter in service.")},
        )
    allowed = {
        line.pk: line for line in lines_for_officer(counter=counter, officer=officer)
    }
    chosen = [line.pk for line in lines] if lines is not None else list(allowed)
    if not chosen or not set(chosen) <= set(allowed):
        raise InvalidInput(
            _("Choose the lines this counter calls from among those it may serve."),
            field_errors={"lines": _("Choose at least one line this counter serves.")},
        )
    with transaction.atomic():
        held = (
            CounterSession.objects.select_for_update()
            .filter(counter=counter, closed_at__isnull=True)
            .exclude(officer=officer)
            .select_related("officer")
            .first()
        )
        if held is not None:
            raise Conflict(
                _("Counter %(number)s is open by %(officer)s: they close it first.")
                % {"number": counter.number, "officer": held.officer}
            )
        CounterSession.objects.filter(officer=officer, closed_at__isnull=True).exclude(
            counter=counter
        ).update(closed_at=now)
        session = CounterSession.objects.filter(
            counter=counter, officer=officer, closed_at__isnull=True
        ).first()
        if session is None:
            session = CounterSession.objects.create(
                counter=counter, officer=officer, opened_at=now
            )
        session.lines.set(chosen)
        _board_bump(counter.service_point_id)
    return session


def _session_locked(session_id: int, officer: User) -> CounterSession:
    session = (
        CounterSession.objects.select_for_update(of=("self",))
        .select_related("counter")
        .filter(pk=session_id, officer=officer, closed_at__isnull=True)
        .first()
    )
    if session is None:
        raise Conflict(_("Your counter is closed: open it again."))
    return session


def counter_pause(
    *, session: CounterSession, now: datetime, pause: bool = True
) -> None:
    """Pause the counter (a break: it calls nobody) or, with ``pause=False``, resume.

    Raises:
        Conflict: the session is closed.
    """
    with transaction.atomic():
        locked = _session_locked(session.pk, session.officer)
        locked.paused_at = now if pause else None
        locked.save(update_fields=["paused_at"])
        _board_bump(locked.counter.service_point_id)
    session.paused_at = locked.paused_at


def counter_close(*, session: CounterSession, now: datetime) -> None:
    """Close the counter. A ticket still called there goes back to wait first in
    its line (it keeps its place); one being served is finished.

    Raises:
        Conflict: the session is already closed.
    """
    with transaction.atomic():
        locked = _session_locked(session.pk, session.officer)
        for ticket in Ticket.objects.select_for_update().filter(
            counter=locked.counter, day=local_date(now), status__in=AT_COUNTER
        ):
            if ticket.status == TicketStatus.SERVING:
                _span_next(ticket, TicketStatus.DONE, now=now, counter=locked.counter)
            else:
                ticket.recalls = 0
                _span_next(ticket, TicketStatus.WAITING, now=now)
        locked.closed_at = now
        locked.save(update_fields=["closed_at"])
        _board_bump(locked.counter.service_point_id)
    session.closed_at = now


# Calling and moving tickets --------------------------------------------------


def ticket_call_next(*, session: CounterSession, now: datetime) -> Ticket | None:
    """Call the ticket of the session's lines with the longest weighted wait
    (minutes waited × its priority's weight; ``selectors.weighted_wait``).

    "Next" also ends the counter's current ticket: one being served is finished,
    one called who did not come is set aside (it can be called back). None when
    nobody waits. Two officers calling at the same moment get two different
    tickets: the row is taken with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL
    (SQLite serialises the writers).

    Raises:
        Conflict: the counter is closed or paused.
    """
    officer = session.officer
    with transaction.atomic():
        locked = _session_locked(session.pk, officer)
        if locked.paused_at is not None:
            raise Conflict(_("Your counter is paused: resume it to call."))
        counter = locked.counter
        day = local_date(now)
        ended = list(
            Ticket.objects.select_for_update().filter(
                counter=counter, day=day, status__in=AT_COUNTER
            )
        )
        for current in ended:
            done = TicketStatus.DONE if current.status == TicketStatus.SERVING else None
            _span_next(
                current,
                done or TicketStatus.PARKED,
                now=now,
                counter=counter,
                officer=officer,
            )
        ticket = (
            Ticket.objects.select_for_update(skip_locked=True)
            .filter(
                queue_line__in=locked.lines.all(),
                day=day,
                status=TicketStatus.WAITING,
            )
            .filter(Q(for_counter__isnull=True) | Q(for_counter=counter))
            .order_by(weighted_wait(now).desc(), "issued_at", "id")
            .first()
        )
        if ticket is None:
            if ended:  # the counter's last ticket left it: the board changed
                _board_bump(counter.service_point_id)
            return None
        ticket.for_counter = None
        ticket.recalls = 0
        target = TRANSITIONS[TicketAction.CALL][1]
        _span_next(ticket, target, now=now, counter=counter, officer=officer)
        _board_bump(counter.service_point_id, call=ticket, now=now)
    return ticket


def ticket_act(
    *,
    ticket_id: int,
    action: TicketAction,
    session: CounterSession,
    now: datetime,
    to_line: ServiceLine | None = None,
    to_counter: Counter | None = None,
) -> Ticket:
    """Take ``action`` on the ticket from the session's counter, as the table allows.

    A transfer names ``to_line`` or ``to_counter`` (of the same hall); the
    ticket waits there with its first time of issue, so the citizen keeps their
    place.

    Raises:
        NotFound: no ticket ``ticket_id`` in the counter's hall.
        Conflict: the action does not apply to the ticket's state, the recall
            limit is reached, or the counter is closed.
        InvalidInput: a transfer without a target of this hall.
    """
    sources, target = TRANSITIONS[action]
    officer = session.officer
    with transaction.atomic():
        locked = _session_locked(session.pk, officer)
        counter = locked.counter
        ticket = (
            # Lock the ticket only, not its line: officers at other tickets go on.
            Ticket.objects.select_for_update(of=("self",))
            .select_related("line")
            .filter(pk=ticket_id, line__service_point_id=counter.service_point_id)
            .first()
        )
        if ticket is None:
            raise NotFound(_("No such ticket in this hall."))
        if ticket.status not in sources:
            raise Conflict(
                _("Ticket %(code)s is %(status)s: it cannot %(action)s.")
                % {
                    "code": ticket.code,
                    "status": TicketStatus(ticket.status).label,
                    "action": action.label,
                }
            )
        at: Counter | None = counter
        if action == TicketAction.RECALL:
            if ticket.recalls >= RECALL_LIMIT:
                raise Conflict(
                    _(
                        "Ticket %(code)s was called %(count)s times: set it aside;"
                        " you can call it back later."
                    )
                    % {"code": ticket.code, "count": ticket.recalls + 1}
                )
            ticket.recalls += 1
        elif action == TicketAction.CALL_BACK:
            ticket.recalls = 0
        elif action == TicketAction.TRANSFER:
            _transfer(ticket, counter, to_line=to_line, to_counter=to_counter)
            at = None
        _span_next(ticket, target, now=now, counter=at, officer=officer)
        call = ticket if target == TicketStatus.CALLED else None
        _board_bump(counter.service_point_id, call=call, now=now)
    return ticket


def _transfer(
    ticket: Ticket,
    counter: Counter,
    *,
    to_line: ServiceLine | None,
    to_counter: Counter | None,
) -> None:
    hall = counter.service_point_id
    wrong_counter = to_counter is not None and (
        to_counter.service_point_id != hall or not to_counter.is_active
    )
    wrong_line = to_line is not None and (
        to_line.service_point_id != hall or not to_line.is_active
    )
    if wrong_counter or wrong_line or (to_line is None and to_counter is None):
        raise InvalidInput(
            _("Choose an open line or a counter in service of this hall."),
            field_errors={"to": _("Choose a line or a counter of this hall.")},
        )
    if to_line is not None:
        ticket.queue_line = to_line
    ticket.for_counter = to_counter
    ticket.recalls = 0


def ticket_dossier_link(*, ticket_id: int, dossier: Dossier, officer: User) -> None:
    """Remember that ``dossier`` was received for the ticket the officer serves
    (several dossiers may come from one ticket). Inside the caller's transaction
    when the dossier is made in it; a repeat is harmless.

    Raises:
        NotFound: the ticket is not one served at the officer's counter.
    """
    served = Ticket.objects.filter(
        pk=ticket_id,
        spans__status=TicketStatus.SERVING,
        spans__officer=officer,
    ).first()
    if served is None:
        raise NotFound(_("This ticket was not served at your counter."))
    TicketDossier.objects.get_or_create(dossier=dossier, defaults={"ticket": served})


# The weight of a booking checked in on a day that puts bookings first (the
# largest a priority category may have).
BOOKING_DAY_WEIGHT = Decimal(20)


# Appointments ----------------------------------------------------------------

# No 0/O, 1/I/L: a code read out on the phone or typed at the kiosk.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 8


def _booking_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))


def _slot_check(
    line: ServiceLine, day: date, slot: time, *, now: datetime, moving: int = 0
) -> None:
    """Refuse a slot that is not open for booking or already full.

    Run under the line's row lock, so two citizens cannot take the last place.
    """
    if not slot_open(line, day, slot, now=now):
        raise InvalidInput(
            _("This time cannot be booked: choose one of the times shown."),
            field_errors={"slot": _("Choose one of the times shown.")},
        )
    taken = (
        Appointment.objects.filter(
            line=line, day=day, slot_start=slot, status__in=APPOINTMENT_HOLDS
        )
        .exclude(pk=moving)
        .count()
    )
    if taken >= line.booking_capacity:
        raise Conflict(_("This time has just been fully booked: choose another."))


def _appointment_notify(
    appointment: Appointment, kind: NotificationKind, *, now: datetime
) -> None:
    notification_enqueue(
        kind=kind,
        now=now,
        phone=appointment.phone,
        recipient_name=appointment.name,
        context={
            "booking_code": appointment.code,
            "hall": appointment.line.service_point.name,
            "slot": local(appointment.day, appointment.slot_start),
        },
    )


def appointment_book(
    *,
    line: ServiceLine,
    day: date,
    slot: time,
    phone: str,
    now: datetime,
    name: str = "",
    procedure: Procedure | None = None,
    citizen: User | None = None,
) -> Appointment:
    """Book ``slot`` of ``day`` at ``line`` for the holder of ``phone``; the code
    and the time go to that phone (the outbox, in the same transaction).

    Raises:
        InvalidInput: the phone, the slot or the procedure cannot be used, or the
            phone already holds a booking at this line that day.
        Conflict: the slot is full.
    """
    phone = phone_clean(phone)
    if procedure is not None and not line.procedures.filter(pk=procedure.pk).exists():
        raise InvalidInput(
            _("The line %(line)s does not receive this procedure.") % {"line": line},
            field_errors={"procedure": _("Choose a procedure of this line.")},
        )
    with transaction.atomic():
        locked = (
            ServiceLine.objects.select_for_update()
            .select_related("service_point__agency")
            .get(pk=line.pk)
        )
        _slot_check(locked, day, slot, now=now)
        if Appointment.objects.filter(
            line=locked, day=day, phone=phone, status__in=APPOINTMENT_HOLDS
        ).exists():
            raise InvalidInput(
                _("This phone already has a booking at this line that day."),
                field_errors={"phone": _("One booking per line and day.")},
            )
        appointment = Appointment.objects.create(
            line=locked,
            day=day,
            slot_start=slot,
            code=_booking_code(),
            phone=phone,
            name=name.strip()[:200],
            procedure=procedure,
            citizen=citizen,
            booked_at=now,
        )
        _appointment_notify(appointment, NotificationKind.APPOINTMENT_BOOKED, now=now)
    return appointment


def _appointment_held(code: str, phone: str) -> Appointment:
    """The booking ``code`` if ``phone`` is its phone (ADR 0004: a code alone
    tells nothing)."""
    appointment = (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("line__service_point__agency")
        .filter(code=code.strip().upper()[:12])
        .first()
    )
    try:
        cleaned = phone_clean(phone)
    except InvalidInput:
        cleaned = ""
    if appointment is None or appointment.phone != cleaned:
        raise NotFound(_("No booking has this code and phone number."))
    return appointment


def appointment_cancel(*, code: str, phone: str, now: datetime) -> Appointment:
    """Cancel a booking that has not been used; its place is free again.

    Raises:
        NotFound: no booking has this code and phone.
        Conflict: the booking was used, cancelled, or its slot has passed.
    """
    with transaction.atomic():
        appointment = _appointment_held(code, phone)
        if appointment.status != AppointmentStatus.BOOKED or now >= local(
            appointment.day, appointment.slot_start
        ):
            raise Conflict(_("This booking can no longer be cancelled."))
        appointment.status = AppointmentStatus.CANCELLED
        appointment.cancelled_at = now
        appointment.save(update_fields=["status", "cancelled_at"])
        _appointment_notify(
            appointment, NotificationKind.APPOINTMENT_CANCELLED, now=now
        )
    return appointment


def appointment_move(
    *, code: str, phone: str, day: date, slot: time, now: datetime
) -> Appointment:
    """Move a booking to another slot of the same line (same code).

    Raises:
        NotFound: no booking has this code and phone.
        Conflict: the booking was used or cancelled, or the new slot is full.
        InvalidInput: the new slot is not open for booking.
    """
    with transaction.atomic():
        appointment = _appointment_held(code, phone)
        if appointment.status != AppointmentStatus.BOOKED:
            raise Conflict(_("This booking can no longer be moved."))
        line = (
            ServiceLine.objects.select_for_update()
            .select_related("service_point__agency")
            .get(pk=appointment.line_id)
        )
        _slot_check(line, day, slot, now=now, moving=appointment.pk)
        appointment.day, appointment.slot_start = day, slot
        appointment.reminded_at = None
        appointment.save(update_fields=["day", "slot_start", "reminded_at"])
        _appointment_notify(appointment, NotificationKind.APPOINTMENT_BOOKED, now=now)
    return appointment


def appointment_check_in(*, service_point_id: int, code: str, now: datetime) -> Ticket:
    """Turn a booking of today into a ticket at the hall's kiosk: a priority
    ticket (the hall's appointment priority) within its window. A booking
    already checked in gives its ticket again.

    Raises:
        NotFound: no booking of this hall has the code.
        InvalidInput: too early (it says from when) or too late, or not today.
        Conflict: the booking was cancelled.
    """
    with transaction.atomic():
        appointment = (
            Appointment.objects.select_for_update(of=("self",))
            .select_related("line__service_point", "ticket__line")
            .filter(
                code=code.strip().upper()[:12],
                line__service_point_id=service_point_id,
            )
            .first()
        )
        if appointment is None:
            raise NotFound(_("No booking of this hall has this code."))
        if appointment.status == AppointmentStatus.CHECKED_IN and appointment.ticket:
            return appointment.ticket
        if appointment.status == AppointmentStatus.CANCELLED:
            raise Conflict(_("This booking was cancelled."))
        opens, closes = check_in_window(
            appointment.line, appointment.day, appointment.slot_start
        )
        if now < opens:
            raise InvalidInput(
                _(
                    "Your booking is at %(slot)s on %(day)s: come back from"
                    " %(opens)s, or take a number without priority."
                )
                % {
                    "slot": appointment.slot_start.strftime("%H:%M"),
                    "day": appointment.day.strftime("%d/%m/%Y"),
                    "opens": opens.astimezone(ZoneInfo(settings.TIME_ZONE)).strftime(
                        "%H:%M"
                    ),
                },
                field_errors={"code": _("Too early for this booking.")},
            )
        if now > closes:
            raise InvalidInput(
                _(
                    "The time of this booking has passed: take a number without"
                    " priority."
                ),
                field_errors={"code": _("The booking's time has passed.")},
            )
        priority = (
            PriorityCategory.objects.filter(
                service_point_id=service_point_id,
                for_appointments=True,
                is_active=True,
            )
            .order_by("-weight")
            .first()
        )
        effects = day_effects(service_point_id=service_point_id, day=local_date(now))
        ticket = ticket_issue(
            line=appointment.line,
            now=now,
            procedure=appointment.procedure,
            priority=priority,
            # A day that puts online bookings first: the highest weight there is.
            weight=BOOKING_DAY_WEIGHT if effects.booking_priority else None,
        )
        appointment.status = AppointmentStatus.CHECKED_IN
        appointment.ticket = ticket
        appointment.save(update_fields=["status", "ticket"])
    return ticket


def appointments_remind(*, now: datetime) -> int:
    """Send the day-before reminder of every booking of tomorrow (local) not yet
    reminded; return how many were sent. Safe to run as often as wanted."""
    tomorrow = local_date(now) + timedelta(days=1)
    sent = 0
    due = Appointment.objects.filter(
        day=tomorrow, status=AppointmentStatus.BOOKED, reminded_at__isnull=True
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            appointment = (
                Appointment.objects.select_for_update(of=("self",))
                .select_related("line__service_point")
                .filter(pk=pk, reminded_at__isnull=True)
                .first()
            )
            if appointment is None:
                continue
            _appointment_notify(
                appointment, NotificationKind.APPOINTMENT_REMINDER, now=now
            )
            appointment.reminded_at = now
            appointment.save(update_fields=["reminded_at"])
            sent += 1
    return sent


def ticket_applicant_prefill(
    *, ticket_id: int, officer: User, now: datetime
) -> dict[str, str]:
    """What the reception form can take from the booking of a ticket the officer
    serves (name and phone); the access is logged. Empty without a booking.
    """
    appointment = (
        Appointment.objects.filter(
            ticket_id=ticket_id,
            ticket__spans__status=TicketStatus.SERVING,
            ticket__spans__officer=officer,
        )
        .distinct()
        .first()
    )
    if appointment is None:
        return {}
    AppointmentAccess.objects.create(
        user=officer, appointment=appointment, at=now, purpose="counter_prefill"
    )
    return {
        "applicant_name": appointment.name,
        "applicant_phone": appointment.phone,
    }


def appointments_anonymise(*, before: date) -> int:
    """Erase the name and phone of bookings of days before ``before`` (the
    retention purge, ``privacy``), and the log of who was shown them; the
    bookings stay for the hall's figures. Returns how many were erased."""
    with transaction.atomic():
        old = Appointment.objects.filter(day__lt=before).exclude(phone="", name="")
        AppointmentAccess.objects.filter(appointment__in=old).delete()
        return old.update(phone="", name="")
