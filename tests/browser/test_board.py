"""The hall TV board updates its figures by itself (issue "citizen portal" §8)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from motcua.dossiers.tests.factories import World


@pytest.fixture
def world(transactional_db) -> World:
    return World()


def test_the_tv_board_updates_by_itself_when_a_dossier_is_received(
    page: Page, live_server, world: World
):
    world.receive(timezone.now())
    url = f"{live_server.url}/bang-tien-do/service_point/{world.point.code}/"
    page.goto(f"{url}?tv=1&every=2")
    received_today = page.locator("#received-today")
    expect(received_today).to_have_text("1")
    # A mark on the page: it must survive, so the figures change without a reload.
    page.evaluate("window.boardMark = 'not reloaded'")

    world.receive(timezone.now())

    expect(received_today).to_have_text("2", timeout=15_000)
    assert page.evaluate("window.boardMark") == "not reloaded"
    assert "Trần Thị Hương" not in page.content()
