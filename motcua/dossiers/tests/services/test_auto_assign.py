"""Received dossiers are assigned automatically by the agency's rules."""

from __future__ import annotations

import pytest

from motcua.agencies.models import StaffAssignment, StaffRole
from motcua.dossiers.choices import DossierStatus, DossierStep
from motcua.dossiers.models import AssignmentRule, AssignmentStrategy, DossierEvent
from motcua.dossiers.tests.factories import staff, vn
from motcua.procedures.models import ProcedureField

NOW = vn(2026, 3, 2, 9)


def test_without_a_rule_the_dossier_waits_for_a_leader(world):
    dossier = world.receive(NOW)
    assert (dossier.status, dossier.step) == (
        DossierStatus.RECEIVED,
        DossierStep.ASSIGNMENT,
    )
    assert dossier.assignee is None


def test_a_fixed_rule_assigns_to_its_person_with_a_system_event(world):
    AssignmentRule.objects.create(
        agency=world.agency,
        name="Hộ tịch → chuyên viên",
        strategy=AssignmentStrategy.FIXED_USER,
        user=world.specialist,
    )
    dossier = world.receive(NOW)
    assert dossier.assignee == world.specialist
    assert (dossier.status, dossier.step) == (
        DossierStatus.PROCESSING,
        DossierStep.PROCESSING,
    )
    event = DossierEvent.objects.filter(dossier=dossier).order_by("sequence").last()
    assert event is not None
    assert (event.action, event.actor, event.actor_role) == ("assign", None, "system")
    assert event.receiver == world.specialist
    assert dossier.version == event.sequence


def test_least_load_picks_the_specialist_with_fewest_open_dossiers(world):
    second = staff(world.agency, StaffRole.SPECIALIST, username="second")
    AssignmentRule.objects.create(
        agency=world.agency, name="Cân bằng", strategy=AssignmentStrategy.LEAST_LOAD
    )
    assignees = [world.receive(NOW).assignee for _ in range(4)]
    assert sorted(a.username for a in assignees if a) == [
        "second",
        "second",
        "specialist",
        "specialist",
    ]
    assert second in assignees


def test_a_skill_rule_only_picks_specialists_with_that_skill(world):
    justice = staff(world.agency, StaffRole.SPECIALIST, username="justice")
    StaffAssignment.objects.filter(user=justice).update(skills="Tư pháp, hộ tịch")
    AssignmentRule.objects.create(
        agency=world.agency,
        name="Tư pháp",
        strategy=AssignmentStrategy.LEAST_LOAD,
        skill="tu phap",
    )
    assert {world.receive(NOW).assignee for _ in range(3)} == {justice}


def test_rules_match_by_field_and_priority(world):
    field = ProcedureField.objects.create(name="Hộ tịch", name_folded="ho tich")
    other = ProcedureField.objects.create(name="Đất đai", name_folded="dat dai")
    AssignmentRule.objects.create(
        agency=world.agency,
        name="Đất đai",
        priority=1,
        field=other,
        strategy=AssignmentStrategy.FIXED_USER,
        user=world.division,
    )
    AssignmentRule.objects.create(
        agency=world.agency,
        name="Hộ tịch",
        priority=2,
        field=field,
        strategy=AssignmentStrategy.FIXED_USER,
        user=world.specialist,
    )
    world.procedure.field = field
    world.procedure.save()
    assert world.receive(NOW).assignee == world.specialist


@pytest.mark.parametrize("active", [False])
def test_an_inactive_rule_is_ignored(world, active):
    AssignmentRule.objects.create(
        agency=world.agency,
        name="Tắt",
        strategy=AssignmentStrategy.FIXED_USER,
        user=world.specialist,
        is_active=active,
    )
    assert world.receive(NOW).assignee is None
