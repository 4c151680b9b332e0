"""Bad input never gets a server error: the probe's cases, on pages and the API.

Each request below once answered 500 (or was accepted where it should not be).
Every answer must be below 500, and a refused one must say why.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from motcua.api.tests.test_dossiers_support import Callers, counter_body
from motcua.dossiers.tests.factories import World, vn
from motcua.procedures.models import ProcedureAgency

pytestmark = pytest.mark.django_db

HUGE = "9" * 30  # past bigint
BIGINT_PLUS_ONE = str(2**63)


@pytest.fixture
def world(db):
    world = World()
    ProcedureAgency.objects.create(procedure=world.procedure, agency=world.agency)
    return world


ANONYMOUS_GETS = [
    "/thu-tuc/?linh-vuc=²",
    "/thu-tuc/?linh-vuc=" + HUGE,
    "/thu-tuc/?linh-vuc=١٢",
    "/thu-tuc/?q=a%00b",
    "/tra-cuu/ABC%00DEF/",
    "/tra-cuu/X/?check=٢٣٤٥",
    "/tra-cuu/X/?check=²³⁴⁵",
    "/api/v1/public/dossiers/X?check=%D9%A2%D9%A3%D9%A4%D9%A5",
    "/api/v1/procedures?q=%00",
    "/api/v1/procedures?field_id=" + HUGE,
    "/api/v1/units?q=" + "%00" * 3,
    "/api/v1/calendar/deadline?start=9999-12-31T23:00:00%2B07:00&amount=30&unit=working_days",
    "/api/v1/calendar/deadline?start=0001-01-01T00:00:00%2B07:00&amount=1&unit=working_days",
    "/bang-tien-do/agency/%00/",
]


@pytest.mark.parametrize("url", ANONYMOUS_GETS)
def test_anonymous_bad_input_is_never_a_server_error(client: Client, world, url):
    response = client.get(url)
    assert response.status_code < 500, (url, response.content[:300])


STAFF_GETS = [
    "/notices/" + HUGE + "/",
    "/notices/" + BIGINT_PLUS_ONE + "/",
    "/feedback/" + HUGE + "/",
    "/registers/?agency=000.00.00.H01&start=01/01/0001&end=31/01/0001",
    "/registers/?agency=000.00.00.H01&start=01/01/9999&end=31/12/9999&format=pdf",
    "/counter/?service_point=" + HUGE,
    "/counter/?service_point=²",
    "/api/v1/registers/000.00.00.H01.pdf?start=0001-01-01&end=0001-01-31",
    "/api/v1/dossiers?q=%00",
    "/api/v1/worklists/todo?limit=" + HUGE,
]


@pytest.mark.parametrize("url", STAFF_GETS)
def test_staff_bad_input_is_never_a_server_error(client: Client, world, url):
    client.force_login(world.officer)
    headers = {}
    if url.startswith("/api/"):
        caller = Callers(world)("officer")
        headers = caller.headers
    response = client.get(url, **headers)
    assert response.status_code < 500, (url, response.content[:300])


def test_a_nul_byte_in_a_form_field_is_refused_clearly(client: Client, world):
    client.force_login(world.officer)
    response = client.post("/counter/", {"applicant_name": "Trần\x00Hương"})
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_nul_byte_in_json_is_refused_clearly(client: Client, world):
    caller = Callers(world)("officer")
    body = counter_body(world)
    body["applicant"]["name"] = "Trần\u0000Hương"
    response = caller.post("/dossiers", body)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_deeply_nested_json_is_refused(client: Client, world):
    caller = Callers(world)("officer")
    nested = "[" * 5000 + "]" * 5000
    response = client.post(
        "/api/v1/dossiers", nested, content_type="application/json", **caller.headers
    )
    assert response.status_code == 400


def test_a_body_past_the_limit_is_refused_by_its_length(
    client: Client, world, settings
):
    settings.MOTCUA_MAX_REQUEST_BYTES = 1024
    response = client.post(
        "/api/v1/auth/token",
        json.dumps({"username": "x" * 4000, "password": "y"}),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert "MB" in response.json()["detail"]


def test_an_overlong_username_on_the_token_endpoint_is_refused(client: Client, world):
    response = client.post(
        "/api/v1/auth/token",
        {"username": "x" * 300, "password": "y"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "credentials.username" in response.json()["errors"]


def test_an_apology_date_in_year_9999_is_refused(world):
    dossier = world.processing(vn(2026, 11, 16, 9))
    leader = Callers(world)("leader")
    response = leader.act(
        dossier.code,
        "apologise",
        reason="Cần xác minh",
        new_deadline_at="9999-12-31T17:00:00+07:00",
    )
    assert response.status_code == 422, response.json()
    assert "new_deadline_at" in response.json()["errors"]


def test_the_counter_refuses_impossible_id_numbers_and_birth_dates(client, world):
    from motcua.backoffice.tests.test_counter import post_data

    client.force_login(world.officer)
    for overrides in (
        {"applicant_id_number": "000000000000"},
        {"applicant_id_number": "999999999999"},
        {"applicant_birth_date": "04/05/2990"},
    ):
        response = client.post("/counter/", post_data(world, **overrides))
        assert response.status_code == 200, overrides  # the form again, explained
        assert response.context["form"].errors, overrides


def test_names_typed_decomposed_are_kept_composed(world):
    from motcua.dossiers.models import Dossier

    caller = Callers(world)("officer")
    body = counter_body(world)
    body["applicant"]["name"] = "Tra\u0302\u0300n Thi\u0323 Hu\u031bo\u031bng"
    assert caller.post("/dossiers", body).status_code == 201
    assert Dossier.objects.get().applicant_name == "Trần Thị Hương"


def test_a_chunked_body_without_a_length_is_refused_before_it_is_read(
    client: Client,
):
    """The server cannot refuse a chunked body by its length, so it asks for one
    (411) instead of reading it (or, as Django would, reading it as empty). The
    environ is what gunicorn passes for ``Transfer-Encoding: chunked``."""
    response = client.generic(
        "POST",
        "/api/v1/auth/token",
        b'{"username": "a", "password": "b"}',
        content_type="application/json",
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
    )

    assert response.status_code == 411
    assert "Content-Length" in response.json()["detail"]
