"""Booking a time online over real HTTP, and checking in at the kiosk.

The suite's clock stands at Tuesday 17/11/2026 09:30 (``conftest.FIXED_NOW``).
"""

from __future__ import annotations

from datetime import date, time

import pytest
from django.test import Client
from django.urls import reverse

from motcua.dossiers.tests.factories import vn
from motcua.notifications.models import OutboxMessage
from motcua.queueing.models import (
    Appointment,
    AppointmentStatus,
    DeviceKind,
    HallDevice,
    PriorityCategory,
    ServiceLine,
    Ticket,
)
from motcua.queueing.services import appointment_book
from motcua.queueing.tests.test_services import line_of

pytestmark = pytest.mark.django_db

WEDNESDAY = date(2026, 11, 18)


def booking_line() -> ServiceLine:
    return line_of("B", booking_capacity=1, slot_minutes=30)


def test_a_citizen_books_a_time_and_sees_it_with_its_qr(client: Client):
    line = booking_line()
    hall = line.service_point
    index = client.get(reverse("portal:booking_index")).content.decode()
    assert reverse("portal:booking_hall", args=[hall.code]) in index
    url = reverse("portal:booking_hall", args=[hall.code])
    page = client.get(url, {"line": str(line.pk), "day": "2026-11-18"}).content.decode()
    assert 'value="2026-11-18" selected' in page
    assert 'name="slot" value="08:00"' in page and 'name="slot" value="16:30"' in page
    booked = client.post(
        url,
        {
            "line": line.pk,
            "day": "2026-11-18",
            "slot": "09:00",
            "phone": "0912 345 678",
        },
    )
    assert booked.status_code == 302
    appointment = Appointment.objects.get()
    assert (appointment.day, appointment.slot_start) == (WEDNESDAY, time(9))
    assert booked["Location"] == reverse(
        "portal:booking_detail", args=[appointment.code]
    )
    detail = client.get(booked["Location"]).content.decode()
    assert f'id="booking-code">{appointment.code}<' in detail
    assert 'id="booking-qr" ' in detail or 'id="booking-qr">' in detail
    assert "Đã đặt lịch" in detail  # the message of the booking
    assert OutboxMessage.objects.filter(
        kind="appointment_booked", recipient="0912345678"
    ).exists()
    # The place is taken: the next citizen sees the time full.
    other = (
        Client().get(url, {"line": str(line.pk), "day": "2026-11-18"}).content.decode()
    )
    assert 'value="09:00" disabled' in other


def test_a_booking_shows_only_with_its_phone(client: Client):
    line = booking_line()
    appointment = appointment_book(
        line=line,
        day=WEDNESDAY,
        slot=time(9),
        phone="0912345678",
        now=vn(2026, 11, 17, 8),
    )
    url = reverse("portal:booking_detail", args=[appointment.code])
    asked = client.get(url).content.decode()
    assert 'id="booking-check"' in asked and "0912345678" not in asked
    wrong = client.post(url, {"phone": "0987654321"})
    assert wrong.status_code == 404
    assert "Không có lịch hẹn nào có mã và số điện thoại này." in wrong.content.decode()
    right = client.post(url, {"phone": "0912 345 678"})
    assert f'id="booking-code">{appointment.code}<' in right.content.decode()
    # The phone is remembered by this browser only: it cancels without asking.
    cancel = reverse("portal:booking_cancel", args=[appointment.code])
    assert Client().post(cancel).status_code == 302
    assert Appointment.objects.get().status == AppointmentStatus.BOOKED
    client.post(cancel)
    assert Appointment.objects.get().status == AppointmentStatus.CANCELLED


def test_a_booking_moves_to_another_time_with_the_same_code(client: Client):
    line = booking_line()
    appointment = appointment_book(
        line=line,
        day=WEDNESDAY,
        slot=time(9),
        phone="0912345678",
        now=vn(2026, 11, 17, 8),
    )
    find = client.post(
        reverse("portal:booking_find"),
        {"code": appointment.code.lower(), "phone": "0912345678"},
    )
    assert find["Location"] == reverse("portal:booking_detail", args=[appointment.code])
    client.post(
        reverse("portal:booking_move", args=[appointment.code]),
        {"day": "2026-11-18", "slot": "14:30"},
    )
    appointment.refresh_from_db()
    assert appointment.slot_start == time(14, 30)


def test_a_bad_phone_or_a_missing_time_is_explained(client: Client):
    line = booking_line()
    url = reverse("portal:booking_hall", args=[line.service_point.code])
    bad = client.post(
        url, {"line": line.pk, "day": "2026-11-18", "slot": "09:00", "phone": "12"}
    )
    assert bad.status_code == 422
    html = bad.content.decode()
    assert "Kiểm tra lại số điện thoại." in html
    assert "Nhập số điện thoại Việt Nam, ví dụ 0912 345 678." in html
    missing = client.post(
        url, {"line": line.pk, "day": "2026-11-18", "phone": "0912345678"}
    )
    assert missing.status_code == 422
    assert "Hãy chọn dòng dịch vụ, ngày và giờ." in missing.content.decode()
    assert not Appointment.objects.exists()


def test_a_booking_of_today_checks_in_at_the_kiosk_as_a_priority(client: Client):
    line = booking_line()
    holders = PriorityCategory.objects.create(
        service_point=line.service_point,
        name="Có lịch hẹn",
        weight=5,
        for_appointments=True,
    )
    kiosk = HallDevice.objects.create(
        service_point=line.service_point, kind=DeviceKind.KIOSK, name="kiosk"
    )
    appointment = appointment_book(
        line=line, day=date(2026, 11, 17), slot=time(10), phone="0912345678",
        now=vn(2026, 11, 16, 15),
    )  # fmt: skip
    url = reverse("portal:kiosk_check_in", args=[kiosk.key])
    wrong = client.post(url, {"code": "ZZZZZZZZ"})
    assert wrong.status_code == 422
    assert 'id="kiosk-error"' in wrong.content.decode()
    taken = client.post(url, {"code": f" {appointment.code.lower()} "})
    ticket = Ticket.objects.get()
    assert taken["Location"] == reverse(
        "portal:kiosk_ticket", args=[kiosk.key, ticket.follow_key]
    )
    assert ticket.priority == holders
    slip = client.get(taken["Location"]).content.decode()
    assert "Ưu tiên: Có lịch hẹn" in slip
