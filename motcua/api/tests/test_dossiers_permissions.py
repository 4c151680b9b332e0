"""Role × endpoint: each role of the agency allowed or denied (403), others 404."""

from __future__ import annotations

import pytest
from django.utils import timezone

from motcua.api.tests.test_dossiers_support import counter_body
from motcua.dossiers.tests.factories import dossier_in_state

pytestmark = pytest.mark.django_db


ROLES = ("officer", "division", "leader", "specialist", "clerk")

# (step the dossier is in, action and its fields, the roles that may take it)
TRANSITIONS = [
    ("assignment", "assign", {"assignee": "specialist"}, {"division", "leader"}),
    ("processing", "forward", {}, {"specialist", "division", "leader"}),
    (
        "processing",
        "request_supplement",
        {"items": ["Sổ đỏ"]},
        {"specialist", "division", "leader"},
    ),
    ("approval", "approve", {}, {"leader"}),
    ("approval", "stop", {"reason": "Đề nghị dừng"}, {"leader"}),
    ("issuing", "issue_result", {}, {"clerk"}),
    ("result_ready", "return_result", {}, {"officer"}),
    ("processing", "withdraw", {"reason": "Công dân rút"}, {"officer"}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("step", "action", "fields", "allowed"),
    TRANSITIONS,
    ids=[f"{row[1]}@{row[0]}" for row in TRANSITIONS],
)
def test_each_role_may_take_only_its_own_transitions(
    world, as_staff, role, step, action, fields, allowed
):
    code = dossier_in_state(world, step, timezone.now()).code
    caller = as_staff(role)
    detail = caller.get(f"/dossiers/{code}").json()
    assert (action in detail["allowed_actions"]) == (role in allowed)
    response = caller.act(code, action, **fields)
    expected = 200 if role in allowed else 403
    assert response.status_code == expected, response.json()


@pytest.mark.parametrize("role", ROLES)
def test_only_a_reception_officer_creates_a_dossier_at_the_counter(
    world, as_staff, role
):
    response = as_staff(role).post("/dossiers", counter_body(world))
    assert response.status_code == (201 if role == "officer" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_of_the_agency_reads_its_dossiers(world, as_staff, role):
    code = dossier_in_state(world, "processing", timezone.now()).code
    caller = as_staff(role)
    for path in (f"/dossiers/{code}", f"/dossiers/{code}/events"):
        assert caller.get(path).status_code == 200
    assert caller.get("/worklists").status_code == 200
    assert caller.get("/worklists/unit").json()["count"] == 1
    assert caller.get("/dossiers", q=code).json()["count"] == 1


@pytest.mark.parametrize(
    ("role", "status"),
    [("officer", 200), ("leader", 200), ("clerk", 200), ("specialist", 403)],
)
def test_the_register_is_for_reception_clerks_and_leaders(
    world, as_staff, role, status
):
    response = as_staff(role).get(f"/registers/{world.agency.code}.xlsx")
    assert response.status_code == status


def test_the_register_of_an_agency_one_cannot_see_is_not_found(world, as_staff):
    police = as_staff("other_staff")
    assert police.get(f"/registers/{world.agency.code}.pdf").status_code == 404
    assert police.get("/worklists/unit").json()["count"] == 0
