"""An officer receives a dossier at the counter with the keyboard alone."""

from __future__ import annotations

import copy

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from motcua.core.text import fold
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import World
from motcua.population.adapters import DemoPopulationAdapter
from motcua.procedures.models import Procedure, RequiredPaper

MENU = "motcua.backoffice.context_processors.worklist_counts"
PASSWORD = "demo12345"  # a test account


@pytest.fixture(autouse=True)
def menu_counts(settings):
    """Turn the menu's context processor on (until the settings list it)."""
    templates = copy.deepcopy(settings.TEMPLATES)
    processors = templates[0]["OPTIONS"]["context_processors"]
    if MENU not in processors:
        processors.append(MENU)
        settings.TEMPLATES = templates


@pytest.fixture
def world(transactional_db) -> World:
    made = World()
    procedure = made.procedure
    Procedure.objects.filter(pk=procedure.pk).update(
        name_folded=fold(procedure.name),
        search_text=fold(f"{procedure.name} {procedure.code}"),
    )
    made.officer.set_password(PASSWORD)
    made.officer.save()
    return made


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.locator("#quick-search")).to_be_visible()


def test_an_officer_receives_a_dossier_at_the_counter_with_the_keyboard(
    page: Page, live_server, world: World
):
    personal_id = "001090001234"
    citizen = DemoPopulationAdapter().citizen_get(personal_id)
    assert citizen is not None
    log_in(page, live_server.url, "officer")
    page.goto(f"{live_server.url}/counter/")

    # 1. The procedure search has the focus: type without accents, arrow to it.
    expect(page.get_by_test_id("procedure-search")).to_be_focused()
    page.keyboard.type("dang ky thuong tru")
    expect(page.get_by_test_id("procedure-option").first).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.get_by_test_id("paper")).to_have_count(2)
    expect(page.get_by_test_id("deadline-value")).to_be_visible()

    # 2. The personal ID, then Enter: the population data fills the rest.
    page.keyboard.press("Alt+i")
    expect(page.get_by_test_id("personal-id")).to_be_focused()
    page.keyboard.type(personal_id)
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("lookup-found")).to_be_visible()
    expect(page.locator("#id_applicant_name")).to_have_value(citizen.full_name)
    expect(page.locator("#id_applicant_address")).to_have_value(citizen.address)

    # 3. Tick both papers: Alt+K jumps to the first, Tab past its reference field.
    page.keyboard.press("Alt+k")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.get_by_test_id("paper").nth(1)).to_be_checked()

    # 4. Enter in a text field confirms; the dossier page offers the receipt.
    page.locator("#id_applicant_phone").focus()
    page.keyboard.type("0912345678")
    page.keyboard.press("Enter")
    receipt = page.get_by_test_id("print-receipt")
    expect(receipt).to_be_visible()
    dossier = Dossier.objects.get()
    expect(page.get_by_test_id("dossier-code")).to_have_text(dossier.code)
    assert dossier.applicant_name == citizen.full_name
    href = receipt.get_attribute("href")
    assert href is not None
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_a_missing_paper_keeps_what_the_officer_typed(
    page: Page, live_server, world: World
):
    log_in(page, live_server.url, "officer")
    page.goto(f"{live_server.url}/counter/")
    page.get_by_test_id("procedure-search").fill("1.004222")
    page.get_by_test_id("procedure-option").first.check()
    expect(page.get_by_test_id("paper")).to_have_count(2)
    page.get_by_test_id("personal-id").fill("001190000000")  # not in the data
    page.get_by_test_id("citizen-lookup").click()
    expect(page.get_by_test_id("lookup-message")).to_be_visible()
    page.locator("#id_applicant_name").fill("Trần Thị Hương")
    page.get_by_test_id("paper").first.check()
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("form-errors")).to_be_visible()
    expect(page.locator("#id_applicant_name")).to_have_value("Trần Thị Hương")
    expect(page.get_by_test_id("paper").first).to_be_checked()
    assert not Dossier.objects.exists()


def test_the_same_form_hands_an_incomplete_walk_in_form_02(
    page: Page, live_server, world: World
):
    log_in(page, live_server.url, "officer")
    page.goto(f"{live_server.url}/counter/")
    page.get_by_test_id("procedure-search").fill("1.004222")
    page.get_by_test_id("procedure-option").first.check()
    expect(page.get_by_test_id("paper")).to_have_count(2)
    page.get_by_test_id("personal-id").fill("001190000000")
    page.locator("#id_applicant_name").fill("Trần Thị Hương")
    page.get_by_test_id("paper").first.check()

    page.get_by_test_id("ask-papers").click()

    expect(page.get_by_test_id("print-form-02")).to_be_visible()
    dossier = Dossier.objects.get()
    assert dossier.status == 5
    href = page.get_by_test_id("print-form-02").get_attribute("href")
    assert href is not None and dossier.code in href
    response = page.request.get(f"{live_server.url}{href}")
    assert response.headers["content-type"] == "application/pdf"


def test_tick_all_leaves_the_papers_needed_only_in_some_situations(
    page: Page, live_server, world: World
):
    procedure = world.procedure
    RequiredPaper.objects.create(
        procedure=procedure,
        position=3,
        name="Văn bản ủy quyền trong trường hợp ủy quyền.",
        originals=1,
        condition="trong trường hợp ủy quyền",
    )
    RequiredPaper.objects.create(
        procedure=procedure, position=4, name="Thẻ căn cước.", is_shown=True
    )
    log_in(page, live_server.url, "officer")
    page.goto(f"{live_server.url}/counter/")
    page.get_by_test_id("procedure-search").fill("1.004222")
    page.get_by_test_id("procedure-option").first.check()
    expect(page.get_by_test_id("paper")).to_have_count(3)
    expect(page.get_by_test_id("papers-shown")).to_have_text("Thẻ căn cước.")

    page.get_by_test_id("tick-all").click()

    expect(page.get_by_test_id("paper").nth(0)).to_be_checked()
    expect(page.get_by_test_id("paper").nth(1)).to_be_checked()
    expect(page.get_by_test_id("paper").nth(2)).not_to_be_checked()
    expect(page.get_by_test_id("conditional")).to_have_count(1)
    page.get_by_test_id("personal-id").fill("001190000000")
    page.locator("#id_applicant_name").fill("Trần Thị Hương")
    page.locator("#id_applicant_phone").fill("0912345678")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("print-receipt")).to_be_visible()
    dossier = Dossier.objects.get()
    provided = dossier.papers.filter(is_provided=True).values_list("name", flat=True)
    assert sorted(provided) == ["Giấy tờ chứng minh chỗ ở", "Tờ khai"]


def test_the_counter_and_the_dossier_page_fit_a_320_px_screen(
    page: Page, live_server, world: World
):
    page.set_viewport_size({"width": 320, "height": 800})
    log_in(page, live_server.url, "officer")
    page.goto(f"{live_server.url}/counter/")
    page.get_by_test_id("procedure-search").fill("dang ky")
    page.get_by_test_id("procedure-option").first.check()
    expect(page.get_by_test_id("deadline-value")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    dossier = world.receive(timezone.now())
    page.goto(f"{live_server.url}/dossiers/{dossier.code}/")
    expect(page.get_by_test_id("dossier-code")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.csp_violation_expected
def test_the_pages_carry_a_csp_that_blocks_inline_scripts(page, live_server):
    response = page.goto(f"{live_server.url}/cong-dan/")
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert (
        "script-src 'self'" in policy
        and "unsafe-inline" not in policy.split("style-src")[0]
    )
    assert "camera=()" in response.headers["permissions-policy"]
    # An injected inline script does not run (and the violation is reported).
    ran = page.evaluate(
        """() => new Promise(resolve => {
            const blocked = () => resolve('blocked');
            document.addEventListener('securitypolicyviolation', blocked);
            const script = document.createElement('script');
            script.textContent = 'window.__ran = true';
            document.body.appendChild(script);
            setTimeout(() => resolve(window.__ran ? 'ran' : 'blocked'), 500);
        })"""
    )
    assert ran == "blocked"
