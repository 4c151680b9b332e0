"""API v1 dossiers end to end: create, act, read the history; 401/404/409/422."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from motcua.api.tests.test_dossiers_support import Caller, counter_body
from motcua.dossiers.models import PersonalDataAccess
from motcua.dossiers.tests.factories import World

pytestmark = pytest.mark.django_db


def create(officer: Caller, world: World, **overrides: object) -> dict[str, Any]:
    response = officer.post("/dossiers", counter_body(world, **overrides))
    assert response.status_code == 201, response.json()
    body: dict[str, Any] = response.json()
    return body


def test_a_dossier_goes_from_the_counter_to_the_applicant_through_the_api(
    world, as_staff
):
    created = create(as_staff("officer"), world)
    code = created["code"]
    assert (created["status"]["code"], created["step"]["code"]) == (2, "assignment")
    assert created["version"] == 1
    assert created["applicant"]["id_number"] == "001190012345"
    assert created["open_state"] == "on_time"
    assert created["time_left_minutes"] > 0
    assert [d["is_provided"] for d in created["documents"]] == [True, True]

    division = as_staff("division")
    assert "assign" in division.get(f"/dossiers/{code}").json()["allowed_actions"]
    assigned = division.act(code, "assign", assignee="specialist", expected_version=1)
    assert assigned.status_code == 200, assigned.json()
    assert assigned.json()["assignee"]["username"] == "specialist"
    assert assigned.json()["version"] == 2

    steps = [
        ("specialist", "forward", {"to_step": "approval"}, "approval"),
        ("leader", "approve", {}, "issuing"),
        ("clerk", "issue_result", {}, "result_ready"),
        ("officer", "return_result", {"method": "counter"}, "closed"),
    ]
    for name, action, fields, step in steps:
        response = as_staff(name).act(code, action, **fields)
        assert response.status_code == 200, (action, response.json())
        assert response.json()["step"]["code"] == step

    done = as_staff("officer").get(f"/dossiers/{code}").json()
    assert done["status"] == {"code": 10, "label": done["status"]["label"]}
    assert done["result_number"].endswith(str(done["received_at"][:4]))
    assert done["allowed_actions"] == []
    assert done["time_left_minutes"] is None
    events = as_staff("officer").get(f"/dossiers/{code}/events").json()
    assert [e["action"] for e in events] == [
        "receive",
        "assign",
        "forward",
        "approve",
        "issue_result",
        "return_result",
    ]
    assert [e["sequence"] for e in events] == [1, 2, 3, 4, 5, 6]
    assert events[1]["receiver"] == "specialist"
    assert events[1]["actor_agency"] == world.agency.code


def test_a_dossier_visits_another_agency_and_waits_for_a_supplement(world, as_staff):
    code = create(as_staff("officer"), world)["code"]
    as_staff("division").act(code, "assign", assignee="specialist")
    specialist, police = as_staff("specialist"), as_staff("other_staff")
    assert police.get(f"/dossiers/{code}").status_code == 404

    sent = specialist.act(
        code, "send_to_agency", agencies=[world.other.code], request_note="Xác minh"
    )
    assert sent.status_code == 200, sent.json()
    assert sent.json()["step"]["code"] == "other_agency"
    assert [leg["agency"]["code"] for leg in sent.json()["legs"]] == [world.other.code]
    # The leg lets the other agency see the dossier and reply.
    seen = police.get(f"/dossiers/{code}").json()
    assert seen["allowed_actions"] == ["agency_reply"]
    # ... but sees the applicant's name only, not the personal data.
    assert seen["applicant"]["name"] == "Trần Thị Hương"
    assert (seen["applicant"]["id_number"], seen["applicant"]["phone"]) == ("", "")
    own = specialist.get(f"/dossiers/{code}").json()
    assert own["applicant"]["id_number"] == "001190012345"
    replied = police.act(code, "agency_reply", reply_note="Đã xác minh")
    assert replied.json()["step"]["code"] == "processing"
    assert replied.json()["legs"][0]["replied_at"] is not None

    paused = specialist.act(code, "request_supplement", items=["Bản sao sổ đỏ"])
    body = paused.json()
    assert (body["status"]["code"], body["step"]["code"]) == (5, "supplement")
    assert body["paused_since"] is not None
    assert body["open_state"] is None
    paused_list = specialist.get("/worklists/paused").json()
    assert [item["code"] for item in paused_list["items"]] == [code]

    resumed = as_staff("officer").act(code, "receive_supplement")
    assert resumed.status_code == 200, resumed.json()
    assert resumed.json()["paused_since"] is None
    assert resumed.json()["supplement_count"] == 1
    actions = [e["action"] for e in specialist.get(f"/dossiers/{code}/events").json()]
    assert actions == [
        "receive",
        "assign",
        "send_to_agency",
        "agency_reply",
        "request_supplement",
        "receive_supplement",
    ]


def test_an_online_dossier_is_registered_then_received(world, as_staff):
    officer = as_staff("officer")
    body = counter_body(world, channel="online", documents=[])
    del body["service_point_code"]
    registered = officer.post("/dossiers", body)
    assert registered.status_code == 201, registered.json()
    code = registered.json()["code"]
    assert registered.json()["status"]["code"] == 1
    assert registered.json()["allowed_actions"][:2] == [
        "receive",
        "request_supplement_at_reception",
    ]
    incomplete = officer.act(code, "receive")
    assert incomplete.status_code == 422
    assert "documents" in incomplete.json()["errors"]
    ticks = [
        {"required_document_id": d["required_document_id"]}
        for d in registered.json()["documents"]
    ]
    received = officer.act(code, "receive", documents=ticks)
    assert received.status_code == 200, received.json()
    assert received.json()["status"]["code"] == 2


def test_a_stale_version_is_refused_with_409(world, as_staff):
    code = create(as_staff("officer"), world)["code"]
    division = as_staff("division")
    first = division.act(code, "assign", assignee="specialist", expected_version=1)
    assert first.status_code == 200
    again = as_staff("leader").act(
        code, "assign", assignee="division", expected_version=1
    )
    assert again.status_code == 409
    assert again.json()["detail"]
    assert division.get(f"/dossiers/{code}").json()["assignee"]["username"] == (
        "specialist"
    )


def test_a_transition_the_table_does_not_allow_is_refused_with_409(world, as_staff):
    code = create(as_staff("officer"), world)["code"]
    response = as_staff("leader").act(code, "approve")
    assert response.status_code == 409
    assert code in response.json()["detail"]


def test_bad_fields_get_422_with_a_message_per_field(world, as_staff):
    officer = as_staff("officer")
    short_id = counter_body(world)
    short_id["applicant"]["id_number"] = "00119001234"
    response = officer.post("/dossiers", short_id)
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"applicant_id_number"}

    missing = counter_body(world, applicant={"id_number": "001190012345"})
    del missing["procedure_code"]
    errors = officer.post("/dossiers", missing).json()["errors"]
    assert set(errors) == {"procedure_code", "applicant.name"}

    unknown = officer.post("/dossiers", counter_body(world, procedure_code="9.999"))
    assert set(unknown.json()["errors"]) == {"procedure_code"}

    code = create(officer, world)["code"]
    division = as_staff("division")
    bad_action = division.post(f"/dossiers/{code}/transitions", {"action": "fly"})
    assert bad_action.status_code == 422
    assert set(bad_action.json()["errors"]) == {"action"}
    no_assignee = division.post(
        f"/dossiers/{code}/transitions",
        {"action": "assign", "expected_version": "one"},
    )
    assert no_assignee.status_code == 422
    assert set(no_assignee.json()["errors"]) == {"expected_version", "assignee"}
    nobody = division.act(code, "assign", assignee="nobody")
    assert set(nobody.json()["errors"]) == {"assignee"}
    not_json = division.client.post(
        f"/api/v1/dossiers/{code}/transitions",
        "{",
        content_type="application/json",
        **division.headers,
    )
    assert not_json.status_code == 422


def test_a_dossier_of_another_agency_is_not_found_and_no_token_is_401(world, as_staff):
    code = create(as_staff("officer"), world)["code"]
    police = as_staff("other_staff")
    for path in (
        f"/dossiers/{code}",
        f"/dossiers/{code}/events",
        f"/dossiers/{code}/forms/01.pdf",
    ):
        assert police.get(path).status_code == 404, path
    acting = police.post(
        f"/dossiers/{code}/transitions", {"action": "approve", "expected_version": 1}
    )
    assert acting.status_code == 404
    assert police.get(f"/dossiers/{code}").json()["detail"] == police.get(
        "/dossiers/000.00.00.H01-991231-9999"
    ).json()["detail"].replace("000.00.00.H01-991231-9999", code)
    anonymous = Client()
    assert anonymous.get(f"/api/v1/dossiers/{code}").status_code == 401
    assert anonymous.get("/api/v1/worklists").status_code == 401
    assert (
        anonymous.post(
            "/api/v1/dossiers", counter_body(world), content_type="application/json"
        ).status_code
        == 401
    )


def test_opening_a_dossier_is_logged_as_an_access_to_personal_data(world, as_staff):
    code = create(as_staff("officer"), world)["code"]
    before = PersonalDataAccess.objects.filter(user=world.leader).count()
    as_staff("leader").get(f"/dossiers/{code}")
    accesses = PersonalDataAccess.objects.filter(user=world.leader)
    assert accesses.count() == before + 1
    assert accesses.order_by("-id").values_list("purpose", flat=True)[0] == "api view"


def test_search_finds_by_name_without_diacritics_code_or_personal_id(world, as_staff):
    officer = as_staff("officer")
    code = create(officer, world)["code"]
    for query in ("tran thi huong", "001190012345", code[-6:]):
        found = officer.get("/dossiers", q=query).json()
        assert [item["code"] for item in found["items"]] == [code], query
    assert officer.get("/dossiers", q="").json()["items"] == []
    assert as_staff("other_staff").get("/dossiers", q="huong").json()["count"] == 0


def test_the_openapi_document_shows_every_transition_body(client):
    schema = client.get("/api/v1/openapi.json").json()
    transitions = schema["paths"]["/api/v1/dossiers/{code}/transitions"]["post"]
    body = transitions["requestBody"]["content"]["application/json"]["schema"]
    actions = {option["properties"]["action"]["const"] for option in body["oneOf"]}
    assert {"assign", "forward", "approve", "return_result"} <= actions
    assert "$defs" not in str(body)
    assert "/api/v1/worklists/{kind}" in schema["paths"]


def test_fees_are_requested_and_paid_and_a_step_can_go_back(world, as_staff):
    code = create(as_staff("officer"), world)["code"]
    as_staff("division").act(code, "assign", assignee="specialist")
    specialist = as_staff("specialist")
    asked = specialist.act(
        code, "request_payment", fees=[{"name": "Lệ phí", "amount_vnd": 20000}]
    )
    assert asked.status_code == 200, asked.json()
    assert asked.json()["status"]["code"] == 6
    assert [f["amount_vnd"] for f in asked.json()["fees"]] == [20000]
    paid = as_staff("officer").act(code, "record_payment", payment_method="cash")
    assert paid.json()["fees"][0]["paid_at"] is not None
    assert specialist.act(code, "forward").json()["step"]["code"] == "review"
    back = as_staff("division").act(code, "return", note="Thiếu ý kiến")
    assert back.json()["step"]["code"] == "processing"
    no_fee = specialist.act(code, "request_payment", fees=[])
    assert set(no_fee.json()["errors"]) == {"fees"}


def test_an_online_dossier_can_be_refused_with_reasons(world, as_staff):
    officer = as_staff("officer")
    body = counter_body(world, channel="online")
    code = officer.post("/dossiers", body).json()["code"]
    assert set(officer.act(code, "refuse", reasons=" ").json()["errors"]) == {"reasons"}
    refused = officer.act(code, "refuse", reasons="Không thuộc thẩm quyền")
    assert (refused.json()["status"]["code"], refused.json()["step"]["code"]) == (
        3,
        "closed",
    )


def test_a_walk_in_is_asked_for_papers_or_refused_through_the_api(world, as_staff):
    officer = as_staff("officer")
    first = world.procedure.papers.order_by("position").first()

    asked = officer.post(
        "/dossiers",
        counter_body(
            world,
            outcome="request_papers",
            documents=[{"required_document_id": first.pk}],
        ),
    )
    complete = officer.post("/dossiers", counter_body(world, outcome="request_papers"))
    refused = officer.post(
        "/dossiers", counter_body(world, outcome="refuse", note="Sai thẩm quyền")
    )
    no_reason = officer.post("/dossiers", counter_body(world, outcome="refuse"))
    online = officer.post(
        "/dossiers", counter_body(world, channel="online", outcome="refuse", note="x")
    )

    assert asked.status_code == 201, asked.json()
    assert (asked.json()["status"]["code"], asked.json()["step"]["code"]) == (
        5,
        "reception_supplement",
    )
    assert complete.status_code == 409
    assert refused.status_code == 201 and refused.json()["status"]["code"] == 3
    assert no_reason.status_code == 422
    assert "reasons" in no_reason.json()["errors"]
    assert online.status_code == 422


def test_an_action_loads_the_dossier_once_and_logs_one_access(world, as_staff):
    code = create(as_staff("officer"), world)["code"]
    division = as_staff("division")
    logged = PersonalDataAccess.objects.count()

    with CaptureQueriesContext(connection) as captured:
        assigned = division.act(
            code, "assign", assignee="specialist", expected_version=1
        )

    assert assigned.status_code == 200, assigned.json()
    dossier_reads = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith("SELECT") and 'FROM "dossiers_dossier"' in q["sql"]
    ]
    # The service's locked load only: no visibility pre-check, no reload.
    assert len(dossier_reads) == 1, dossier_reads
    assert PersonalDataAccess.objects.count() == logged + 1
    assert PersonalDataAccess.objects.latest("id").purpose == "api assign"
