"""Issuing tickets: a number per line and local day, never given twice."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection

from motcua.agencies.models import Counter
from motcua.core.errors import InvalidInput
from motcua.core.testing import run_in_threads
from motcua.dossiers.tests.factories import (
    AgencyFactory,
    ServicePointFactory,
    UserFactory,
    vn,
)
from motcua.queueing.models import ServiceLine, Ticket, TicketSpan, TicketStatus
from motcua.queueing.selectors import ticket_people_ahead
from motcua.queueing.services import ticket_call_next, ticket_issue


def line_of(prefix: str = "B", **fields: object) -> ServiceLine:
    point = ServicePointFactory.create(agency=AgencyFactory.create())
    return ServiceLine.objects.create(
        service_point=point, prefix=prefix, name="Tư pháp – hộ tịch", **fields
    )


@pytest.mark.django_db
def test_tickets_of_a_line_are_numbered_from_one_each_day():
    line = line_of()
    first = ticket_issue(line=line, now=vn(2026, 3, 2, 7, 30))
    second = ticket_issue(line=line, now=vn(2026, 3, 2, 9, 0))
    next_day = ticket_issue(line=line, now=vn(2026, 3, 3, 7, 30))
    assert [first.code, second.code, next_day.code] == ["B-001", "B-002", "B-001"]
    assert first.status == TicketStatus.WAITING
    assert first.follow_key != second.follow_key


@pytest.mark.django_db
def test_the_day_turns_at_midnight_in_vietnam_not_in_utc():
    line = line_of()
    # 16:59 UTC on 1 March is 23:59 in Vietnam; 17:00 UTC is midnight in
    # Vietnam, when the numbers start again, and 23:59 UTC is 06:59 next day.
    before = ticket_issue(line=line, now=datetime(2026, 3, 1, 16, 59, tzinfo=UTC))
    after = ticket_issue(line=line, now=datetime(2026, 3, 1, 17, 0, tzinfo=UTC))
    later = ticket_issue(line=line, now=datetime(2026, 3, 1, 23, 59, tzinfo=UTC))
    assert (before.day.isoformat(), before.number) == ("2026-03-01", 1)
    assert (after.day.isoformat(), after.number) == ("2026-03-02", 1)
    assert (later.day.isoformat(), later.number) == ("2026-03-02", 2)


@pytest.mark.django_db
def test_each_line_counts_apart_and_a_closed_line_takes_no_ticket():
    line = line_of("B")
    other = ServiceLine.objects.create(
        service_point=line.service_point, prefix="C", name="Đất đai"
    )
    now = vn(2026, 3, 2, 8)
    assert ticket_issue(line=other, now=now).code == "C-001"
    assert ticket_issue(line=line, now=now).code == "B-001"
    other.is_active = False
    other.save()
    with pytest.raises(InvalidInput) as refused:
        ticket_issue(line=other, now=now)
    assert "line" in refused.value.field_errors
    assert Ticket.objects.filter(line=other).count() == 1


@pytest.mark.django_db
def test_a_new_ticket_opens_its_waiting_span_and_counts_those_ahead():
    line = line_of()
    now = vn(2026, 3, 2, 8)
    tickets = [ticket_issue(line=line, now=now) for _ in range(3)]
    (span,) = TicketSpan.objects.filter(ticket=tickets[2])
    assert (span.status, span.started_at, span.ended_at) == ("waiting", now, None)
    assert [ticket_people_ahead(t) for t in tickets] == [0, 1, 2]
    Ticket.objects.filter(pk=tickets[0].pk).update(status=TicketStatus.SERVING)
    assert ticket_people_ahead(tickets[2]) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks"
)
def test_four_kiosks_printing_at_once_never_give_one_number_twice():
    line = line_of()
    now = vn(2026, 3, 2, 8)

    def print_five(_index: int) -> list[int]:
        return [ticket_issue(line=line, now=now).number for _ in range(5)]

    results = run_in_threads(4, print_five)
    numbers = sorted(n for result in results for n in result)  # type: ignore[attr-defined]
    assert numbers == list(range(1, 21))


def counter_of(line: ServiceLine, number: int = 5) -> Counter:
    return Counter.objects.create(service_point=line.service_point, number=number)


@pytest.mark.django_db
def test_call_next_takes_the_first_waiting_ticket_and_times_its_wait():
    line = line_of()
    counter = counter_of(line)
    officer = UserFactory.create()
    first, second = (ticket_issue(line=line, now=vn(2026, 3, 2, 8, m)) for m in (0, 1))
    called = ticket_call_next(
        line=line, counter=counter, officer=officer, now=vn(2026, 3, 2, 8, 10)
    )
    assert called is not None
    assert called.pk == first.pk
    called.refresh_from_db()
    assert (called.status, called.counter) == (TicketStatus.CALLED, counter)
    spans = list(TicketSpan.objects.filter(ticket=first).order_by("started_at"))
    assert [(s.status, s.started_at, s.ended_at) for s in spans] == [
        ("waiting", vn(2026, 3, 2, 8, 0), vn(2026, 3, 2, 8, 10)),
        ("called", vn(2026, 3, 2, 8, 10), None),
    ]
    assert (spans[1].counter, spans[1].officer) == (counter, officer)
    assert ticket_people_ahead(second) == 0


@pytest.mark.django_db
def test_call_next_calls_nothing_from_an_empty_queue_or_yesterday():
    line = line_of()
    counter = counter_of(line)
    officer = UserFactory.create()
    ticket_issue(line=line, now=vn(2026, 3, 2, 16, 0))
    assert (
        ticket_call_next(
            line=line, counter=counter, officer=officer, now=vn(2026, 3, 3, 8, 0)
        )
        is None
    )


@pytest.mark.django_db
def test_a_counter_of_another_hall_cannot_call():
    line = line_of()
    elsewhere = counter_of(line_of("C"))
    ticket_issue(line=line, now=vn(2026, 3, 2, 8))
    with pytest.raises(InvalidInput) as refused:
        ticket_call_next(
            line=line,
            counter=elsewhere,
            officer=UserFactory.create(),
            now=vn(2026, 3, 2, 8, 5),
        )
    assert "counter" in refused.value.field_errors
    assert Ticket.objects.get(line=line).status == TicketStatus.WAITING


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks"
)
def test_two_officers_calling_at_once_never_get_the_same_ticket():
    line = line_of()
    counters = [counter_of(line, number) for number in (1, 2)]
    officers = [UserFactory.create() for _ in counters]
    for minute in range(20):
        ticket_issue(line=line, now=vn(2026, 3, 2, 8, minute))

    def call_ten(index: int) -> list[int]:
        called = []
        for _ in range(10):
            ticket = ticket_call_next(
                line=line,
                counter=counters[index],
                officer=officers[index],
                now=vn(2026, 3, 2, 9),
            )
            assert ticket is not None
            called.append(ticket.number)
        return called

    results = run_in_threads(2, call_ten)
    numbers = sorted(n for result in results for n in result)  # type: ignore[attr-defined]
    assert numbers == list(range(1, 21))
    assert not Ticket.objects.filter(status=TicketStatus.WAITING).exists()
    assert TicketSpan.objects.filter(status="called").count() == 20
