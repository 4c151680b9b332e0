"""Officers' moves on a ticket: only what the table allows, each one timed."""

from __future__ import annotations

import pytest

from motcua.agencies.models import Counter
from motcua.core.errors import Conflict, NotFound
from motcua.dossiers.tests.factories import UserFactory, vn
from motcua.queueing.models import TicketSpan, TicketStatus
from motcua.queueing.services import ticket_act, ticket_call_next, ticket_issue
from motcua.queueing.tests.test_services import counter_of, line_of
from motcua.queueing.workflow import FINAL, TRANSITIONS, TicketAction

pytestmark = pytest.mark.django_db


def test_every_action_is_in_the_table_and_no_final_state_is_left():
    assert set(TRANSITIONS) == set(TicketAction)
    for sources, _target in TRANSITIONS.values():
        assert not sources & FINAL
    reachable = {target for _sources, target in TRANSITIONS.values()}
    assert reachable >= FINAL


def called_ticket() -> tuple[int, Counter]:
    line = line_of()
    counter = counter_of(line)
    ticket_issue(line=line, now=vn(2026, 3, 2, 8))
    ticket = ticket_call_next(
        line=line,
        counter=counter,
        officer=UserFactory.create(),
        now=vn(2026, 3, 2, 8, 5),
    )
    assert ticket is not None
    return ticket.pk, counter


def test_a_served_ticket_leaves_one_timed_span_per_state():
    ticket_id, counter = called_ticket()
    officer = UserFactory.create()
    steps = [
        (TicketAction.RECALL, vn(2026, 3, 2, 8, 7)),
        (TicketAction.SERVE, vn(2026, 3, 2, 8, 8)),
        (TicketAction.FINISH, vn(2026, 3, 2, 8, 20)),
    ]
    for action, at in steps:
        ticket = ticket_act(
            ticket_id=ticket_id, action=action, counter=counter, officer=officer, now=at
        )
    assert ticket.status == TicketStatus.DONE
    spans = TicketSpan.objects.filter(ticket_id=ticket_id).order_by("started_at")
    assert [(s.status, s.started_at.minute, s.ended_at) for s in spans][-1] == (
        "done",
        20,
        None,
    )
    timed = [
        (s.status, (s.ended_at - s.started_at).seconds // 60)
        for s in spans[:4]
        if s.ended_at is not None
    ]
    assert timed == [("waiting", 5), ("called", 2), ("called", 1), ("serving", 12)]


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (TicketAction.NO_SHOW, TicketAction.SERVE),
        (TicketAction.SERVE, TicketAction.NO_SHOW),
        (TicketAction.CANCEL, TicketAction.RECALL),
    ],
)
def test_a_move_the_table_does_not_allow_is_a_conflict(first, then):
    ticket_id, counter = called_ticket()
    officer = UserFactory.create()
    ticket_act(
        ticket_id=ticket_id,
        action=first,
        counter=counter,
        officer=officer,
        now=vn(2026, 3, 2, 8, 6),
    )
    spans = TicketSpan.objects.filter(ticket_id=ticket_id).count()
    with pytest.raises(Conflict):
        ticket_act(
            ticket_id=ticket_id,
            action=then,
            counter=counter,
            officer=officer,
            now=vn(2026, 3, 2, 8, 7),
        )
    assert TicketSpan.objects.filter(ticket_id=ticket_id).count() == spans


def test_a_ticket_of_another_hall_is_not_found_at_this_counter():
    ticket_id, _counter = called_ticket()
    elsewhere = counter_of(line_of("C"), 9)
    with pytest.raises(NotFound):
        ticket_act(
            ticket_id=ticket_id,
            action=TicketAction.SERVE,
            counter=elsewhere,
            officer=UserFactory.create(),
            now=vn(2026, 3, 2, 8, 6),
        )
