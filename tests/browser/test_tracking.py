"""A citizen tracks a dossier by code on a 320 px phone, then adds the 4 digits."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Page, expect

from motcua.dossiers import services as s
from motcua.dossiers.models import Dossier, PublicLookup
from motcua.dossiers.tests.factories import World

NAME = "Trần Thị Hương"
PERSONAL_ID = "001190012345"


@pytest.fixture
def dossier(transactional_db) -> Dossier:
    cache.clear()
    world = World()
    now = timezone.now().replace(microsecond=0)
    dossier = world.processing(now)
    s.dossier_request_supplement(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=now,
        items=["Bản sao giấy khai sinh", "Ảnh 4x6"],
    )
    return dossier


def test_a_citizen_tracks_a_dossier_on_a_small_phone(
    page: Page, live_server, dossier: Dossier
):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/tra-cuu/")
    page.locator("#id_code").fill(dossier.code)
    page.locator("#tracking-submit").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(dossier.code)
    expect(page.locator("#todo-items li")).to_have_count(2)
    expect(page.locator("#todo-items")).to_contain_text("Ảnh 4x6")
    html = page.content()
    assert NAME not in html
    assert PERSONAL_ID not in html
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    page.get_by_role("textbox", name="4").fill("1111")
    page.locator("#check-submit").click()
    expect(page.locator("#check-wrong")).to_be_visible()
    assert NAME not in page.content()

    page.locator("#check").fill("2345")
    page.keyboard.press("Enter")
    expect(page.locator("#applicant-name")).to_have_text(NAME)
    assert PublicLookup.objects.filter(with_check=True, check_ok=False).count() == 1
    assert PublicLookup.objects.filter(check_ok=True).count() == 1
