"""Every transition goes through the one entry (``services.transitions``): one
event per transition, the outbox message in the same step, and each action
within its query budget (the dossier row is loaded once)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.accounts.models import User
from motcua.citizens.tests.factories import citizen
from motcua.dossiers import services as s
from motcua.dossiers.models import AssignmentRule, AssignmentStrategy, Dossier
from motcua.dossiers.payloads import payload_read
from motcua.dossiers.services.unsupplemented import dossiers_close_unsupplemented
from motcua.dossiers.tests.factories import (
    World,
    all_ticks,
    applicant,
    dossier_in_state,
    vn,
)
from motcua.dossiers.tests.services.test_transitions import CASES, NOW, act, holder
from motcua.dossiers.tracking import public_view_build
from motcua.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

# The most queries each staff action may run on the test world (SQLite and
# PostgreSQL alike). Lower them as the services get leaner; a rise is a review.
# Each event writes the dossier's public view (one UPDATE, ADR 0012; asking for
# fees also reads them for the view; a reception is two events with its
# automatic assignment).
QUERY_BUDGET = {
    "apologise": 12,
    "approve": 13,
    "assign": 14,
    "decide_at_counter": 23,
    "forward": 13,
    "issue_result": 23,
    "receive": 26,
    "receive_supplement": 16,
    "receive_supplement_at_reception": 10,
    "record_payment": 16,
    "refuse": 10,
    "request_payment": 14,
    "request_supplement": 13,
    "request_supplement_at_reception": 12,
    "return": 14,
    "return_result": 9,
    "send_to_agency": 10,
    "stop": 12,
    "withdraw": 12,
}


def _dossier_reads(queries: list[dict[str, str]]) -> int:
    """SELECTs of the dossier table (the lock's load is the only one)."""
    return sum(
        1
        for query in queries
        if query["sql"].startswith("SELECT")
        and 'FROM "dossiers_dossier"' in query["sql"]
    )


def _history(dossier: Dossier) -> list[str]:
    return list(dossier.events.order_by("sequence").values_list("action", flat=True))


def _kinds(dossier: Dossier) -> set[str]:
    messages = OutboxMessage.objects.filter(dossier_code=dossier.code)
    return set(messages.values_list("kind", flat=True))


def test_every_staff_action_has_a_budget():
    assert set(QUERY_BUDGET) == set(CASES)


@pytest.mark.parametrize("action", sorted(CASES))
def test_each_staff_action_writes_one_event_and_loads_the_dossier_once(world, action):
    case = CASES[action]
    dossier = case.prepare(world)
    before = _history(dossier)
    actor = holder(world, case.role)

    with CaptureQueriesContext(connection) as captured:
        done = act(case, world, dossier, actor, expected_version=dossier.version)

    assert _history(done) == [*before, action]
    event = done.events.latest("sequence")
    assert event.sequence == done.version == dossier.version + 1
    assert (event.actor, event.actor_role) == (actor, case.role)
    assert _dossier_reads(captured.captured_queries) == 1
    assert len(captured.captured_queries) <= QUERY_BUDGET[action]
    # What the service wrote is exactly its action's typed payload.
    assert payload_read(event.action, event.data).as_data() == event.data
    # The public view kept by the event is what the whole history says.
    done.refresh_from_db()
    assert done.public_view == public_view_build(done)


def _counter(world: World, service: Callable[..., Dossier], **extra: object) -> Dossier:
    first = world.procedure.papers.order_by("position").first()
    assert first is not None
    ticks = all_ticks(world.procedure)
    if service is not s.dossier_create_at_counter:
        ticks = [t for t in ticks if t.required_paper_id != first.pk]
    return service(
        actor=world.officer,
        now=NOW,
        procedure=world.procedure,
        service_point=world.point,
        applicant=applicant(),
        papers=ticks,
        competent_agency=world.agency,
        **extra,
    )


@pytest.mark.parametrize(
    ("service", "action", "message", "extra"),
    [
        (s.dossier_create_at_counter, "receive", "received", {}),
        (
            s.dossier_request_papers_at_counter,
            "request_supplement_at_reception",
            "supplement_requested",
            {},
        ),
        (
            s.dossier_refuse_at_counter,
            "refuse",
            "refused",
            {"reasons": "Sai thẩm quyền"},
        ),
    ],
)
def test_a_creation_at_the_counter_is_one_transition_with_its_message(
    world, service, action, message, extra
):
    dossier = _counter(world, service, **extra)

    assert _history(dossier) == [action]
    event = dossier.events.get()
    assert (event.sequence, dossier.version) == (1, 1)
    assert (event.from_status, event.from_step) == (None, "")
    assert (event.actor, event.actor_role) == (world.officer, "reception_officer")
    # The message of this transition (one per channel: SMS and e-mail), no other.
    assert _kinds(dossier) == {message}
    dossier.refresh_from_db()
    assert dossier.public_view == public_view_build(dossier)


def test_a_reception_with_an_assignment_rule_is_two_transitions(world):
    AssignmentRule.objects.create(
        agency=world.agency,
        name="Hộ tịch",
        strategy=AssignmentStrategy.FIXED_USER,
        user=world.specialist,
    )
    dossier = world.receive(NOW)

    assert _history(dossier) == ["receive", "assign"]
    assert dossier.version == 2
    assign = dossier.events.get(action="assign")
    assert (assign.actor, assign.actor_role) == (None, "system")
    assert assign.actor_agency == world.agency
    # Only the receipt: the assignment tells the applicant nothing new.
    assert _kinds(dossier) == {"received"}


def _filed_online(world: World, owner: User) -> Dossier:
    return s.dossier_register_online(
        now=NOW,
        procedure=world.procedure,
        competent_agency=world.agency,
        applicant=applicant(),
        papers=all_ticks(world.procedure),
        account=owner,
    )


def test_an_online_filing_is_one_transition_by_the_applicant(world):
    owner = citizen()
    dossier = _filed_online(world, owner)

    event = dossier.events.get()
    assert (event.action, event.actor, event.actor_role) == (
        "register_online",
        None,
        "applicant",
    )
    assert dossier.version == 1
    assert OutboxMessage.objects.filter(
        dossier_code=dossier.code, kind="registered_online"
    ).exists()


def test_the_applicant_and_the_system_act_through_the_same_entry(world):
    owner = citizen()
    dossier = _filed_online(world, owner)
    s.dossier_withdraw_online(
        dossier_code=dossier.code, account=owner, now=NOW, reason="Nộp nhầm"
    )
    dossier.refresh_from_db()
    assert _history(dossier) == ["register_online", "withdraw"]
    withdraw = dossier.events.get(action="withdraw")
    assert (withdraw.actor, withdraw.actor_role, withdraw.sequence) == (
        owner,
        "applicant",
        dossier.version,
    )

    world.procedure.supplement_close_working_days = 1
    world.procedure.save(update_fields=["supplement_close_working_days"])
    waiting = _counter(world, s.dossier_request_papers_at_counter)
    assert dossiers_close_unsupplemented(now=vn(2026, 3, 4, 9)) == [waiting.code]
    waiting.refresh_from_db()
    assert _history(waiting) == [
        "request_supplement_at_reception",
        "close_unsupplemented",
    ]
    closing = waiting.events.latest("sequence")
    assert (closing.actor, closing.actor_role, closing.sequence) == (
        None,
        "system",
        waiting.version,
    )
    assert OutboxMessage.objects.filter(
        dossier_code=waiting.code, kind="refused"
    ).exists()


def test_declining_is_one_event_too(world):
    dossier = dossier_in_state(world, "approval", NOW)
    before = _history(dossier)
    done = s.dossier_decline(
        dossier_code=dossier.code, actor=world.leader, now=NOW, reasons="Không đủ"
    )
    assert _history(done) == [*before, "decline"]
