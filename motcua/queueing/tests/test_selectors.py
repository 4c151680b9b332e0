"""The wait a phone is told: a range from the line's recent services."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua.dossiers.tests.factories import vn
from motcua.queueing.models import CounterSession, ServiceLine, Ticket
from motcua.queueing.selectors import (
    WaitRange,
    counters_serving,
    ticket_wait_estimate,
)
from motcua.queueing.services import (
    counter_close,
    ticket_act,
    ticket_call_next,
    ticket_issue,
)
from motcua.queueing.tests.test_services import line_of, session_of
from motcua.queueing.workflow import TicketAction

pytestmark = pytest.mark.django_db
START = vn(2026, 3, 2, 8)


def serve(session: CounterSession, minutes: int, at_minute: int) -> None:
    """Call the next ticket to the session's counter at ``at_minute``; serve it
    ``minutes`` and finish it."""
    called_at = START + timedelta(minutes=at_minute)
    ticket = ticket_call_next(session=session, now=called_at)
    assert ticket is not None
    for action, at in (
        (TicketAction.SERVE, called_at),
        (TicketAction.FINISH, called_at + timedelta(minutes=minutes)),
    ):
        ticket_act(ticket_id=ticket.pk, action=action, session=session, now=at)


def issue(line: ServiceLine, count: int) -> list[Ticket]:
    return [ticket_issue(line=line, now=START) for _ in range(count)]


def test_no_service_on_record_gives_no_estimate():
    line = line_of()
    tickets = issue(line, 3)
    assert ticket_wait_estimate(tickets[2], now=START) is None


def test_the_range_is_the_quartiles_of_recent_services_times_the_people_ahead():
    line = line_of()
    tickets = issue(line, 8)
    session = session_of(line, 1, now=START)
    for number, minutes in enumerate((4, 6, 8, 10, 12), start=1):
        serve(session, minutes, at_minute=10 * number)
    now = START + timedelta(minutes=70)
    # 8 tickets, 5 served: the 8th has 2 ahead, one counter open; the services'
    # quartiles are 6 and 10 minutes.
    assert ticket_wait_estimate(tickets[7], now=now) == WaitRange(low=12, high=20)
    assert ticket_wait_estimate(tickets[5], now=now) == WaitRange(low=0, high=0)


def test_two_open_counters_share_the_people_ahead():
    line = line_of()
    tickets = issue(line, 7)
    first = session_of(line, 1, now=START)
    serve(first, 10, at_minute=30)
    serve(session_of(line, 2, now=START), 10, at_minute=31)
    now = START + timedelta(minutes=45)
    # 5 waiting: the last has 4 ahead, served two at a time.
    assert ticket_wait_estimate(tickets[6], now=now) == WaitRange(low=20, high=20)
    # One counter closes: the other serves them alone.
    counter_close(session=first, now=START + timedelta(minutes=50))
    later = START + timedelta(minutes=55)
    assert ticket_wait_estimate(tickets[6], now=later) == WaitRange(low=40, high=40)


def test_an_officer_on_two_lines_counts_half_a_counter_for_each():
    line = line_of("B")
    land = ServiceLine.objects.create(
        service_point=line.service_point, prefix="C", name="Đất đai"
    )
    tickets = issue(line, 4)
    serve(session_of(line, 1, now=START, lines=[line]), 10, at_minute=10)
    assert counters_serving(line_id=line.pk, now=START + timedelta(minutes=30)) == 1
    session_of(line, 2, now=START + timedelta(minutes=31))  # B and C
    assert counters_serving(line_id=line.pk, now=START + timedelta(minutes=32)) == 1.5
    assert counters_serving(line_id=land.pk, now=START + timedelta(minutes=32)) == 0.5
    # 2 ahead of the last, 1.5 counters, services of 10 minutes.
    estimate = ticket_wait_estimate(tickets[3], now=START + timedelta(minutes=32))
    assert estimate == WaitRange(low=13, high=14)


def test_without_an_open_counter_the_counters_of_the_last_half_hour_count():
    line = line_of()
    tickets = issue(line, 4)
    session = session_of(line, 1, now=START)
    serve(session, 10, at_minute=10)
    counter_close(session=session, now=START + timedelta(minutes=25))
    # Closed at 08:25 (lunch?): the counter that worked at 08:20 still counts.
    soon = START + timedelta(minutes=30)
    assert ticket_wait_estimate(tickets[3], now=soon) == WaitRange(low=20, high=20)


def test_a_called_ticket_has_no_wait_left():
    line = line_of()
    session = session_of(line, 3, now=START)
    first, second = issue(line, 2)
    serve(session, 5, at_minute=1)
    ticket_call_next(session=session, now=START + timedelta(minutes=7))
    second.refresh_from_db()
    assert ticket_wait_estimate(second, now=START + timedelta(minutes=10)) is None
    assert first.pk != second.pk
