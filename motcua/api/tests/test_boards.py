"""GET /api/v1/public/boards/{scope}/{code}: the public board as JSON."""

from __future__ import annotations

import pytest
from django.utils import timezone

from motcua.dossiers.tests.factories import World
from motcua.reports.tests.scenario import NAME, NOW, PERSONAL_ID, known_set


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def known(world, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return known_set(world)


def test_the_board_of_an_agency_has_its_figures_and_masked_late_dossiers(
    client, world, known
):
    response = client.get(f"/api/v1/public/boards/agency/{world.agency.code}")

    data = response.json()
    assert response.status_code == 200
    assert data["scope"] == "agency"
    assert data["name"] == "UBND phường Ba Đình"
    assert data["received_today"] == 1
    assert (data["early"], data["on_time"], data["late"]) == (1, 1, 1)
    assert data["on_time_rate"] in ("66.7", 66.7)
    assert data["late_total"] == 2
    assert sorted(late["apologised"] for late in data["late_dossiers"]) == [
        False,
        True,
    ]
    text = response.content.decode()
    assert NAME not in text
    assert PERSONAL_ID not in text
    for dossier in known.all():
        assert dossier.code not in text


def test_a_service_point_board_needs_no_login(client, world):
    response = client.get(f"/api/v1/public/boards/service_point/{world.point.code}")

    assert response.status_code == 200
    assert response.json()["late_dossiers"] == []


def test_an_unknown_board_is_a_404_with_a_message(client, world):
    response = client.get("/api/v1/public/boards/agency/999.99.99.H99")

    assert response.status_code == 404
    assert response.json()["detail"]
