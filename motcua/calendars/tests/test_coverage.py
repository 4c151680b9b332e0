"""Which years are announced, and the provisional mark of a deadline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from motcua.calendars.coverage import (
    announcement_due_years,
    years_without_announcement,
)
from motcua.calendars.models import HolidayEntry, HolidayKind
from motcua.calendars.selectors import (
    announced_years,
    announcement_years_summary,
    deadline_compute,
    provisional_years_get,
)
from motcua.calendars.tests.conftest import local

pytestmark = pytest.mark.django_db

MARK = "computed on the expected holiday calendar"


def announce(day: date, kind: str = HolidayKind.HOLIDAY) -> None:
    HolidayEntry.objects.create(date=day, kind=kind, name_vi="Ngày nghỉ")


def test_the_years_without_an_announcement_are_those_the_count_crosses():
    assert years_without_announcement(date(2026, 12, 28), date(2027, 1, 5), {2026}) == (
        2027,
    )
    assert years_without_announcement(date(2027, 1, 5), date(2026, 12, 28), {2026}) == (
        2027,
    )
    assert years_without_announcement(date(2026, 3, 1), date(2026, 3, 9), {2026}) == ()


def test_next_years_announcement_is_due_from_the_day_set():
    assert announcement_due_years(date(2026, 11, 30), {2026}, due_from=(12, 1)) == []
    assert announcement_due_years(date(2026, 12, 1), {2026}, due_from=(12, 1)) == [2027]
    assert announcement_due_years(date(2026, 12, 1), set(), due_from=(12, 1)) == [
        2026,
        2027,
    ]


def test_a_computed_deadline_names_the_years_not_yet_announced():
    announce(date(2026, 1, 1))
    crossing = deadline_compute(
        received_at=local(2026, 12, 28, 9), amount=Decimal(5), unit="working_days"
    )
    inside = deadline_compute(
        received_at=local(2026, 3, 2, 9), amount=Decimal(5), unit="working_days"
    )

    assert crossing.provisional_years == (2027,)
    assert crossing.provisional
    assert inside.provisional_years == ()
    assert not inside.provisional


def test_the_announced_years_follow_the_table():
    assert announced_years() == frozenset()
    announce(date(2027, 1, 1))

    assert announced_years() == frozenset({2027})
    assert provisional_years_get(
        start_at=date(2026, 12, 30), deadline_at=local(2027, 1, 4, 9)
    ) == (2026,)


def test_the_summary_counts_days_off_and_make_up_days_per_year():
    announce(date(2026, 1, 1))
    announce(date(2026, 8, 22), HolidayKind.MAKEUP_WORKDAY)
    announce(date(2027, 1, 1))

    assert announcement_years_summary() == [(2026, 1, 1), (2027, 1, 0)]


def render(text: str, request=None, **context) -> str:
    template = Template("{% load deadline_marks %}" + text)
    return template.render(Context({"request": request, **context}))


def test_the_mark_names_the_years_and_is_read_once_per_request(
    django_assert_num_queries,
):
    announce(date(2026, 1, 1))
    request = RequestFactory().get("/")
    start, end = local(2026, 12, 28, 9), local(2027, 1, 5, 9)
    text = "{% provisional_mark start end %}{% provisional_mark start end %}"

    render(text, request, start=start, end=end)  # warms the process cache
    with django_assert_num_queries(1):
        html = render(text, RequestFactory().get("/"), start=start, end=end)

    assert html.count(MARK) == 2
    assert "2027" in html
    assert 'data-testid="provisional"' in html


def test_the_mark_works_without_a_request_and_is_empty_when_not_needed():
    announce(date(2026, 1, 1))
    start = local(2026, 3, 2, 9)

    assert MARK in render(
        "{% provisional_mark start end %}",
        start=local(2026, 12, 28, 9),
        end=local(2027, 1, 5, 9),
    )
    assert render("{% provisional_mark start end %}", start=start, end=None) == ""
    assert (
        render("{% provisional_mark start end %}", start=start, end=local(2026, 3, 9))
        == ""
    )
    assert render("{% provisional_note years %}", years=()) == ""
    assert render("{% provisional_note years %}", years=None) == ""
    assert "2027, 2028" in render("{% provisional_note years %}", years=(2027, 2028))
