"""A citizen finds a procedure on a 360 px phone using only the keyboard."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

BIRTH_NAME = "Thủ tục đăng ký khai sinh"
WIDTH = 360


@pytest.fixture
def demo(transactional_db) -> None:
    call_command("seed_demo", "--own-seed", stdout=StringIO())


def tab_to(page: Page, selector: str, *, limit: int = 40) -> None:
    """Press Tab until ``selector`` has the focus (as a keyboard user would)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    pytest.fail(f"{selector} never got the keyboard focus")


def fits_the_screen(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") <= WIDTH)


def test_a_citizen_finds_the_birth_registration_with_the_keyboard(
    page: Page, live_server, demo
):
    page.set_viewport_size({"width": WIDTH, "height": 720})
    page.goto(f"{live_server.url}/cong-dan/")
    assert fits_the_screen(page)

    tab_to(page, "#procedure-query")
    page.keyboard.type("dang ky khai sinh")
    page.keyboard.press("Enter")

    first = page.locator("#procedure-results li a").first
    expect(first).to_have_text(BIRTH_NAME)
    assert fits_the_screen(page)
    tab_to(page, "#procedure-results li:first-child a")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(BIRTH_NAME)
    expect(page.locator("#papers ol li")).to_have_count(2)
    expect(page.locator("#papers")).to_contain_text("Giấy chứng sinh")
    expect(page.locator("#where .point")).to_have_count(5)
    expect(page.locator("#where")).to_contain_text("Số 1 phố Mẫu (demo)")
    assert fits_the_screen(page)

    tab_to(page, "#start-button")
    expect(page.locator("#start-button")).to_have_attribute(
        "href", "/nop-truc-tuyen/1.001193/"
    )
