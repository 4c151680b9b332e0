"""Day policies as data: when they apply, and what they change."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from django.urls import reverse

from motcua.dossiers.tests.factories import vn
from motcua.queueing.models import DayPolicy, PriorityCategory
from motcua.queueing.policies import day_effects
from motcua.queueing.services import appointment_book, appointment_check_in
from motcua.queueing.tests.test_services import line_of

pytestmark = pytest.mark.django_db

TUESDAY = date(2026, 11, 17)


def test_a_policy_applies_on_its_weekdays_within_its_dates():
    line = line_of()
    hall = line.service_point
    DayPolicy.objects.create(
        service_point=hall,
        name="Thứ Ba không viết, không giấy hẹn",
        weekdays="1",
        no_paper_receipt=True,
        prefilled_declaration=True,
    )
    DayPolicy.objects.create(
        service_point=hall,
        name="Tháng cao điểm",
        starts_on=date(2026, 11, 1),
        ends_on=date(2026, 11, 30),
        open_until=time(19),
    )
    DayPolicy.objects.create(
        service_point=hall, name="Đã tắt", no_paper_receipt=True, is_active=False
    )
    tuesday = day_effects(service_point_id=hall.pk, day=TUESDAY)
    assert tuesday.names == ("Thứ Ba không viết, không giấy hẹn", "Tháng cao điểm")
    assert (tuesday.no_paper_receipt, tuesday.prefilled_declaration) == (True, True)
    assert tuesday.open_until == time(19)
    wednesday = day_effects(service_point_id=hall.pk, day=date(2026, 11, 18))
    assert wednesday.names == ("Tháng cao điểm",) and not wednesday.no_paper_receipt
    december = day_effects(service_point_id=hall.pk, day=date(2026, 12, 1))
    assert december.names == ("Thứ Ba không viết, không giấy hẹn",)
    assert not day_effects(service_point_id=line_of("C").service_point_id, day=TUESDAY)


def test_on_a_bookings_first_day_a_checked_in_booking_goes_first():
    line = line_of("B", booking_capacity=2)
    PriorityCategory.objects.create(
        service_point=line.service_point,
        name="Có lịch hẹn",
        weight=3,
        for_appointments=True,
    )
    booked = [
        appointment_book(
            line=line,
            day=day,
            slot=time(10),
            phone="0912345678",
            now=vn(2026, 11, 16, 8),
        )
        for day in (TUESDAY, date(2026, 11, 18))
    ]
    DayPolicy.objects.create(
        service_point=line.service_point,
        name="Thứ Ba ưu tiên đặt lịch",
        weekdays="1",
        booking_priority=True,
    )
    hall = line.service_point_id
    tuesday = appointment_check_in(
        service_point_id=hall, code=booked[0].code, now=vn(2026, 11, 17, 9, 45)
    )
    wednesday = appointment_check_in(
        service_point_id=hall, code=booked[1].code, now=vn(2026, 11, 18, 9, 45)
    )
    assert (tuesday.weight, wednesday.weight) == (Decimal(20), Decimal(3))


def test_the_kiosk_says_which_policy_applies_today(client):
    from motcua.queueing.models import DeviceKind, HallDevice

    line = line_of()
    DayPolicy.objects.create(
        service_point=line.service_point,
        name="Thứ Ba xanh",
        weekdays="1",
        open_until=time(19),
    )
    kiosk = HallDevice.objects.create(
        service_point=line.service_point, kind=DeviceKind.KIOSK, name="k"
    )
    page = client.get(reverse("portal:hall_device", args=[kiosk.key])).content.decode()
    assert 'id="kiosk-day-policy">Thứ Ba xanh<' in page
    assert "19:00" in page
