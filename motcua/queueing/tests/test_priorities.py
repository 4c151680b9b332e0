"""Priorities as data: a weighted wait passes ahead, never starves the rest."""

from __future__ import annotations

from decimal import Decimal

import pytest

from motcua.core.errors import InvalidInput
from motcua.dossiers.tests.factories import vn
from motcua.queueing.models import PriorityCategory, Ticket
from motcua.queueing.selectors import ticket_people_ahead
from motcua.queueing.services import ticket_call_next, ticket_issue
from motcua.queueing.tests.test_services import line_of, session_of

pytestmark = pytest.mark.django_db


def elderly_of(line, weight: int = 3) -> PriorityCategory:
    return PriorityCategory.objects.create(
        service_point=line.service_point, name="Người cao tuổi", weight=weight
    )


def test_a_priority_passes_ahead_of_shorter_waits_only():
    line = line_of()
    elderly = elderly_of(line)  # a minute counts three
    early = ticket_issue(line=line, now=vn(2026, 3, 2, 8, 0))
    recent = ticket_issue(line=line, now=vn(2026, 3, 2, 8, 8))
    old = ticket_issue(line=line, now=vn(2026, 3, 2, 8, 6), priority=elderly)
    assert (old.weight, old.priority) == (Decimal(3), elderly)
    at = vn(2026, 3, 2, 8, 10)
    # Claims at 08:10: early 10 min, recent 2 min, elderly 4 min × 3 = 12.
    assert ticket_people_ahead(old, now=at) == 0
    assert ticket_people_ahead(early, now=at) == 1
    assert ticket_people_ahead(recent, now=at) == 2
    session = session_of(line)
    called = [ticket_call_next(session=session, now=at) for _ in range(3)]
    assert [t.pk for t in called if t] == [old.pk, early.pk, recent.pk]


def test_a_flood_of_priority_tickets_cannot_starve_the_longest_wait():
    line = line_of()
    elderly = elderly_of(line, weight=3)
    waiting = ticket_issue(line=line, now=vn(2026, 3, 2, 8, 0))
    session = session_of(line)
    order = []
    # A priority ticket every minute from 08:01, as many as one counter serves
    # (one a minute from 08:10): the priorities' claims stop growing, the
    # plain ticket's does not.
    for minute in range(1, 60):
        ticket_issue(line=line, now=vn(2026, 3, 2, 8, minute), priority=elderly)
        if minute >= 10:
            ticket = ticket_call_next(session=session, now=vn(2026, 3, 2, 8, minute))
            assert ticket is not None
            order.append(ticket.pk)
    assert waiting.pk in order
    # Priorities went first for a while, then the longest wait won.
    assert 0 < order.index(waiting.pk) < 30


def test_a_priority_of_another_hall_or_withdrawn_is_refused():
    line = line_of("B")
    elsewhere = elderly_of(line_of("C"))
    withdrawn = elderly_of(line)
    withdrawn.is_active = False
    withdrawn.save()
    for priority in (elsewhere, withdrawn):
        with pytest.raises(InvalidInput) as refused:
            ticket_issue(line=line, now=vn(2026, 3, 2, 8), priority=priority)
        assert "priority" in refused.value.field_errors
    assert not Ticket.objects.exists()
