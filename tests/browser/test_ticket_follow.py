"""A queue ticket followed on a small phone: the page fits and says whose turn."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from motcua.dossiers.tests.factories import vn
from motcua.queueing.models import Ticket
from motcua.queueing.services import ticket_call_next, ticket_issue
from motcua.queueing.tests.test_services import line_of, session_of


@pytest.fixture
def waiting(transactional_db) -> tuple[Ticket, Ticket]:
    line = line_of()
    first = ticket_issue(line=line, now=vn(2026, 3, 2, 8))
    return first, ticket_issue(line=line, now=vn(2026, 3, 2, 8, 1))


def test_a_phone_sees_its_place_then_its_counter(
    page: Page, live_server, waiting: tuple[Ticket, Ticket]
):
    first, mine = waiting
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/so-thu-tu/{mine.follow_key}/")

    expect(page.locator("#ticket-code")).to_have_text("B-002")
    expect(page.locator("#ticket-ahead")).to_have_text("1 người đứng trước bạn.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    session = session_of(first.line, 7)
    for _ in range(2):
        ticket_call_next(session=session, now=vn(2026, 3, 2, 8, 5))
    page.reload()
    expect(page.locator("#ticket-called")).to_have_text(
        "Đến lượt bạn: mời đến quầy số 7."
    )
