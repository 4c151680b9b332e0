"""The /brand/ page in a real browser: the header bar wears the kit's colour."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from motcua.core.models import BrandKit, brand_cache_clear
from motcua.core.tests.factories import brand_kit_make


@pytest.fixture
def kit(transactional_db) -> Iterator[BrandKit]:
    brand_cache_clear()
    yield brand_kit_make(primary_colour="#0b4f8a", h1_size="2rem")
    brand_cache_clear()


def test_the_brand_page_shows_the_kit_and_the_header_uses_its_colour(
    page: Page, live_server, kit: BrandKit
):
    page.goto(f"{live_server.url}/brand/")

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("#kit-unit-name")).to_have_text(kit.unit_name)
    expect(page.locator("[data-testid=swatch]").first).to_contain_text("#0b4f8a")
    header = page.locator("body > header.brand-bar")
    background = header.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(11, 79, 138)"  # #0b4f8a
    title_px = page.locator("h1").evaluate("el => getComputedStyle(el).fontSize")
    assert title_px == "32px"  # 2rem
    # Nothing wider than a phone's screen either.
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
