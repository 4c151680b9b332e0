"""A dossier moves assign → forward → approve → issue → return, by five people."""

from __future__ import annotations

import copy

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import World

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
    for user in (
        made.officer,
        made.division,
        made.leader,
        made.specialist,
        made.clerk,
    ):
        user.set_password(PASSWORD)
        user.save()
    return made


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.locator("#quick-search")).to_be_visible()


def log_out(page: Page) -> None:
    page.locator("form[action='/logout/'] button").click()
    expect(page.locator("#id_username")).to_be_visible()


def act(page: Page, action: str, fields: dict[str, str] | None = None) -> None:
    box = page.get_by_test_id(f"action-{action}")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    for name, value in (fields or {}).items():
        field = box.locator(f"[name='{action}-{name}']")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    box.get_by_test_id(f"submit-{action}").click()


def test_a_dossier_moves_through_five_people_to_its_return(
    page: Page, live_server, world: World
):
    dossier = world.receive(timezone.now())
    url = f"{live_server.url}/dossiers/{dossier.code}/"
    step = page.get_by_test_id("step")

    log_in(page, live_server.url, "division")
    page.get_by_test_id("worklist-mine").click()
    page.get_by_role("link", name=dossier.code).click()
    act(page, "assign", {"assignee": str(world.specialist.pk)})
    expect(step).to_have_attribute("data-step", "processing")
    log_out(page)

    log_in(page, live_server.url, "specialist")
    expect(page.get_by_test_id("count-mine")).to_have_text("1")
    page.goto(url)
    act(page, "forward", {"to_step": "approval", "note": "Đủ điều kiện"})
    expect(step).to_have_attribute("data-step", "approval")
    expect(page.get_by_test_id("action-forward")).to_have_count(0)
    log_out(page)

    log_in(page, live_server.url, "leader")
    page.goto(url)
    act(page, "approve")
    expect(step).to_have_attribute("data-step", "issuing")
    log_out(page)

    log_in(page, live_server.url, "clerk")
    page.goto(url)
    act(page, "issue_result")
    expect(step).to_have_attribute("data-step", "result_ready")
    log_out(page)

    log_in(page, live_server.url, "officer")
    page.goto(url)
    act(page, "return_result", {"method": "counter"})
    expect(step).to_have_attribute("data-step", "closed")
    expect(page.get_by_test_id("timeline").locator("li")).to_have_count(6)
    expect(page.get_by_test_id("judgement").first).to_be_visible()
    assert Dossier.objects.get().status == 10


def test_a_stale_page_tells_the_second_leader_someone_else_acted(
    page: Page, live_server, world: World
):
    dossier = world.receive(timezone.now())
    log_in(page, live_server.url, "division")
    page.goto(f"{live_server.url}/dossiers/{dossier.code}/")
    from motcua.dossiers.services import dossier_assign

    dossier_assign(
        dossier_code=dossier.code,
        actor=world.leader,
        now=timezone.now(),
        assignee=world.specialist,
    )
    act(page, "assign", {"assignee": str(world.division.pk)})
    expect(page.get_by_test_id("notice")).to_be_visible()
    expect(page.get_by_test_id("step")).to_have_attribute("data-step", "processing")
