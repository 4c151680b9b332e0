"""Properties of working-time arithmetic on the real 2024–2026 calendar.

The strategies are bounded by the fixture's calendar: from the latest instant they
draw, the longest count they ask for (12 months, then four pauses of ten days
each, or twice 120 working days) still ends inside it.
``test_the_strategies_stay_inside_the_calendar`` computes that worst case, so a
wider strategy or a shorter calendar fails there, every time, instead of once in
a while in a random example.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.calendars.deadlines import compute_deadline
from motcua.calendars.hours import WorkingHours, offset_in_day, time_at_offset

from .conftest import FIRST_YEAR, LAST_YEAR, VN

FAST = settings(max_examples=200, deadline=None)
MAX_AMOUNT = 12  # of any unit: 12 months is the longest count drawn
MAX_PAUSES, MAX_PAUSE_MINUTES = 4, 60 * 24 * 10
MAX_WORKING_MINUTES = 60 * 8 * 120
# The last instant drawn: 15 months before the calendar's end leaves room for
# 12 months, the start of the count after a holiday and the pauses' working time.
FIRST_INSTANT = datetime(FIRST_YEAR, 1, 1)  # noqa: DTZ001
LAST_INSTANT = datetime(LAST_YEAR - 1, 9, 30, 23, 59)  # noqa: DTZ001
instants = st.datetimes(
    min_value=FIRST_INSTANT, max_value=LAST_INSTANT, timezones=st.just(VN)
).map(lambda moment: moment.replace(second=0, microsecond=0))
minutes = st.integers(min_value=0, max_value=MAX_WORKING_MINUTES)
units = st.sampled_from(["working_days", "working_hours", "days", "months"])


@pytest.fixture(scope="module")
def cal(calendar):
    return calendar


def test_the_strategies_stay_inside_the_calendar(cal):
    latest = LAST_INSTANT.replace(tzinfo=VN)
    # Pauses back to back from the receipt: each removes the most working time.
    pauses = [
        (
            latest + timedelta(minutes=MAX_PAUSE_MINUTES * n),
            latest + timedelta(minutes=MAX_PAUSE_MINUTES * (n + 1)),
        )
        for n in range(MAX_PAUSES)
    ]
    for unit in ("working_days", "working_hours", "days", "months"):
        result = compute_deadline(
            cal,
            received_at=latest,
            amount=Decimal(MAX_AMOUNT),
            unit=unit,
            pauses=pauses,
        )
        assert result.deadline_at.year <= LAST_YEAR
    far = cal.add_working_minutes(latest, 2 * MAX_WORKING_MINUTES)
    assert far.year <= LAST_YEAR
    assert FIRST_INSTANT.year == FIRST_YEAR


@FAST
@given(start=instants, first=minutes, second=minutes)
def test_adding_a_then_b_equals_adding_a_plus_b_from_working_time(
    cal, start, first, second
):
    # From an instant inside working time a count of 0 is the instant itself.
    start = cal.add_working_minutes(start, 1)
    once = cal.add_working_minutes(start, first + second)
    twice = cal.add_working_minutes(cal.add_working_minutes(start, first), second)
    assert cal.working_minutes_between(start, once) == first + second
    assert cal.position(twice) == cal.position(once)


@FAST
@given(start=instants, amount=minutes)
def test_working_minutes_between_undo_adding_them(cal, start, amount):
    end = cal.add_working_minutes(start, amount)
    assert cal.working_minutes_between(start, end) == amount
    assert end >= cal.local(start) or amount == 0


@FAST
@given(
    received_at=instants,
    unit=units,
    small=st.integers(0, MAX_AMOUNT // 2),
    more=st.integers(0, MAX_AMOUNT // 2),
)
def test_the_deadline_never_moves_earlier_when_the_amount_grows(
    cal, received_at, unit, small, more
):
    def deadline_for(amount):
        return compute_deadline(
            cal, received_at=received_at, amount=Decimal(amount), unit=unit
        ).deadline_at

    assert deadline_for(small) <= deadline_for(small + more)


@FAST
@given(
    received_at=instants,
    amount=st.integers(0, MAX_AMOUNT),
    unit=units,
    pauses=st.lists(
        st.tuples(instants, st.integers(0, MAX_PAUSE_MINUTES)), max_size=MAX_PAUSES
    ).map(lambda spans: [(s, s + timedelta(minutes=m)) for s, m in spans]),
)
def test_pauses_never_make_a_deadline_earlier(cal, received_at, amount, unit, pauses):
    result = compute_deadline(
        cal, received_at=received_at, amount=Decimal(amount), unit=unit, pauses=pauses
    )
    assert result.deadline_at >= result.unpaused_deadline_at
    moved = cal.working_minutes_between(result.unpaused_deadline_at, result.deadline_at)
    assert moved == result.paused_minutes


@FAST
@given(received_at=instants)
def test_the_count_starts_in_working_time_never_before_receipt(cal, received_at):
    start = compute_deadline(
        cal, received_at=received_at, amount=Decimal(0), unit="working_days"
    ).count_started_at
    assert start >= cal.local(received_at)
    assert cal.is_working_day(start.date())
    assert cal.hours.opening <= start.time() < cal.hours.closing


# The calendar answers from tables built once; these check them against the
# rules read directly off the working hours, for several agencies' hours.
AGENCY_HOURS = [
    WorkingHours(),
    WorkingHours(
        periods=((time(7, 30), time(11, 30)), (time(13, 30), time(17))), cutoff=time(16)
    ),
    WorkingHours(periods=((time(8), time(16)),), cutoff=time(17)),
    WorkingHours(
        periods=((time(7), time(9, 45)), (time(10), time(12)), (time(14), time(18, 5))),
        cutoff=time(14, 30),
    ),
]
instants_with_seconds = st.datetimes(
    min_value=FIRST_INSTANT, max_value=LAST_INSTANT, timezones=st.just(VN)
)


@pytest.fixture(scope="module")
def agency_calendars(build_calendar):
    return [build_calendar(hours) for hours in AGENCY_HOURS]


def reference_count_start(cal, received_at):
    """SPEC §5's start of the count, read off the hours period by period."""
    moment = received_at.astimezone(cal.tz).replace(second=0, microsecond=0)
    day, clock = moment.date(), moment.time()
    if cal.is_working_day(day) and clock < cal.hours.cutoff:
        for start, end in cal.hours.periods:
            if clock < end:
                return moment if clock >= start else cal.at(day, start)
    return cal.at(cal.next_working_day(day, include=False), cal.hours.opening)


def reference_position(cal, value):
    moment = value.astimezone(cal.tz).replace(second=0, microsecond=0)
    day = moment.date()
    worked = cal.is_working_day(day)
    days_before = cal.working_days_between(cal.first_date, day) - worked
    elapsed = offset_in_day(cal.hours, moment.time()) if worked else 0
    return days_before * cal.minutes_per_day + elapsed


@FAST
@given(received_at=instants_with_seconds, which=st.integers(0, len(AGENCY_HOURS) - 1))
def test_the_start_of_the_count_agrees_with_the_hours(
    agency_calendars, received_at, which
):
    cal = agency_calendars[which]
    started_at, position = cal.count_start(received_at)
    assert started_at == reference_count_start(cal, received_at)
    assert started_at.tzinfo is cal.tz
    assert position == reference_position(cal, started_at)


@FAST
@given(value=instants_with_seconds, which=st.integers(0, len(AGENCY_HOURS) - 1))
def test_positions_and_instants_agree_with_the_hours(agency_calendars, value, which):
    cal = agency_calendars[which]
    position = cal.position(value)
    assert position == reference_position(cal, value)
    offset = position % cal.minutes_per_day
    for at_close in (True, False):
        moment = cal.instant(position, at_close=at_close)
        assert cal.position(moment) == position
        if offset:
            assert moment.time() == time_at_offset(cal.hours, offset, at_close=at_close)
