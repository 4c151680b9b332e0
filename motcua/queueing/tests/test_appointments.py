"""Online booking at a hall: slots from the working-time calendar, capacity
held under a lock, cancel and move, the day-before reminder, and the check-in
that makes a priority ticket within the booking's window."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from django.db import connection

from motcua.core.errors import Conflict, InvalidInput, NotFound
from motcua.core.testing import run_in_threads
from motcua.dossiers.tests.factories import vn
from motcua.notifications.models import OutboxMessage
from motcua.queueing.booking import day_slots
from motcua.queueing.models import (
    Appointment,
    AppointmentStatus,
    PriorityCategory,
    ServiceLine,
)
from motcua.queueing.selectors import appointment_no_shows, slot_choices
from motcua.queueing.services import (
    appointment_book,
    appointment_cancel,
    appointment_check_in,
    appointment_move,
    appointments_remind,
)
from motcua.queueing.tests.test_services import line_of

MONDAY = date(2026, 3, 2)
BOOKED_AT = vn(2026, 2, 27, 10)  # the Friday before
PHONE = "0912 345 678"


def booking_line(capacity: int = 2) -> ServiceLine:
    return line_of("B", booking_capacity=capacity, slot_minutes=30)


def book(line: ServiceLine, slot: time = time(9), phone: str = PHONE, **kw: Any):
    return appointment_book(
        line=line, day=MONDAY, slot=slot, phone=phone, now=BOOKED_AT, **kw
    )


@pytest.mark.django_db
def test_slots_fill_the_working_periods_of_working_days_only():
    line = booking_line()
    slots = day_slots(line, MONDAY)
    assert (len(slots), slots[0], slots[7], slots[8], slots[-1]) == (
        16,
        time(8),
        time(11, 30),
        time(13),
        time(16, 30),
    )
    assert day_slots(line, date(2026, 3, 1)) == []  # a Sunday
    assert day_slots(line, date(2026, 4, 30)) == []  # Reunification Day
    closed = line_of("C", booking_capacity=0)
    assert day_slots(closed, MONDAY) == []


@pytest.mark.django_db
def test_a_booking_takes_a_place_and_texts_its_code():
    line = booking_line(capacity=2)
    first = book(line, name="Nguyễn Văn An")
    assert first.phone == "0912345678"
    assert len(first.code) == 8 and first.code.isalnum()
    (sms,) = OutboxMessage.objects.filter(kind="appointment_booked")
    assert first.code in sms.body and "09:00 02/03/2026" in sms.body
    book(line, phone="0987 654 321")
    with pytest.raises(Conflict):
        book(line, phone="0909 000 111")
    free = {c.start: c.free for c in slot_choices(line, MONDAY, now=BOOKED_AT)}
    assert (free[time(9)], free[time(9, 30)]) == (0, 2)


@pytest.mark.django_db
def test_a_bad_phone_slot_or_repeat_is_refused_with_a_reason():
    line = booking_line()
    book(line)
    cases = [
        ({"phone": "12345"}, "phone"),
        ({"slot": time(9, 10)}, "slot"),  # not a slot start
        ({"slot": time(12, 30)}, "slot"),  # lunch
        ({"slot": time(10)}, "phone"),  # one booking per line and day
    ]
    for overrides, field in cases:
        with pytest.raises(InvalidInput) as refused:
            book(line, **overrides)  # type: ignore[arg-type]
        assert field in refused.value.field_errors
    with pytest.raises(InvalidInput):  # less than an hour ahead
        appointment_book(
            line=line,
            day=MONDAY,
            slot=time(9),
            phone="0987654321",
            now=vn(2026, 3, 2, 8, 30),
        )
    assert Appointment.objects.count() == 1


@pytest.mark.django_db
def test_only_the_phone_of_a_booking_cancels_or_moves_it():
    line = booking_line(capacity=1)
    booked = book(line)
    with pytest.raises(NotFound):
        appointment_cancel(code=booked.code, phone="0987654321", now=BOOKED_AT)
    moved = appointment_move(
        code=booked.code.lower(), phone=PHONE, day=MONDAY, slot=time(14), now=BOOKED_AT
    )
    assert (moved.code, moved.slot_start) == (booked.code, time(14))
    # The old place is free again; the new one is held.
    assert book(line, slot=time(9), phone="0987654321").slot_start == time(9)
    appointment_cancel(code=booked.code, phone=PHONE, now=BOOKED_AT)
    assert Appointment.objects.get(pk=booked.pk).status == AppointmentStatus.CANCELLED
    assert book(line, slot=time(14), phone="0909000111").slot_start == time(14)
    with pytest.raises(Conflict):
        appointment_cancel(code=booked.code, phone=PHONE, now=BOOKED_AT)
    assert OutboxMessage.objects.filter(kind="appointment_cancelled").count() == 1


@pytest.mark.django_db
def test_check_in_makes_a_priority_ticket_within_the_window_only():
    line = booking_line()
    holders = PriorityCategory.objects.create(
        service_point=line.service_point,
        name="Có lịch hẹn",
        weight=5,
        for_appointments=True,
    )
    booked = book(line)  # 09:00–09:30: check-in from 08:30 to 09:45
    hall = line.service_point_id
    with pytest.raises(InvalidInput) as early:
        appointment_check_in(
            service_point_id=hall, code=booked.code, now=vn(2026, 3, 2, 8, 20)
        )
    assert "08:30" in str(early.value.message)
    ticket = appointment_check_in(
        service_point_id=hall, code=booked.code, now=vn(2026, 3, 2, 8, 40)
    )
    assert (ticket.priority, ticket.line) == (holders, line)
    again = appointment_check_in(
        service_point_id=hall, code=booked.code, now=vn(2026, 3, 2, 8, 41)
    )
    assert again.pk == ticket.pk
    late = book(line, slot=time(10), phone="0987654321")
    with pytest.raises(InvalidInput):
        appointment_check_in(
            service_point_id=hall, code=late.code, now=vn(2026, 3, 2, 10, 50)
        )
    with pytest.raises(NotFound):
        appointment_check_in(
            service_point_id=line_of("C").service_point_id,
            code=booked.code,
            now=vn(2026, 3, 2, 8, 40),
        )


@pytest.mark.django_db
def test_tomorrows_bookings_are_reminded_once_and_unused_ones_are_no_shows():
    line = booking_line()
    kept = book(line)
    used = book(line, slot=time(10), phone="0987654321")
    assert appointments_remind(now=vn(2026, 2, 28, 18)) == 0  # Monday is not tomorrow
    assert appointments_remind(now=vn(2026, 3, 1, 18)) == 2
    assert appointments_remind(now=vn(2026, 3, 1, 19)) == 0
    assert OutboxMessage.objects.filter(kind="appointment_reminder").count() == 2
    appointment_check_in(
        service_point_id=line.service_point_id,
        code=used.code,
        now=vn(2026, 3, 2, 9, 45),
    )
    hall = line.service_point
    counted = {
        at: appointment_no_shows(service_point=hall, first=MONDAY, last=MONDAY, now=at)
        for at in (vn(2026, 3, 2, 9, 40), vn(2026, 3, 2, 9, 50))
    }
    # 09:00 slot: a no-show after 09:45; the 10:00 one was checked in.
    assert counted == {vn(2026, 3, 2, 9, 40): 0, vn(2026, 3, 2, 9, 50): 1}
    assert Appointment.objects.get(pk=kept.pk).status == AppointmentStatus.BOOKED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks"
)
def test_two_citizens_booking_the_last_place_at_once_get_one_booking():
    line = booking_line(capacity=1)

    def try_book(index: int) -> str:
        try:
            book(line, phone=f"09123456{index:02d}")
        except Conflict:
            return "full"
        return "booked"

    results = sorted(run_in_threads(4, try_book))  # type: ignore[type-var]
    assert results == ["booked", "full", "full", "full"]
    assert Appointment.objects.count() == 1
