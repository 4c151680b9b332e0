from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest

from motcua.calendars.hours import WorkingHours
from motcua.calendars.workcalendar import CalendarRangeError, WorkCalendar
from motcua.core.errors import InvalidInput

from .conftest import VN, local


@pytest.mark.parametrize(("year", "days"), [(2024, 251), (2025, 250), (2026, 249)])
def test_the_real_calendar_has_the_published_number_of_working_days(
    calendar, year, days
):
    assert calendar.working_days_between(date(year, 1, 1), date(year, 12, 31)) == days


@pytest.mark.parametrize(
    ("day", "worked"),
    [
        (date(2026, 2, 13), True),  # Friday before Tết 2026
        (date(2026, 2, 14), False),  # Saturday
        (date(2026, 2, 16), False),  # 29 Tết
        (date(2026, 2, 20), False),  # mùng 4
        (date(2026, 2, 23), True),  # back to work
        (date(2024, 2, 14), False),  # compensatory day off for Tết 2024
        (date(2026, 4, 27), False),  # compensatory day off for Hùng Kings 2026
        (date(2025, 5, 2), False),  # swapped day off
        (date(2026, 8, 31), False),  # swapped day off
        (date(2026, 1, 2), False),  # swapped day off missing from the package
        (date(2025, 4, 26), True),  # make-up Saturday
        (date(2026, 8, 22), True),  # make-up Saturday
        (date(2026, 1, 10), True),  # make-up Saturday missing from the package
        (date(2026, 11, 24), False),  # Vietnam Culture Day
        (date(2025, 11, 24), True),  # not yet a holiday in 2025
        (date(2025, 2, 1), False),  # Saturday that the package calls a Tết day
        (date(2026, 3, 1), False),  # an ordinary Sunday
    ],
)
def test_each_kind_of_announced_day_is_worked_or_not(calendar, day, worked):
    assert calendar.is_working_day(day) is worked


def test_next_working_day_skips_the_whole_tet_break(calendar):
    assert calendar.next_working_day(date(2026, 2, 13), include=False) == date(
        2026, 2, 23
    )
    assert calendar.next_working_day(date(2026, 2, 13), include=True) == date(
        2026, 2, 13
    )


def test_working_days_between_reversed_dates_is_zero(calendar):
    assert calendar.working_days_between(date(2026, 2, 2), date(2026, 2, 1)) == 0


@pytest.mark.parametrize("day", [date(2023, 12, 31), date(2027, 1, 1)])
def test_a_date_outside_the_covered_years_is_a_range_error(calendar, day):
    with pytest.raises(CalendarRangeError) as caught:
        calendar.is_working_day(day)
    assert "outside the working-time calendar" in str(caught.value)
    assert "date" in caught.value.field_errors


def test_a_range_error_is_invalid_input(calendar):
    with pytest.raises(InvalidInput):
        calendar.position(local(2030, 1, 1, 9))


def test_a_count_running_past_the_last_covered_day_is_a_range_error(calendar):
    with pytest.raises(CalendarRangeError) as caught:
        calendar.next_working_day(date(2026, 12, 31), include=False)
    assert "after the end" in str(caught.value)


def test_a_calendar_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        WorkCalendar(
            first_date=date(2026, 1, 2),
            last_date=date(2026, 1, 1),
            days_off=(),
            extra_working_days=(),
            hours=WorkingHours(),
            tz=VN,
        )


def test_a_naive_datetime_is_invalid_input(calendar):
    with pytest.raises(InvalidInput) as caught:
        calendar.position(datetime(2026, 3, 2, 9))  # noqa: DTZ001
    assert "time zone" in str(caught.value)


class _Zone(tzinfo):
    """A hand-written zone: Python asks it for the offset, which may be none."""

    def __init__(self, offset: timedelta | None) -> None:
        self.offset = offset

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return self.offset

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return None


def test_a_zone_that_gives_no_offset_is_naive_and_any_other_zone_counts(calendar):
    with pytest.raises(InvalidInput):
        calendar.position(datetime(2026, 3, 2, 9, tzinfo=_Zone(None)))
    seven = datetime(2026, 3, 2, 9, tzinfo=_Zone(timedelta(hours=7)))
    fixed = datetime(2026, 3, 2, 2, tzinfo=UTC)
    assert calendar.position(seven) == calendar.position(local(2026, 3, 2, 9))
    assert calendar.position(fixed) == calendar.position(local(2026, 3, 2, 9))


def test_an_instant_in_another_zone_is_read_in_vietnam_time(calendar):
    utc = local(2026, 3, 2, 9).astimezone(ZoneInfo("UTC"))
    assert calendar.position(utc) == calendar.position(local(2026, 3, 2, 9))
    assert calendar.local(utc).tzinfo == VN


def test_seconds_are_dropped(calendar):
    with_seconds = local(2026, 3, 2, 9).replace(second=59, microsecond=5)
    assert calendar.local(with_seconds) == local(2026, 3, 2, 9)


def test_working_minutes_between_skip_lunch_nights_and_weekends(calendar):
    friday_noon = local(2026, 3, 6, 11)
    monday = local(2026, 3, 9, 9)
    assert calendar.working_minutes_between(friday_noon, monday) == 60 + 240 + 60
    assert calendar.working_minutes_between(monday, friday_noon) == -360


def test_time_on_a_day_off_counts_as_nothing(calendar):
    saturday_morning = local(2026, 3, 7, 9)
    saturday_evening = local(2026, 3, 7, 20)
    assert calendar.working_minutes_between(saturday_morning, saturday_evening) == 0


def test_adding_zero_minutes_keeps_the_instant(calendar):
    assert calendar.add_working_minutes(local(2026, 3, 7, 9), 0) == local(2026, 3, 7, 9)


def test_adding_a_morning_ends_at_noon_not_at_one(calendar):
    assert calendar.add_working_minutes(local(2026, 3, 2, 8), 240) == local(
        2026, 3, 2, 12
    )
    assert calendar.add_working_minutes(local(2026, 3, 2, 8), 241) == local(
        2026, 3, 2, 13, 1
    )


def test_an_instant_on_a_day_boundary_opens_the_next_day_unless_at_close(calendar):
    start = calendar.position(local(2026, 3, 2, 8))
    assert calendar.instant(start, at_close=False) == local(2026, 3, 2, 8)
    assert calendar.instant(start, at_close=True) == local(2026, 2, 27, 17)
    assert calendar.instant(0, at_close=True) == local(2024, 1, 2, 8)
