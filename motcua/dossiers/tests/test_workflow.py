from __future__ import annotations

import pytest

from motcua.dossiers.workflow import (
    SYSTEM_ACTIONS,
    TRANSITIONS,
    ActorAgency,
    DossierAction,
    DossierState,
    allowed_actions,
    system_only_actions,
    transitions_from,
)

RECEIVING, COMPETENT, LEG = 1, 2, 3


def state(status, step, *, assignee_id=None, legs=()):
    return DossierState(
        status=status,
        step=step,
        receiving_agency_id=RECEIVING,
        competent_agency_id=COMPETENT,
        open_leg_agency_ids=frozenset(legs),
        assignee_id=assignee_id,
    )


def test_every_action_has_a_row_in_the_table():
    # Every action a person takes has a row; the system's own have none.
    assert {t.action for t in TRANSITIONS} | SYSTEM_ACTIONS == set(DossierAction.values)
    assert not {t.action for t in TRANSITIONS} & SYSTEM_ACTIONS


def test_every_target_is_a_known_state_and_every_row_names_who_may_act():
    for transition in TRANSITIONS:
        assert transition.grants, transition.action
        assert all(isinstance(status, int) for status, _ in transition.targets)


def test_a_reception_officer_of_the_receiving_agency_may_check_an_online_dossier():
    actions = allowed_actions(
        state(1, "online_check"), {RECEIVING: {"reception_officer"}}
    )

    assert actions == [
        "receive",
        "request_supplement_at_reception",
        "refuse",
        "withdraw",
    ]


def test_the_same_role_in_another_agency_may_do_nothing():
    assert (
        allowed_actions(state(1, "online_check"), {COMPETENT: {"reception_officer"}})
        == []
    )


def test_a_specialist_acts_only_on_dossiers_assigned_to_them():
    roles = {COMPETENT: {"specialist"}}

    assert "forward" in allowed_actions(
        state(4, "processing", assignee_id=7), roles, user_id=7
    )
    assert (
        allowed_actions(state(4, "processing", assignee_id=7), roles, user_id=8) == []
    )


def test_only_staff_of_an_agency_with_an_open_leg_may_reply():
    at_other = state(4, "other_agency", legs=[LEG])

    assert allowed_actions(at_other, {LEG: {"specialist"}}) == ["agency_reply"]
    assert allowed_actions(at_other, {COMPETENT: {"specialist"}}) == []


@pytest.mark.parametrize(
    ("status", "step", "allowed"),
    [
        (4, "approval", True),
        # Signed by the leader: the decision exists (Circular 03/2025 Art. 7).
        (4, "issuing", False),
        (9, "result_ready", False),
        (10, "closed", False),
    ],
)
def test_withdrawal_is_allowed_only_before_the_result(status, step, allowed):
    actions = allowed_actions(state(status, step), {RECEIVING: {"reception_officer"}})

    assert ("withdraw" in actions) is allowed


def test_creation_rows_have_no_sources():
    assert transitions_from("register_online", None) is not None
    # At the counter a walk-in dossier is created received, asked for papers or
    # refused: each creation has its row (no borrowed check).
    receive = transitions_from("receive", None)
    assert receive is not None
    assert receive.targets == ((2, "assignment"),)
    assert transitions_from("request_supplement_at_reception", None) is not None
    refuse = transitions_from("refuse", None)
    assert refuse is not None
    assert refuse.targets == ((3, "closed"),)
    # Only those: nothing else creates a dossier.
    for action in ("forward", "assign", "approve", "withdraw", "stop"):
        assert transitions_from(action, None) is None
    assert transitions_from("assign", (1, "online_check")) is None


def test_system_rows_are_found_only_for_the_system():
    assert transitions_from("close_unsupplemented", (5, "supplement")) is None
    found = transitions_from(
        "close_unsupplemented", (5, "supplement"), by=ActorAgency.SYSTEM
    )
    assert found is not None
    assert found.targets == ((3, "closed"), (8, "closed"))
    assert (
        transitions_from("assign", (2, "assignment"), by=ActorAgency.SYSTEM) is not None
    )
    assert transitions_from("assign", (4, "processing"), by=ActorAgency.SYSTEM) is None
    assert "close_unsupplemented" in system_only_actions()
    assert "assign" not in system_only_actions()


def test_city_supervisors_and_superusers_get_no_actions_from_the_table():
    assert (
        allowed_actions(state(2, "assignment"), {COMPETENT: {"city_supervisor"}}) == []
    )
    assert allowed_actions(state(2, "assignment"), {}) == []


def test_the_open_rows_index_condition_is_the_workflows_open_rule():
    from motcua.dossiers.models.dossier import OPEN_ROWS
    from motcua.dossiers.workflow import CLOSED_STATUSES

    assert OPEN_ROWS.negated
    assert OPEN_ROWS.children == [("status__in", sorted(CLOSED_STATUSES))]
