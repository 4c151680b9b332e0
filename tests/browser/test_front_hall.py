"""A morning in the hall, in Chromium: a ticket from the kiosk, followed on a
phone, called from the console, shown on the hall's display (also after the
display lost its network), and served into the reception screen."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from motcua.agencies.models import Counter
from motcua.dossiers.tests.factories import World
from motcua.queueing.models import DeviceKind, HallDevice, ServiceLine, Ticket
from motcua.queueing.services import ticket_issue
from tests.browser.test_counter import log_in
from tests.browser.test_counter import world as world

# The display polls every second; the bound is wider so a busy machine does not
# fail the test (bench/hall.py prints the measured latency).
SHOWN_WITHIN_MS = 5_000


@pytest.fixture
def hall(world: World) -> dict[str, Any]:
    line = ServiceLine.objects.create(
        service_point=world.point, prefix="B", name="Tư pháp – hộ tịch"
    )
    line.procedures.add(world.procedure)
    Counter.objects.create(service_point=world.point, number=3)
    kiosk, display = (
        HallDevice.objects.create(service_point=world.point, kind=kind, name=kind)
        for kind in (DeviceKind.KIOSK, DeviceKind.HALL_DISPLAY)
    )
    return {"line": line, "kiosk": kiosk, "display": display}


def test_a_ticket_goes_from_the_kiosk_to_the_display_and_the_counter(
    page: Page, browser: Browser, live_server, world: World, hall: dict[str, Any]
):
    base = live_server.url
    # The kiosk: one touch on the line.
    page.goto(f"{base}/sanh/{hall['kiosk'].key}/")
    page.locator(".kiosk-choice[data-prefix='B']").click()
    expect(page.locator("#slip-code")).to_have_text("B-001")
    expect(page.locator(".slip-qr")).to_be_visible()
    ticket = Ticket.objects.get()

    # The wall display, in its own browser (its network fails later).
    screen = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    display = screen.new_page()
    display.goto(f"{base}/sanh/{hall['display'].key}/")
    expect(display.locator("#hall-waiting")).to_contain_text("1")

    # The phone, from the ticket's QR.
    phone = page.context.new_page()
    phone.set_viewport_size({"width": 320, "height": 640})
    phone.goto(f"{base}/so-thu-tu/{ticket.follow_key}/")
    expect(phone.locator("#ticket-ahead")).to_have_text("0 người đứng trước bạn.")

    # The officer opens counter 3 and calls.
    officer = page.context.new_page()
    log_in(officer, base, "officer")
    officer.goto(f"{base}/counter/queue/")
    officer.locator("#console-open-button").click()
    officer.locator("#console-next").click()
    expect(officer.locator("#console-ticket")).to_have_text("B-001")

    counter_three = display.locator("#hall-counters [data-counter='3'] .ticket")
    expect(counter_three).to_have_text("B-001", timeout=SHOWN_WITHIN_MS)
    expect(display.locator("#hall-call")).to_have_text(
        "Mời công dân có số thứ tự bê một đến quầy số ba"
    )
    phone.reload()
    expect(phone.locator("#ticket-called")).to_have_text(
        "Đến lượt bạn: mời đến quầy số 3."
    )

    # The display loses its network, the hall goes on, the display catches up.
    screen.set_offline(True)
    ticket_issue(line=hall["line"], now=ticket.issued_at, procedure=world.procedure)
    officer.locator("#console-next").click()
    expect(officer.locator("#console-ticket")).to_have_text("B-002")
    display.wait_for_timeout(1_500)
    expect(counter_three).to_have_text("B-001")
    screen.set_offline(False)
    expect(counter_three).to_have_text("B-002", timeout=SHOWN_WITHIN_MS)
    screen.close()

    # Serve opens reception with the ticket's procedure chosen.
    officer.locator("#console-serve").click()
    expect(officer.locator("#counter-ticket")).to_be_visible()
    expect(
        officer.locator(f"input[name='procedure'][value='{world.procedure.code}']")
    ).to_be_checked()
