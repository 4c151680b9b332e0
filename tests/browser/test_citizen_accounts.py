"""Citizen account pages in a real Chromium: axe-core, 320 px, keyboard only.

Chromium is Debian's (``MOTCUA_CHROMIUM`` or ``chromium`` on the PATH), never
downloaded; without it, or without axe-playwright-python, the tests are skipped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, ViewportSize, expect

from motcua.citizens.models import Citizen
from motcua.citizens.services import stored_paper_add
from motcua.citizens.tests.codes import code_sent_to
from motcua.citizens.tests.factories import ID_NUMBER, NOW, PASSWORD, citizen
from motcua.dossiers import services as s
from motcua.dossiers.access import dossier_get_for_user
from motcua.dossiers.tests.factories import World, all_ticks, applicant

try:
    from axe_playwright_python.sync_playwright import (  # type: ignore[import-untyped]
        Axe,
    )
except ImportError:  # pragma: no cover - depends on the environment
    Axe = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE: ViewportSize = {"width": 320, "height": 640}


def assert_accessible(page: Page, url: str) -> None:
    """No serious or critical axe violation, and no sideways scrolling at 320 px."""
    if Axe is None:
        pytest.skip("axe-playwright-python not installed")
    page.set_viewport_size(PHONE)
    violations = [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert violations == [], url
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{url} scrolls sideways: {width} px"


def tab_to(page: Page, element_id: str) -> None:
    for _press in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    pytest.fail(f"#{element_id} cannot be reached with the Tab key")


def test_a_citizen_signs_up_with_the_keyboard_alone(page: Page, live_server: Any):
    page.goto(f"{live_server.url}/cong-dan/dang-ky/")
    typed = {
        "id_full_name": "Trần Thị Hương",
        "id_id_number": ID_NUMBER,
        "id_phone": "0912345678",
        "id_password": PASSWORD,
        "id_password_again": PASSWORD,
    }
    for element_id, text in typed.items():
        tab_to(page, element_id)
        page.keyboard.type(text)
    tab_to(page, "signup-submit")
    page.keyboard.press("Enter")
    expect(page.locator("#signup-confirm-form")).to_be_visible()
    tab_to(page, "id_code")
    page.keyboard.type(code_sent_to("0912345678"))  # as read on the phone
    tab_to(page, "signup-confirm-submit")

    page.keyboard.press("Enter")

    expect(page.locator("#my-dossiers")).to_be_visible()
    assert page.url.endswith("/cong-dan/ho-so-cua-toi/")
    assert Citizen.objects.filter(id_number=ID_NUMBER).exists()


@pytest.mark.parametrize(
    "path",
    [
        "/cong-dan/dang-ky/",
        "/cong-dan/dang-nhap/",
        "/cong-dan/dang-nhap/?x",
        "/cong-dan/quen-mat-khau/",
    ],
)
def test_the_public_account_pages_pass_axe_at_320_px(
    page: Page, live_server: Any, path: str
):
    page.goto(f"{live_server.url}{path}")
    if path.endswith("?x"):  # the login page with its error shown
        page.locator("#id_id_number").fill("123")
        page.locator("#login-submit").click()
        expect(page.locator("#id_number-errors")).to_be_visible()

    assert_accessible(page, path)


def test_my_dossiers_and_my_papers_pass_axe_at_320_px(page: Page, live_server: Any):
    cache.clear()
    world = World()
    user = citizen()
    s.dossier_register_online(
        now=NOW,
        procedure=world.procedure,
        competent_agency=world.agency,
        applicant=applicant(),
        papers=all_ticks(world.procedure),
        account=user,
    )
    stored_paper_add(
        owner=user,
        name="Giấy xác nhận thông tin về cư trú",
        kind="result",
        now=NOW,
        number="12/2026",
        issued_by=world.agency.name,
        issued_at=NOW,
    )
    page.goto(f"{live_server.url}/cong-dan/dang-nhap/")
    page.locator("#id_id_number").fill(ID_NUMBER)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.locator("#my-dossiers")).to_be_visible()
    assert_accessible(page, "my dossiers")

    page.goto(f"{live_server.url}/cong-dan/giay-to-cua-toi/")
    expect(page.locator("#my-papers")).to_contain_text("12/2026")
    assert_accessible(page, "my papers")


def test_my_personal_data_lists_views_downloads_and_erases(
    page: Page, live_server: Any
):
    cache.clear()
    world = World()
    user = citizen()
    dossier = s.dossier_register_online(
        now=NOW,
        procedure=world.procedure,
        competent_agency=world.agency,
        applicant=applicant(),
        papers=all_ticks(world.procedure),
        account=user,
    )
    dossier_get_for_user(user=world.officer, code=dossier.code, purpose="view", now=NOW)
    page.goto(f"{live_server.url}/cong-dan/dang-nhap/")
    page.locator("#id_id_number").fill(ID_NUMBER)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.locator("#my-data-link").click()

    expect(page.locator("#data-views")).to_contain_text(world.agency.name)
    expect(page.locator("#data-views")).to_contain_text(dossier.code)
    assert_accessible(page, "my personal data")
    with page.expect_download() as download:
        page.locator("#data-download").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["citizen"]["id_number"] == ID_NUMBER

    page.locator("#erase-link").click()
    page.locator("#id_id_number").fill(ID_NUMBER)
    page.locator("#id_understood").check()
    page.locator("#erase-submit").click()
    expect(page.locator("#erase-errors")).to_contain_text(dossier.code)  # still open

    s.dossier_refuse(
        dossier_code=dossier.code, actor=world.officer, now=NOW, reasons="Thiếu giấy"
    )
    page.locator("#id_understood").check()
    page.locator("#erase-submit").click()
    expect(page.locator("#kept-dossiers")).to_contain_text(dossier.code)
    assert_accessible(page, "account erased")
    assert not Citizen.objects.filter(id_number=ID_NUMBER).exists()
