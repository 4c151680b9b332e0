"""Worklists, menu counts, the leader's overview and search."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from motcua.accounts.models import User
from motcua.agencies.models import StaffRole
from motcua.dossiers.tests.factories import World, applicant, staff, vn

pytestmark = pytest.mark.django_db
# A fixed working morning of the suite's calendar, never the day the tests run.
RECEIVED_AT = vn(2026, 11, 17, 9)


def receive_many(world: World, count: int) -> None:
    now = RECEIVED_AT
    for n in range(count):
        world.receive(now, applicant=applicant(id_number=f"0011900{n:05d}"))


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_a_worklist_page_costs_the_same_queries_for_10_or_40_rows(client, world):
    client.force_login(world.division)
    url = reverse("backoffice:worklist", args=["mine"])
    receive_many(world, 10)
    few = queries_of(client, url)
    receive_many(world, 30)
    many = queries_of(client, url)
    assert few == many


def assign_many(world: World, count: int, specialists: list[User]) -> None:
    from motcua.dossiers.services import dossier_assign

    now = RECEIVED_AT
    for n in range(count):
        dossier = world.receive(now, applicant=applicant(id_number=f"0010850{n:05d}"))
        dossier_assign(
            dossier_code=dossier.code,
            actor=world.division,
            now=now,
            assignee=specialists[n % len(specialists)],
        )


def test_the_specialists_worklist_costs_the_same_queries_for_3_or_30_rows(
    client, world
):
    client.force_login(world.specialist)
    url = reverse("backoffice:worklist", args=["mine"])
    assign_many(world, 3, [world.specialist])
    few = queries_of(client, url)
    assign_many(world, 27, [world.specialist])
    many = queries_of(client, url)
    assert few == many


def test_the_overview_costs_the_same_queries_for_any_number_of_dossiers_and_staff(
    client, world
):
    client.force_login(world.leader)
    url = reverse("backoffice:overview")
    assign_many(world, 2, [world.specialist])
    few = queries_of(client, url)
    others = [
        staff(world.agency, StaffRole.SPECIALIST, username=f"specialist{n}")
        for n in range(2, 6)
    ]
    assign_many(world, 20, [world.specialist, *others])
    html = client.get(url).content.decode()
    many = queries_of(client, url)
    assert few == many
    assert all(
        other.username in html or other.get_full_name() in html for other in others
    )


def test_the_menu_counts_what_waits_for_the_user(client, world, received):
    client.force_login(world.division)
    html = client.get(reverse("backoffice:home")).content.decode()
    assert 'data-testid="count-mine">1<' in html
    client.force_login(world.clerk)
    html = client.get(reverse("backoffice:home")).content.decode()
    assert 'data-testid="count-mine">0<' in html


def test_the_worklist_lists_the_dossier_with_its_deadline_badge(
    client, world, received
):
    client.force_login(world.division)
    response = client.get(reverse("backoffice:worklist", args=["mine"]))
    html = response.content.decode()
    assert received.code in html
    assert 'data-testid="state"' in html


def test_an_htmx_sort_returns_only_the_rows(client, world, received):
    client.force_login(world.division)
    response = client.get(
        reverse("backoffice:worklist", args=["unit"]),
        {"order": "-received"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert received.code in html
    assert "<html" not in html


def test_an_unknown_order_falls_back_to_time_left(client, world, received):
    client.force_login(world.division)
    response = client.get(
        reverse("backoffice:worklist", args=["unit"]), {"order": "nonsense"}
    )
    assert response.status_code == 200


def test_an_unknown_worklist_is_not_found(client, world):
    client.force_login(world.division)
    assert client.get(reverse("backoffice:worklist", args=["x"])).status_code == 404


def test_another_agency_sees_nothing_in_its_worklists(client, world, received):
    client.force_login(world.other_staff)
    html = client.get(reverse("backoffice:worklist", args=["unit"])).content.decode()
    assert received.code not in html


def test_the_agency_leader_sees_the_overview(client, world, received):
    client.force_login(world.leader)
    response = client.get(reverse("backoffice:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert world.agency.name in html
    assert 'data-testid="status-2">1<' in html


def test_a_specialist_may_not_see_the_overview(client, world):
    client.force_login(world.specialist)
    assert client.get(reverse("backoffice:overview")).status_code == 403


def test_a_leader_may_not_see_the_overview_of_another_agency(client, world):
    client.force_login(world.leader)
    response = client.get(reverse("backoffice:overview"), {"agency": world.other.code})
    assert response.status_code in (403, 404)


def test_search_finds_a_name_typed_without_accents(client, world, received):
    client.force_login(world.officer)
    response = client.get(reverse("backoffice:search"), {"q": "tran thi huong"})
    assert received.code in response.content.decode()


def test_search_finds_by_personal_id_and_code(client, world, received):
    client.force_login(world.officer)
    for query in ("001190012345", received.code):
        html = client.get(reverse("backoffice:search"), {"q": query}).content.decode()
        assert received.code in html


def test_search_hides_dossiers_of_other_agencies(client, world, received):
    client.force_login(world.other_staff)
    html = client.get(
        reverse("backoffice:search"), {"q": received.code}
    ).content.decode()
    assert reverse("backoffice:dossier", args=[received.code]) not in html
    assert 'data-testid="empty"' in html
