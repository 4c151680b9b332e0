"""Officers' moves on a ticket: only what the table allows, each one timed."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.core.errors import Conflict, InvalidInput, NotFound
from motcua.dossiers.tests.factories import vn
from motcua.queueing.models import CounterSession, ServiceLine, TicketSpan, TicketStatus
from motcua.queueing.selectors import ticket_people_ahead
from motcua.queueing.services import ticket_act, ticket_call_next, ticket_issue
from motcua.queueing.tests.test_services import line_of, session_of
from motcua.queueing.workflow import FINAL, TRANSITIONS, TicketAction

pytestmark = pytest.mark.django_db


def test_every_action_is_in_the_table_and_no_final_state_is_left():
    assert set(TRANSITIONS) == set(TicketAction)
    for sources, _target in TRANSITIONS.values():
        assert not sources & FINAL
    reachable = {target for _sources, target in TRANSITIONS.values()}
    assert reachable >= FINAL


def called_ticket() -> tuple[int, CounterSession]:
    line = line_of()
    session = session_of(line)
    ticket_issue(line=line, now=vn(2026, 3, 2, 8))
    ticket = ticket_call_next(session=session, now=vn(2026, 3, 2, 8, 5))
    assert ticket is not None
    return ticket.pk, session


def test_a_served_ticket_leaves_one_timed_span_per_state():
    ticket_id, session = called_ticket()
    steps = [
        (TicketAction.RECALL, vn(2026, 3, 2, 8, 7)),
        (TicketAction.SERVE, vn(2026, 3, 2, 8, 8)),
        (TicketAction.FINISH, vn(2026, 3, 2, 8, 20)),
    ]
    for action, at in steps:
        ticket = ticket_act(ticket_id=ticket_id, action=action, session=session, now=at)
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
        (TicketAction.NO_SHOW, TicketAction.FINISH),
    ],
)
def test_a_move_the_table_does_not_allow_is_a_conflict(first, then):
    ticket_id, session = called_ticket()
    ticket_act(
        ticket_id=ticket_id,
        action=first,
        session=session,
        now=vn(2026, 3, 2, 8, 6),
    )
    spans = TicketSpan.objects.filter(ticket_id=ticket_id).count()
    with pytest.raises(Conflict):
        ticket_act(
            ticket_id=ticket_id,
            action=then,
            session=session,
            now=vn(2026, 3, 2, 8, 7),
        )
    assert TicketSpan.objects.filter(ticket_id=ticket_id).count() == spans


def test_a_ticket_of_another_hall_is_not_found_at_this_counter():
    ticket_id, _session = called_ticket()
    elsewhere = session_of(line_of("C"), 9)
    with pytest.raises(NotFound):
        ticket_act(
            ticket_id=ticket_id,
            action=TicketAction.SERVE,
            session=elsewhere,
            now=vn(2026, 3, 2, 8, 6),
        )


def test_a_call_is_repeated_twice_then_the_ticket_is_set_aside_and_called_back():
    ticket_id, session = called_ticket()
    for minute in (6, 7):
        ticket_act(
            ticket_id=ticket_id,
            action=TicketAction.RECALL,
            session=session,
            now=vn(2026, 3, 2, 8, minute),
        )
    with pytest.raises(Conflict) as refused:
        ticket_act(
            ticket_id=ticket_id,
            action=TicketAction.RECALL,
            session=session,
            now=vn(2026, 3, 2, 8, 8),
        )
    assert "3" in str(refused.value.message)
    parked = ticket_act(
        ticket_id=ticket_id,
        action=TicketAction.NO_SHOW,
        session=session,
        now=vn(2026, 3, 2, 8, 9),
    )
    assert parked.status == TicketStatus.PARKED
    back = ticket_act(
        ticket_id=ticket_id,
        action=TicketAction.CALL_BACK,
        session=session,
        now=vn(2026, 3, 2, 9),
    )
    assert (back.status, back.recalls) == (TicketStatus.CALLED, 0)
    # Called back, the limit starts again.
    ticket_act(
        ticket_id=ticket_id,
        action=TicketAction.RECALL,
        session=session,
        now=vn(2026, 3, 2, 9, 1),
    )


def test_a_transferred_ticket_keeps_its_place_in_the_line_it_moves_to():
    line = line_of("B")
    land = ServiceLine.objects.create(
        service_point=line.service_point, prefix="C", name="Đất đai"
    )
    session = session_of(line, 1)
    mine = ticket_issue(line=line, now=vn(2026, 3, 2, 8))
    later = [ticket_issue(line=land, now=vn(2026, 3, 2, 8, m)) for m in (1, 2)]
    ticket_call_next(session=session, now=vn(2026, 3, 2, 8, 5))
    moved = ticket_act(
        ticket_id=mine.pk,
        action=TicketAction.TRANSFER,
        session=session,
        now=vn(2026, 3, 2, 8, 6),
        to_line=land,
    )
    assert (moved.status, moved.queue_line, moved.code) == ("waiting", land, "B-001")
    assert ticket_people_ahead(later[0], now=vn(2026, 3, 2, 8, 6)) == 1
    land_counter = session_of(land, 2)
    called = ticket_call_next(session=land_counter, now=vn(2026, 3, 2, 8, 7))
    assert called is not None and called.pk == mine.pk


def test_a_ticket_transferred_to_a_counter_is_called_there_only():
    line = line_of()
    first = session_of(line, 1)
    second = session_of(line, 2)
    mine = ticket_issue(line=line, now=vn(2026, 3, 2, 8))
    other = ticket_issue(line=line, now=vn(2026, 3, 2, 8, 1))
    ticket_call_next(session=first, now=vn(2026, 3, 2, 8, 5))
    ticket_act(
        ticket_id=mine.pk,
        action=TicketAction.TRANSFER,
        session=first,
        now=vn(2026, 3, 2, 8, 6),
        to_counter=second.counter,
    )
    # Counter 1 passes over it; counter 2 takes it first.
    took = ticket_call_next(session=first, now=vn(2026, 3, 2, 8, 7))
    assert took is not None and took.pk == other.pk
    took = ticket_call_next(session=second, now=vn(2026, 3, 2, 8, 8))
    assert took is not None and took.pk == mine.pk


def test_a_transfer_needs_a_line_or_counter_of_the_same_hall():
    ticket_id, session = called_ticket()
    elsewhere = line_of("C")
    targets: list[dict[str, Any]] = [{}, {"to_line": elsewhere}]
    for target in targets:
        with pytest.raises(InvalidInput) as refused:
            ticket_act(
                ticket_id=ticket_id,
                action=TicketAction.TRANSFER,
                session=session,
                now=vn(2026, 3, 2, 8, 6),
                **target,
            )
        assert "to" in refused.value.field_errors
