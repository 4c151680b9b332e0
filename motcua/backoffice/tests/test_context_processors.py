"""The staff menu's queries run only on pages that show it: a citizen's portal
page runs none of them, a staff page still shows its counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from motcua.accounts.models import User
from motcua.backoffice import context_processors
from motcua.citizens.tests.factories import citizen
from motcua.dossiers.tests.factories import vn

pytestmark = pytest.mark.django_db

STAFF_MENU_TABLES = ('"dossiers_dossier"', '"agencies_staffassignment"')


def _staff_menu_queries(captured: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in captured.captured_queries
        if any(table in q["sql"] for table in STAFF_MENU_TABLES)
    ]


@pytest.mark.parametrize("path", ["/cong-dan/", "/thu-tuc/", "/tra-cuu/"])
def test_a_citizens_portal_page_runs_no_staff_menu_query(client, path):
    client.force_login(citizen())
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    assert _staff_menu_queries(captured) == []


def test_a_staff_page_still_shows_the_worklist_counts(client, world):
    world.receive(vn(2026, 11, 16, 9))
    client.force_login(world.division)
    page = client.get(reverse("backoffice:worklist", args=["unit"])).content.decode()
    assert 'data-testid="count-unit">1<' in page


@pytest.fixture
def staff_menu_calls(monkeypatch) -> list[str]:
    """Record every call of the staff menu's selectors (they still run)."""
    calls: list[str] = []
    for name in ("dossier_worklist_counts", "calendar_coverage_gaps"):
        real = getattr(context_processors, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(context_processors, name, spy)
    return calls


@pytest.mark.parametrize("path", ["/cong-dan/", "/thu-tuc/", "/tra-cuu/"])
def test_an_anonymous_portal_page_runs_no_staff_menu_query(
    client, path, staff_menu_calls
):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    assert _staff_menu_queries(captured) == []
    assert staff_menu_calls == []


@pytest.mark.parametrize("path", ["/cong-dan/", "/thu-tuc/", "/tra-cuu/"])
def test_a_citizens_portal_page_calls_no_staff_menu_selector(
    client, path, staff_menu_calls
):
    client.force_login(citizen())
    assert client.get(path).status_code == 200
    assert staff_menu_calls == []


def test_an_administrator_on_a_portal_page_runs_no_staff_menu_selector(
    client, staff_menu_calls
):
    admin = User.objects.create_superuser(username="root", password="x-Long-2026!")
    client.force_login(admin)
    assert client.get("/tra-cuu/").status_code == 200
    assert staff_menu_calls == []


def test_a_staff_page_runs_the_menu_selectors(client, world, staff_menu_calls):
    client.force_login(world.division)
    page = client.get(reverse("backoffice:worklist", args=["unit"]))
    assert page.status_code == 200
    assert staff_menu_calls == ["dossier_worklist_counts"]
