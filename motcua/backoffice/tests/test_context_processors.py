"""The staff menu's queries run only on pages that show it: a citizen's portal
page runs none of them, a staff page still shows its counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from motcua.citizens.tests.factories import citizen

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
    world.receive(timezone.now())
    client.force_login(world.division)
    page = client.get(reverse("backoffice:worklist", args=["unit"])).content.decode()
    assert 'data-testid="count-unit">1<' in page
