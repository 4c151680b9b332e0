"""Every transition service refuses a stale version, the wrong agency and a wrong
state, the same way (``transitions.transition_begin``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from motcua.agencies.models import StaffRole
from motcua.core.errors import Conflict, NotFound, PermissionDenied
from motcua.dossiers import services as s
from motcua.dossiers.inputs import FeeLine
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import (
    AgencyFactory,
    World,
    all_ticks,
    applicant,
    dossier_in_state,
    staff,
    vn,
)
from motcua.procedures.models import Procedure

NOW = vn(2026, 3, 2, 9)


@dataclass(frozen=True)
class Case:
    """A dossier brought to a state, the role that may act, and the call."""

    prepare: Callable[[World], Dossier]
    role: str
    call: Callable[..., Dossier]
    kwargs: Callable[[World], dict[str, object]] = lambda _w: {}


def online(world: World) -> Dossier:
    return s.dossier_register_online(
        now=NOW,
        procedure=world.procedure,
        competent_agency=world.agency,
        applicant=applicant(),
        papers=all_ticks(world.procedure),
    )


def at_reception_supplement(world: World) -> Dossier:
    dossier = online(world)
    return s.dossier_request_supplement_at_reception(
        dossier_code=dossier.code, actor=world.officer, now=NOW, items=["x"]
    )


def state(step: str) -> Callable[[World], Dossier]:
    return lambda world: dossier_in_state(world, step, NOW)


def no_wait(world: World) -> Dossier:
    """A no-wait procedure's dossier, just received at the counter."""
    Procedure.objects.filter(pk=world.procedure.pk).update(is_no_wait=True)
    world.procedure.refresh_from_db()
    return dossier_in_state(world, "assignment", NOW)


def at_review(world: World) -> Dossier:
    dossier = world.processing(NOW)
    return s.dossier_forward(dossier_code=dossier.code, actor=world.specialist, now=NOW)


def at_other_agency(world: World) -> Dossier:
    dossier = world.processing(NOW)
    return s.dossier_send_to_agency(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=NOW,
        agencies=[world.other],
    )


def paused(
    action: Callable[..., Dossier], **kwargs: object
) -> Callable[[World], Dossier]:
    def prepare(world: World) -> Dossier:
        dossier = world.processing(NOW)
        return action(
            dossier_code=dossier.code, actor=world.specialist, now=NOW, **kwargs
        )

    return prepare


R, SP, DL, AL, CL = (
    str(StaffRole.RECEPTION_OFFICER),
    str(StaffRole.SPECIALIST),
    str(StaffRole.DIVISION_LEADER),
    str(StaffRole.AGENCY_LEADER),
    str(StaffRole.CLERK),
)
CASES = {
    "receive": Case(online, R, s.dossier_receive),
    "request_supplement_at_reception": Case(
        online, R, s.dossier_request_supplement_at_reception, lambda w: {"items": ["x"]}
    ),
    "receive_supplement_at_reception": Case(
        at_reception_supplement, R, s.dossier_receive_supplement_at_reception
    ),
    "refuse": Case(online, R, s.dossier_refuse, lambda w: {"reasons": "x"}),
    "assign": Case(
        state("assignment"), DL, s.dossier_assign, lambda w: {"assignee": w.specialist}
    ),
    "forward": Case(at_review, DL, s.dossier_forward),
    "return": Case(at_review, DL, s.dossier_return_to_step, lambda w: {"note": "x"}),
    "send_to_agency": Case(
        state("processing"),
        AL,
        s.dossier_send_to_agency,
        lambda w: {"agencies": [w.other]},
    ),
    "request_supplement": Case(
        state("processing"),
        AL,
        s.dossier_request_supplement,
        lambda w: {"items": ["x"]},
    ),
    "receive_supplement": Case(
        paused(s.dossier_request_supplement, items=["x"]),
        R,
        s.dossier_receive_supplement,
    ),
    "request_payment": Case(
        state("processing"),
        AL,
        s.dossier_request_payment,
        lambda w: {"fees": [FeeLine("Lệ phí", 1000)]},
    ),
    "record_payment": Case(
        paused(s.dossier_request_payment, fees=[FeeLine("Lệ phí", 1000)]),
        R,
        s.dossier_record_payment,
        lambda w: {"payment_method": "cash"},
    ),
    "apologise": Case(
        state("processing"),
        AL,
        s.dossier_apologise,
        lambda w: {"reason": "x", "new_deadline_at": vn(2026, 3, 20, 17)},
    ),
    "withdraw": Case(
        state("processing"), R, s.dossier_withdraw, lambda w: {"reason": "x"}
    ),
    "stop": Case(state("processing"), AL, s.dossier_stop, lambda w: {"reason": "x"}),
    "approve": Case(state("approval"), AL, s.dossier_approve),
    "issue_result": Case(state("issuing"), CL, s.dossier_issue_result),
    "decide_at_counter": Case(no_wait, R, s.dossier_decide_at_counter),
    "return_result": Case(state("result_ready"), R, s.dossier_return_result),
}


def act(case: Case, world: World, dossier: Dossier, actor, **extra):
    return case.call(
        dossier_code=dossier.code, actor=actor, now=NOW, **case.kwargs(world), **extra
    )


def holder(world: World, role: str):
    return {
        R: world.officer,
        SP: world.specialist,
        DL: world.division,
        AL: world.leader,
        CL: world.clerk,
    }[role]


@pytest.mark.parametrize("action", sorted(CASES))
def test_the_right_role_acts_and_the_version_moves_on(world, action):
    case = CASES[action]
    dossier = case.prepare(world)

    done = act(
        case, world, dossier, holder(world, case.role), expected_version=dossier.version
    )

    assert done.version == dossier.version + 1
    assert done.events.latest("sequence").action == action


@pytest.mark.parametrize("action", sorted(CASES))
def test_a_stale_version_is_refused(world, action):
    case = CASES[action]
    dossier = case.prepare(world)

    with pytest.raises(Conflict, match="Someone else"):
        act(
            case,
            world,
            dossier,
            holder(world, case.role),
            expected_version=dossier.version - 1,
        )


@pytest.mark.parametrize("action", sorted(CASES))
def test_the_same_role_in_an_unrelated_agency_is_refused(world, action):
    case = CASES[action]
    dossier = case.prepare(world)
    outsider = staff(AgencyFactory.create(code="000.00.00.H09"), case.role)

    # Staff who may not see the dossier learn nothing of it: "not found",
    # checked inside the lock, as for any reader.
    with pytest.raises(NotFound):
        act(case, world, dossier, outsider)
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version


@pytest.mark.parametrize("action", sorted(CASES))
def test_a_role_the_table_does_not_name_is_refused(world, action):
    case = CASES[action]
    dossier = case.prepare(world)
    others = [r for r in (R, SP, DL, AL, CL) if r != case.role]
    wrong = staff(world.agency, *[r for r in others if r not in _also_allowed(action)])

    with pytest.raises(PermissionDenied):
        act(case, world, dossier, wrong)


def _also_allowed(action: str) -> set[str]:
    """Other roles the table also lets act (several grants or several roles)."""
    handlers = {SP, DL, AL}
    return {
        "assign": {AL},
        "send_to_agency": handlers,
        "request_supplement": handlers,
        "request_payment": handlers,
        "receive_supplement": handlers,
        "record_payment": handlers,
    }.get(action, set())


@pytest.mark.parametrize("action", sorted(CASES))
def test_an_action_from_a_closed_dossier_is_a_conflict(world, action):
    case = CASES[action]
    dossier = case.prepare(world)
    closed = world.receive(NOW)
    s.dossier_withdraw(
        dossier_code=closed.code, actor=world.officer, now=NOW, reason="x"
    )

    with pytest.raises(Conflict, match="withdrawn"):
        act(case, world, closed, holder(world, case.role))
    assert dossier.status != 7


def test_an_unknown_code_is_not_found(world):
    with pytest.raises(NotFound):
        s.dossier_receive(dossier_code="NO-SUCH-CODE", actor=world.officer, now=NOW)
