"""Issuing tickets: a number per line and local day, never given twice."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection

from motcua.accounts.models import User
from motcua.agencies.models import Counter, StaffAssignment, StaffRole
from motcua.core.errors import Conflict, InvalidInput, PermissionDenied
from motcua.core.testing import run_in_threads
from motcua.dossiers.tests.factories import (
    AgencyFactory,
    ServicePointFactory,
    staff,
    vn,
)
from motcua.queueing.models import (
    CounterSession,
    HallBoard,
    ServiceLine,
    Ticket,
    TicketSpan,
    TicketStatus,
)
from motcua.queueing.selectors import (
    hall_version,
    lines_for_officer,
    ticket_people_ahead,
)
from motcua.queueing.services import (
    counter_close,
    counter_open,
    counter_pause,
    ticket_act,
    ticket_call_next,
    ticket_issue,
)
from motcua.queueing.workflow import TicketAction


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
    assert [ticket_people_ahead(t, now=now) for t in tickets] == [0, 1, 2]
    Ticket.objects.filter(pk=tickets[0].pk).update(status=TicketStatus.SERVING)
    assert ticket_people_ahead(tickets[2], now=now) == 1


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


OPENED = vn(2026, 3, 2, 7, 30)


def session_of(
    line: ServiceLine,
    number: int = 5,
    *,
    now: datetime = OPENED,
    officer: User | None = None,
    lines: list[ServiceLine] | None = None,
) -> CounterSession:
    """Counter ``number`` of the line's hall, opened by a reception officer."""
    counter = Counter.objects.get_or_create(
        service_point=line.service_point, number=number
    )[0]
    officer = officer or staff(line.service_point.agency, StaffRole.RECEPTION_OFFICER)
    return counter_open(counter=counter, officer=officer, now=now, lines=lines)


@pytest.mark.django_db
def test_call_next_takes_the_first_waiting_ticket_and_times_its_wait():
    line = line_of()
    session = session_of(line)
    first, second = (ticket_issue(line=line, now=vn(2026, 3, 2, 8, m)) for m in (0, 1))
    called = ticket_call_next(session=session, now=vn(2026, 3, 2, 8, 10))
    assert called is not None
    assert called.pk == first.pk
    called.refresh_from_db()
    assert (called.status, called.counter) == (TicketStatus.CALLED, session.counter)
    spans = list(TicketSpan.objects.filter(ticket=first).order_by("started_at"))
    assert [(s.status, s.started_at, s.ended_at) for s in spans] == [
        ("waiting", vn(2026, 3, 2, 8, 0), vn(2026, 3, 2, 8, 10)),
        ("called", vn(2026, 3, 2, 8, 10), None),
    ]
    assert (spans[1].counter, spans[1].officer) == (session.counter, session.officer)
    assert ticket_people_ahead(second, now=vn(2026, 3, 2, 8, 10)) == 0


@pytest.mark.django_db
def test_call_next_calls_nothing_from_an_empty_queue_or_yesterday():
    line = line_of()
    ticket_issue(line=line, now=vn(2026, 3, 2, 16, 0))
    session = session_of(line, now=vn(2026, 3, 3, 7, 30))
    assert ticket_call_next(session=session, now=vn(2026, 3, 3, 8, 0)) is None


@pytest.mark.django_db
def test_next_finishes_the_ticket_served_and_sets_aside_one_that_did_not_come():
    line = line_of()
    session = session_of(line)
    first, second, third = (
        ticket_issue(line=line, now=vn(2026, 3, 2, 8, m)) for m in (0, 1, 2)
    )
    ticket_call_next(session=session, now=vn(2026, 3, 2, 8, 5))
    ticket_act(
        ticket_id=first.pk,
        action=TicketAction.SERVE,
        session=session,
        now=vn(2026, 3, 2, 8, 6),
    )
    ticket_call_next(session=session, now=vn(2026, 3, 2, 8, 15))
    ticket_call_next(session=session, now=vn(2026, 3, 2, 8, 18))
    statuses = {
        t.pk: t.status
        for t in Ticket.objects.filter(pk__in=[first.pk, second.pk, third.pk])
    }
    assert statuses == {
        first.pk: TicketStatus.DONE,
        second.pk: TicketStatus.PARKED,
        third.pk: TicketStatus.CALLED,
    }


@pytest.mark.django_db
def test_a_counter_opens_for_a_reception_officer_of_its_hall_only():
    line = line_of()
    counter = counter_of(line)
    outsider = staff(AgencyFactory.create(), StaffRole.RECEPTION_OFFICER)
    specialist = staff(line.service_point.agency, StaffRole.SPECIALIST)
    for user in (outsider, specialist):
        with pytest.raises(PermissionDenied):
            counter_open(counter=counter, officer=user, now=vn(2026, 3, 2, 7))
    assert not CounterSession.objects.exists()


@pytest.mark.django_db
def test_a_counter_open_by_one_officer_is_refused_to_another():
    line = line_of()
    session = session_of(line, 5)
    other = staff(line.service_point.agency, StaffRole.RECEPTION_OFFICER)
    with pytest.raises(Conflict) as refused:
        counter_open(counter=session.counter, officer=other, now=vn(2026, 3, 2, 8))
    assert "5" in str(refused.value.message)
    # Moving to another counter closes the one the officer left.
    moved = session_of(line, 6, officer=session.officer, now=vn(2026, 3, 2, 9))
    session.refresh_from_db()
    assert session.closed_at == vn(2026, 3, 2, 9)
    assert moved.closed_at is None


@pytest.mark.django_db
def test_the_lines_of_a_counter_come_from_its_setting_and_the_officers_skills():
    line = line_of("A")
    point = line.service_point
    justice = ServiceLine.objects.create(
        service_point=point, prefix="B", name="Hộ tịch", skill="hộ tịch"
    )
    land = ServiceLine.objects.create(service_point=point, prefix="C", name="Đất đai")
    counter = counter_of(line, 3)
    land.counters.add(counter_of(line, 4))
    officer = staff(point.agency, StaffRole.RECEPTION_OFFICER)
    assert [x.prefix for x in lines_for_officer(counter=counter, officer=officer)] == [
        "A"
    ]
    StaffAssignment.objects.filter(user=officer).update(skills="chứng thực, Hộ Tịch")
    assert [x.prefix for x in lines_for_officer(counter=counter, officer=officer)] == [
        "A",
        "B",
    ]
    with pytest.raises(InvalidInput) as refused:
        counter_open(
            counter=counter, officer=officer, now=vn(2026, 3, 2, 7), lines=[land]
        )
    assert "lines" in refused.value.field_errors
    session = counter_open(
        counter=counter, officer=officer, now=vn(2026, 3, 2, 7), lines=[justice]
    )
    assert list(session.lines.all()) == [justice]


@pytest.mark.django_db
def test_a_paused_or_closed_counter_calls_nobody_and_closing_returns_its_ticket():
    line = line_of()
    session = session_of(line)
    first = ticket_issue(line=line, now=vn(2026, 3, 2, 8))
    counter_pause(session=session, now=vn(2026, 3, 2, 8, 1))
    with pytest.raises(Conflict):
        ticket_call_next(session=session, now=vn(2026, 3, 2, 8, 2))
    counter_pause(session=session, now=vn(2026, 3, 2, 8, 3), pause=False)
    assert ticket_call_next(session=session, now=vn(2026, 3, 2, 8, 4)) is not None
    counter_close(session=session, now=vn(2026, 3, 2, 8, 5))
    first.refresh_from_db()
    # Called but not yet come: back to wait, first in line, for another counter.
    assert first.status == TicketStatus.WAITING
    with pytest.raises(Conflict):
        ticket_call_next(session=session, now=vn(2026, 3, 2, 8, 6))
    other = session_of(line, 6, now=vn(2026, 3, 2, 8, 7))
    again = ticket_call_next(session=other, now=vn(2026, 3, 2, 8, 8))
    assert again is not None and again.pk == first.pk


@pytest.mark.django_db
def test_every_change_raises_the_halls_board_version():
    line = line_of()
    point_id = line.service_point_id
    assert hall_version(point_id) == 0
    ticket_issue(line=line, now=vn(2026, 3, 2, 8))
    after_issue = hall_version(point_id)
    session = session_of(line)
    ticket = ticket_call_next(session=session, now=vn(2026, 3, 2, 8, 5))
    assert ticket is not None
    assert hall_version(point_id) > after_issue > 0
    board = HallBoard.objects.get(pk=point_id)
    assert board.last_call_id == ticket.pk
    # Another hall's board does not move.
    other = line_of("C")
    before = hall_version(point_id)
    ticket_issue(line=other, now=vn(2026, 3, 2, 8, 6))
    assert hall_version(point_id) == before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks"
)
def test_two_officers_calling_at_once_never_get_the_same_ticket():
    line = line_of()
    sessions = [session_of(line, number) for number in (1, 2)]
    for minute in range(20):
        ticket_issue(line=line, now=vn(2026, 3, 2, 8, minute))

    def call_ten(index: int) -> list[int]:
        called = []
        for _ in range(10):
            ticket = ticket_call_next(session=sessions[index], now=vn(2026, 3, 2, 9))
            assert ticket is not None
            called.append(ticket.number)
        return called

    results = run_in_threads(2, call_ten)
    numbers = sorted(n for result in results for n in result)  # type: ignore[attr-defined]
    assert numbers == list(range(1, 21))
    assert not Ticket.objects.filter(status=TicketStatus.WAITING).exists()
    assert TicketSpan.objects.filter(status="called").count() == 20
