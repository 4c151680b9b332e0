"""GET /api/v1/public/dossiers/{code}: public tracking as JSON, no authentication."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from motcua.dossiers import services as s
from motcua.dossiers.models import PublicLookup
from motcua.dossiers.tests.factories import World, vn

NAME = "Trần Thị Hương"
PERSONAL_ID = "001190012345"
MONDAY_9 = vn(2026, 3, 2, 9)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def dossier(world):
    return world.processing(MONDAY_9)


def get(client, code, **params):
    return client.get(f"/api/v1/public/dossiers/{code}", params)


def test_a_code_alone_returns_the_progress_without_personal_data(client, dossier):
    response = get(client, dossier.code)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["code"] == dossier.code
    assert body["status"] == 4
    assert [step["action"] for step in body["steps"]] == ["receive", "assign"]
    assert body["personal"] is None
    assert body["todo"]["kind"] == "nothing"
    text = response.content.decode()
    assert NAME not in text
    assert PERSONAL_ID not in text
    assert "0912345678" not in text


def test_the_right_check_returns_the_name_and_papers(client, dossier):
    body = get(client, dossier.code, check="2345").json()

    assert body["check_ok"] is True
    assert body["personal"]["applicant_name"] == NAME
    assert [d["name"] for d in body["personal"]["documents"]] == [
        "Tờ khai",
        "Giấy tờ chứng minh chỗ ở",
    ]


def test_a_wrong_check_returns_no_personal_data_and_is_logged(client, dossier):
    response = get(client, dossier.code, check="0000")

    body = response.json()
    assert response.status_code == 200
    assert (body["with_check"], body["check_ok"], body["personal"]) == (
        True,
        False,
        None,
    )
    assert NAME not in response.content.decode()
    assert PublicLookup.objects.filter(with_check=True, check_ok=False).count() == 1


def test_an_unknown_code_is_404_with_a_message(client, db):
    response = get(client, "000.00.00.H01-260302-9999")

    assert response.status_code == 404
    assert "000.00.00.H01-260302-9999" in response.json()["detail"]


def test_a_check_that_is_not_4_digits_is_422(client, dossier):
    response = get(client, dossier.code, check="12")

    assert response.status_code == 422
    assert "check" in response.json()["errors"]


def test_too_many_lookups_are_429_with_retry_after(client, dossier, settings):
    settings.MOTCUA_PUBLIC_LOOKUP_LIMIT = 2
    assert get(client, dossier.code).status_code == 200
    assert get(client, dossier.code).status_code == 200

    response = get(client, dossier.code)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"]


def test_guessing_checks_is_blocked_after_the_failure_limit(client, dossier, settings):
    settings.MOTCUA_PUBLIC_LOOKUP_FAILURE_LIMIT = 3
    for check in ("0001", "0002", "0003"):
        assert get(client, dossier.code, check=check).status_code == 200

    response = get(client, dossier.code, check="2345")

    assert response.status_code == 429
    assert NAME not in response.content.decode()


def test_a_supplement_request_lists_the_items_and_an_apology_its_date(
    client, world, dossier
):
    s.dossier_apologise(
        dossier_code=dossier.code,
        actor=world.leader,
        now=vn(2026, 3, 3, 9),
        reason="Chờ xác minh",
        new_deadline_at=vn(2026, 3, 12, 17),
    )
    s.dossier_request_supplement(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=vn(2026, 3, 3, 10),
        items=["Ảnh 4x6"],
    )

    body = get(client, dossier.code).json()

    assert body["todo"]["kind"] == "supplement"
    assert body["todo"]["items"] == ["Ảnh 4x6"]
    assert body["apology_reason"] == "Chờ xác minh"
    assert body["new_deadline_at"].startswith("2026-03-12T17:00")


def test_the_endpoint_is_in_the_openapi_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    assert "/api/v1/public/dossiers/{code}" in schema["paths"]


def test_no_answer_is_stored_by_a_cache(client, dossier):
    for params in ({}, {"check": "2345"}, {"check": "9999"}):
        response = get(client, dossier.code, **params)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]


def test_a_code_guessed_too_often_is_locked_and_says_so(client, dossier, settings):
    settings.MOTCUA_PUBLIC_CHECK_FAILURE_LIMIT = 2
    for wrong in ("0000", "0001"):
        assert get(client, dossier.code, check=wrong).json()["check_locked"] is False

    body = get(client, dossier.code, check="2345").json()

    assert body["check_locked"] is True
    assert body["personal"] is None


def test_digits_of_another_script_are_a_clear_422_not_a_500(client, dossier):
    response = get(client, dossier.code, check="٢٣٤٥")

    assert response.status_code == 422
    assert "4 chữ số" in response.json()["detail"]
