"""A journey per channel, end to end through API v1: in person, online, postal.

Each dossier is filed, processed through the internal process and returned by the
channel's own return method; the history and the citizen's messages follow it.
"""

from __future__ import annotations

from typing import Any

import pytest

from motcua.api.tests.test_dossiers_support import Callers, counter_body
from motcua.dossiers.tests.factories import World
from motcua.notifications.models import OutboxMessage
from motcua.procedures.models import ProcedureAgency

pytestmark = pytest.mark.django_db

PROCESS = [
    ("division", "assign", {"assignee": "specialist"}),
    ("specialist", "forward", {"to_step": "approval"}),
    ("leader", "approve", {}),
    ("clerk", "issue_result", {}),
]


@pytest.fixture
def world(db):
    world = World()
    # The ward decides the procedure (as the imported catalogue says).
    ProcedureAgency.objects.create(procedure=world.procedure, agency=world.agency)
    return world


@pytest.fixture
def as_staff(world):
    return Callers(world)


def process_and_return(as_staff, code: str, method: str) -> dict[str, Any]:
    for name, action, fields in PROCESS:
        response = as_staff(name).act(code, action, **fields)
        assert response.status_code == 200, (action, response.json())
    response = as_staff("officer").act(code, "return_result", method=method)
    assert response.status_code == 200, response.json()
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize(
    ("channel", "return_method"),
    [("in_person", "counter"), ("postal", "post")],
)
def test_a_dossier_filed_at_a_point_is_returned_by_its_method(
    world, as_staff, channel, return_method
):
    body = counter_body(world, channel=channel, return_method=return_method)
    created = as_staff("officer").post("/dossiers", body)
    assert created.status_code == 201, created.json()
    code = created.json()["code"]
    assert code.startswith(f"{world.agency.code}-")
    done = process_and_return(as_staff, code, return_method)
    assert done["status"]["code"] == 10
    assert done["return_method"] == return_method
    kinds = set(
        OutboxMessage.objects.filter(dossier_code=code).values_list("kind", flat=True)
    )
    assert {"received", "result_ready"} <= kinds


def test_an_online_dossier_is_registered_received_and_returned_online(world, as_staff):
    body = counter_body(world, channel="online", return_method="online")
    body.pop("service_point_code", None)
    registered = as_staff("officer").post("/dossiers", body)
    assert registered.status_code == 201, registered.json()
    code = registered.json()["code"]
    assert registered.json()["status"]["code"] == 1
    received = as_staff("officer").act(code, "receive")
    assert received.status_code == 200, received.json()
    assert received.json()["status"]["code"] == 2
    done = process_and_return(as_staff, code, "online")
    assert done["status"]["code"] == 10
    events = as_staff("officer").get(f"/dossiers/{code}/events").json()
    assert [e["action"] for e in events][:2] == ["register_online", "receive"]
