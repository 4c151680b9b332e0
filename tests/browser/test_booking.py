"""A citizen books a time on a phone, checks in at the kiosk and gets a
priority ticket; on a paperless day the officer shows the receipt as a QR."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from motcua.agencies.models import Counter
from motcua.dossiers.tests.factories import World
from motcua.notifications.models import OutboxMessage
from motcua.queueing.models import (
    Appointment,
    DayPolicy,
    DeviceKind,
    HallDevice,
    PriorityCategory,
    ServiceLine,
    Ticket,
)
from tests.browser.test_counter import log_in
from tests.browser.test_counter import world as world


@pytest.fixture
def hall(world: World) -> dict[str, Any]:
    line = ServiceLine.objects.create(
        service_point=world.point,
        prefix="B",
        name="Cư trú",
        booking_capacity=2,
        slot_minutes=30,
    )
    line.procedures.add(world.procedure)
    Counter.objects.create(service_point=world.point, number=1)
    holders = PriorityCategory.objects.create(
        service_point=world.point, name="Có lịch hẹn", weight=5, for_appointments=True
    )
    kiosk = HallDevice.objects.create(
        service_point=world.point, kind=DeviceKind.KIOSK, name="kiosk"
    )
    return {"line": line, "kiosk": kiosk, "holders": holders}


def test_a_booking_made_on_a_phone_becomes_a_priority_ticket_at_the_kiosk(
    page: Page, live_server, world: World, hall: dict[str, Any]
):
    # Browser tests run on the machine's clock: the test books the first day
    # and time the page offers, then moves the booking around "now" to check in.
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/dat-lich/{world.point.code}/")
    page.locator("input[name='slot']:not([disabled])").first.check()
    page.locator("#booking-phone").fill("0912 345 678")
    page.locator("#booking-submit").click()
    booking = Appointment.objects.get()
    expect(page.locator("#booking-code")).to_have_text(booking.code)
    expect(page.locator("#booking-qr")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert OutboxMessage.objects.filter(kind="appointment_booked").exists()

    # Two hours ahead: too early at the kiosk, which says from when.
    later = timezone.localtime() + timedelta(hours=2)
    Appointment.objects.filter(pk=booking.pk).update(
        day=later.date(), slot_start=later.time().replace(second=0, microsecond=0)
    )
    opens = (later - timedelta(minutes=30)).strftime("%H:%M")
    kiosk = page.context.new_page()
    kiosk.goto(f"{live_server.url}/sanh/{hall['kiosk'].key}/")
    kiosk.locator("#kiosk-code").fill(booking.code)
    kiosk.locator("#kiosk-check-in-button").click()
    expect(kiosk.locator("#kiosk-error")).to_contain_text(opens)
    assert not Ticket.objects.exists()

    # A slot that began ten minutes ago: a priority ticket.
    began = timezone.localtime() - timedelta(minutes=10)
    Appointment.objects.filter(pk=booking.pk).update(
        day=began.date(), slot_start=began.time().replace(second=0, microsecond=0)
    )
    kiosk.locator("#kiosk-code").fill(booking.code.lower())
    kiosk.locator("#kiosk-check-in-button").click()
    expect(kiosk.locator("#slip-code")).to_have_text("B-001")
    expect(kiosk.locator("#slip-priority")).to_have_text("Ưu tiên: Có lịch hẹn")


def test_on_a_paperless_day_the_receipt_is_a_qr_on_the_screen(
    page: Page, live_server, world: World, hall: dict[str, Any]
):
    DayPolicy.objects.create(
        service_point=world.point,
        name="Ngày không giấy hẹn",
        weekdays="",  # every day: the browser runs on the machine's clock
        no_paper_receipt=True,
    )
    log_in(page, live_server.url, "officer")
    page.goto(f"{live_server.url}/counter/?procedure={world.procedure.code}")
    expect(page.locator("#day-policy")).to_contain_text("Ngày không giấy hẹn")
    for box in page.locator("#checklist input[type='checkbox']").all():
        box.check()
    page.locator("#id_applicant_id_number").fill("001190012345")
    page.locator("#id_applicant_name").fill("Trần Thị Hương")
    page.locator("#id_applicant_phone").fill("0912345678")
    page.locator("[data-testid='confirm']").click()
    expect(page.locator("#paperless-receipt")).to_be_visible()
    expect(page.locator("[data-testid='receipt-qr']")).to_be_visible()
    assert OutboxMessage.objects.filter(
        kind="received", recipient="0912345678"
    ).exists()
