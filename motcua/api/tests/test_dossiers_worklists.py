"""Worklists through the API: counts, paging, order, and a fixed query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from motcua.dossiers.tests.factories import World

pytestmark = pytest.mark.django_db


def receive(world: World, count: int) -> list[str]:
    return [world.processing(timezone.now()).code for _ in range(count)]


def test_the_counts_name_every_worklist(world, as_staff):
    receive(world, 2)
    world.receive(timezone.now())
    counts = {
        c["kind"]: c["count"] for c in as_staff("division").get("/worklists").json()
    }
    assert counts == {
        "mine": 1,
        "unit": 3,
        "other_agency": 0,
        "due_soon": 0,
        "overdue": 0,
        "paused": 0,
    }
    mine = as_staff("specialist").get("/worklists").json()
    assert [c["count"] for c in mine if c["kind"] == "mine"] == [2]


def test_a_worklist_pages_in_deadline_order(world, as_staff):
    codes = receive(world, 5)
    specialist = as_staff("specialist")
    first = specialist.get("/worklists/mine", limit=2, offset=0).json()
    rest = specialist.get("/worklists/mine", limit=10, offset=2).json()
    assert first["count"] == rest["count"] == 5
    listed = [i["code"] for i in first["items"]] + [i["code"] for i in rest["items"]]
    assert listed == codes  # same deadline: received first, listed first
    item = first["items"][0]
    assert item["assignee"] == "specialist"
    assert item["open_state"] == "on_time"
    assert item["status"]["code"] == 4
    newest = specialist.get("/worklists/mine", order="-deadline", limit=1).json()
    assert newest["items"][0]["code"] == codes[-1]


def test_an_unknown_worklist_or_order_is_refused_with_422(world, as_staff):
    specialist = as_staff("specialist")
    assert specialist.get("/worklists/everything").status_code == 422
    wrong = specialist.get("/worklists/mine", order="colour")
    assert wrong.status_code == 422
    assert "order" in wrong.json()["errors"]


@pytest.mark.parametrize("path", ["/worklists/unit", "/worklists", "/dossiers?q=huong"])
def test_the_number_of_queries_does_not_grow_with_the_rows(world, as_staff, path):
    division = as_staff("division")
    receive(world, 2)
    division.get(path)  # warm what a first request loads once (random test order)
    with CaptureQueriesContext(connection) as few:
        assert division.get(path).status_code == 200
    receive(world, 6)
    with CaptureQueriesContext(connection) as many:
        assert division.get(path).status_code == 200
    assert len(many) == len(few)
