from __future__ import annotations

import pytest

from motcua.agencies.models import StaffRole
from motcua.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from motcua.dossiers import services as s
from motcua.dossiers.tests.factories import staff, vn

NOW = vn(2026, 3, 2, 9)


def test_a_division_leader_assigns_a_specialist_and_the_hand_over_is_recorded(world):
    dossier = world.receive(NOW)

    assigned = s.dossier_assign(
        dossier_code=dossier.code,
        actor=world.division,
        now=vn(2026, 3, 2, 10),
        assignee=world.specialist,
        expected_version=1,
    )

    assert (assigned.status, assigned.step, assigned.assignee) == (
        4,
        "processing",
        world.specialist,
    )
    event = assigned.events.get(sequence=2)
    assert (event.receiver, event.step_started_at, event.judgement) == (
        world.specialist,
        NOW,
        "early",
    )
    # Default process for 5 days: processing has 10 - 1 - 2 - 1 = 6 half-days.
    assert assigned.step_due_at == vn(2026, 3, 5, 10)


def test_a_leader_may_reassign_to_another_specialist(world):
    dossier = world.processing(NOW)
    second = staff(world.agency, StaffRole.SPECIALIST)

    again = s.dossier_assign(
        dossier_code=dossier.code, actor=world.leader, now=NOW, assignee=second
    )

    assert again.assignee == second


def test_assigning_needs_a_leader_of_the_competent_agency(world):
    dossier = world.receive(NOW)
    refusals = (
        (world.specialist, PermissionDenied),
        (world.officer, PermissionDenied),
        (world.other_staff, NotFound),  # another agency's: it may not see it
    )
    for actor, refusal in refusals:
        with pytest.raises(refusal):
            s.dossier_assign(
                dossier_code=dossier.code,
                actor=actor,
                now=NOW,
                assignee=world.specialist,
            )


def test_assigning_to_someone_without_the_role_is_refused(world):
    dossier = world.receive(NOW)

    with pytest.raises(InvalidInput):
        s.dossier_assign(
            dossier_code=dossier.code,
            actor=world.division,
            now=NOW,
            assignee=world.other_staff,
        )


def test_an_online_dossier_cannot_be_assigned_before_reception(world):
    from motcua.dossiers.tests.factories import applicant

    dossier = s.dossier_register_online(
        now=NOW,
        procedure=world.procedure,
        competent_agency=world.agency,
        applicant=applicant(),
        papers=[],
    )

    with pytest.raises(Conflict, match="registered online"):
        s.dossier_assign(
            dossier_code=dossier.code,
            actor=world.division,
            now=NOW,
            assignee=world.specialist,
        )


def test_another_specialist_cannot_forward_a_dossier_not_assigned_to_them(world):
    dossier = world.processing(NOW)
    colleague = staff(world.agency, StaffRole.SPECIALIST)

    with pytest.raises(PermissionDenied):
        s.dossier_forward(dossier_code=dossier.code, actor=colleague, now=NOW)


def test_forwarding_goes_to_review_then_approval_and_may_skip_review(world):
    first = world.processing(NOW)
    second = world.processing(NOW)

    s.dossier_forward(dossier_code=first.code, actor=world.specialist, now=NOW)
    reviewed = s.dossier_forward(
        dossier_code=first.code, actor=world.division, now=NOW, to_user=world.leader
    )
    skipped = s.dossier_forward(
        dossier_code=second.code, actor=world.specialist, now=NOW, to_step="approval"
    )

    assert reviewed.step == skipped.step == "approval"
    assert reviewed.events.latest("sequence").receiver == world.leader


def test_forwarding_to_a_step_that_is_not_next_is_a_conflict(world):
    dossier = world.processing(NOW)

    with pytest.raises(Conflict):
        s.dossier_forward(
            dossier_code=dossier.code,
            actor=world.specialist,
            now=NOW,
            to_step="issuing",
        )


def test_forwarding_to_someone_without_the_next_role_is_refused(world):
    dossier = world.processing(NOW)

    with pytest.raises(InvalidInput):
        s.dossier_forward(
            dossier_code=dossier.code,
            actor=world.specialist,
            now=NOW,
            to_user=world.clerk,
        )


def test_the_agency_leader_returns_a_dossier_with_a_note(world):
    dossier = world.processing(NOW)
    s.dossier_forward(dossier_code=dossier.code, actor=world.specialist, now=NOW)
    s.dossier_forward(dossier_code=dossier.code, actor=world.division, now=NOW)

    with pytest.raises(InvalidInput):
        s.dossier_return_to_step(
            dossier_code=dossier.code, actor=world.leader, now=NOW, note=""
        )
    back = s.dossier_return_to_step(
        dossier_code=dossier.code, actor=world.leader, now=NOW, note="Bổ sung thẩm định"
    )

    assert (back.step, back.assignee) == ("processing", world.specialist)
    assert back.events.latest("sequence").note == "Bổ sung thẩm định"


def test_a_division_leader_cannot_return_from_approval(world):
    dossier = world.processing(NOW)
    s.dossier_forward(
        dossier_code=dossier.code, actor=world.specialist, now=NOW, to_step="approval"
    )

    with pytest.raises(PermissionDenied):
        s.dossier_return_to_step(
            dossier_code=dossier.code, actor=world.division, now=NOW, note="x"
        )


def test_only_the_agency_leader_approves(world):
    dossier = world.processing(NOW)
    s.dossier_forward(
        dossier_code=dossier.code, actor=world.specialist, now=NOW, to_step="approval"
    )

    with pytest.raises(PermissionDenied):
        s.dossier_approve(dossier_code=dossier.code, actor=world.division, now=NOW)
    approved = s.dossier_approve(dossier_code=dossier.code, actor=world.leader, now=NOW)
    assert approved.step == "issuing"
    with pytest.raises(Conflict):
        s.dossier_approve(dossier_code=dossier.code, actor=world.leader, now=NOW)
