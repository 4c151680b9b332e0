"""Creating a dossier is safe to retry, and online registration is the table's."""

from __future__ import annotations

import uuid

import pytest

from motcua.api.tests.test_dossiers_support import counter_body
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.notifications.models import OutboxMessage
from motcua.procedures.models import ProcedureAgency

pytestmark = pytest.mark.django_db


def post_with_key(caller, body, key):
    return caller.client.post(
        "/api/v1/dossiers",
        body,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
        **caller.headers,
    )


def test_a_retried_counter_creation_returns_the_first_dossier(world, as_staff):
    officer = as_staff("officer")
    key = str(uuid.uuid4())

    first = post_with_key(officer, counter_body(world), key)
    again = post_with_key(officer, counter_body(world), key)

    assert first.status_code == again.status_code == 201
    assert first.json()["code"] == again.json()["code"]
    assert Dossier.objects.count() == 1
    messages = OutboxMessage.objects.filter(dossier_code=first.json()["code"])
    assert messages.filter(channel="sms").count() == 1


def test_without_a_key_each_request_makes_its_dossier(world, as_staff):
    officer = as_staff("officer")
    officer.post("/dossiers", counter_body(world))
    officer.post("/dossiers", counter_body(world))
    assert Dossier.objects.count() == 2


def test_a_key_of_another_account_is_a_conflict(world, as_staff):
    key = str(uuid.uuid4())
    assert (
        post_with_key(as_staff("officer"), counter_body(world), key).status_code == 201
    )
    other = as_staff("division")

    answer = post_with_key(other, counter_body(world), key)

    assert answer.status_code == 409
    assert "request_key" in answer.json()["errors"]
    assert Dossier.objects.count() == 1


def test_a_malformed_key_is_refused_clearly(world, as_staff):
    answer = post_with_key(as_staff("officer"), counter_body(world), "<script>")
    assert answer.status_code == 422
    assert "request_key" in answer.json()["errors"]


def online_body(world):
    body = counter_body(world, channel="online", documents=[])
    del body["service_point_code"]
    return body


@pytest.mark.parametrize("name", ["specialist", "clerk", "division", "leader"])
def test_only_a_reception_officer_registers_online_through_the_api(
    world, as_staff, name
):
    answer = as_staff(name).post("/dossiers", online_body(world))

    assert answer.status_code == 403
    assert not Dossier.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_an_online_registration_through_the_api_names_its_actor(world, as_staff):
    answer = as_staff("officer").post("/dossiers", online_body(world))

    assert answer.status_code == 201, answer.json()
    event = DossierEvent.objects.get(dossier__code=answer.json()["code"])
    assert event.action == "register_online"
    assert event.actor == world.officer
    assert event.actor_role == "reception_officer"


def test_an_agency_that_does_not_decide_the_procedure_is_refused(world, as_staff):
    ProcedureAgency.objects.filter(procedure=world.procedure).delete()

    answer = as_staff("officer").post("/dossiers", online_body(world))

    assert answer.status_code == 422
    assert "competent_agency" in answer.json()["errors"]
    assert not Dossier.objects.exists()
