"""The wait a phone is told: a range from the line's recent services."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua.agencies.models import Counter
from motcua.dossiers.tests.factories import UserFactory, vn
from motcua.queueing.models import ServiceLine, Ticket
from motcua.queueing.selectors import WaitRange, ticket_wait_estimate
from motcua.queueing.services import ticket_act, ticket_call_next, ticket_issue
from motcua.queueing.tests.test_services import counter_of, line_of
from motcua.queueing.workflow import TicketAction

pytestmark = pytest.mark.django_db
START = vn(2026, 3, 2, 8)


def serve(line: ServiceLine, counter: Counter, minutes: int, at_minute: int) -> None:
    """Call the next ticket to ``counter`` at ``at_minute``; serve it ``minutes``."""
    officer = UserFactory.create()
    called_at = START + timedelta(minutes=at_minute)
    ticket = ticket_call_next(
        line=line, counter=counter, officer=officer, now=called_at
    )
    assert ticket is not None
    for action, at in (
        (TicketAction.SERVE, called_at),
        (TicketAction.FINISH, called_at + timedelta(minutes=minutes)),
    ):
        ticket_act(
            ticket_id=ticket.pk, action=action, counter=counter, officer=officer, now=at
        )


def issue(line: ServiceLine, count: int) -> list[Ticket]:
    return [ticket_issue(line=line, now=START) for _ in range(count)]


def test_no_service_on_record_gives_no_estimate():
    line = line_of()
    tickets = issue(line, 3)
    assert ticket_wait_estimate(tickets[2], now=START) is None


def test_the_range_is_the_quartiles_of_recent_services_times_the_people_ahead():
    line = line_of()
    tickets = issue(line, 8)
    counter = counter_of(line, 1)
    for number, minutes in enumerate((4, 6, 8, 10, 12), start=1):
        serve(line, counter, minutes, at_minute=10 * number)
    now = START + timedelta(minutes=70)
    # 8 tickets, 5 served: the 8th has 2 ahead, one counter open; the services'
    # quartiles are 6 and 10 minutes.
    assert ticket_wait_estimate(tickets[7], now=now) == WaitRange(low=12, high=20)
    assert ticket_wait_estimate(tickets[5], now=now) == WaitRange(low=0, high=0)


def test_two_open_counters_share_the_people_ahead():
    line = line_of()
    tickets = issue(line, 7)
    serve(line, counter_of(line, 1), 10, at_minute=30)
    serve(line, counter_of(line, 2), 10, at_minute=31)
    now = START + timedelta(minutes=45)
    # 5 waiting: the last has 4 ahead, served two at a time.
    assert ticket_wait_estimate(tickets[6], now=now) == WaitRange(low=20, high=20)
    # Counters that have done nothing on the line for half an hour no longer
    # count (their last services ended at 08:40 and 08:41): one is assumed.
    later = START + timedelta(minutes=72)
    assert ticket_wait_estimate(tickets[6], now=later) == WaitRange(low=40, high=40)


def test_a_called_ticket_has_no_wait_left():
    line = line_of()
    counter = counter_of(line, 3)
    first, second = issue(line, 2)
    serve(line, counter, 5, at_minute=1)
    ticket_call_next(
        line=line, counter=counter, officer=UserFactory.create(), now=START
    )
    second.refresh_from_db()
    assert ticket_wait_estimate(second, now=START + timedelta(minutes=10)) is None
    assert first.pk != second.pk
