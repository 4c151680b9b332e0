from datetime import time

import pytest

from motcua.calendars.hours import WorkingHours, offset_in_day, time_at_offset

HOURS = WorkingHours()


def test_default_hours_make_an_eight_hour_day_from_eight_to_five():
    assert HOURS.minutes_per_day == 480
    assert (HOURS.opening, HOURS.closing, HOURS.cutoff) == (time(8), time(17), time(15))


@pytest.mark.parametrize(
    "periods",
    [(), ((time(9), time(8)),), ((time(8), time(12)), (time(11), time(17)))],
)
def test_hours_without_periods_or_with_bad_periods_are_refused(periods):
    with pytest.raises(ValueError):
        WorkingHours(periods=periods)


@pytest.mark.parametrize(
    ("clock", "offset"),
    [
        (time(7, 59), 0),
        (time(8), 0),
        (time(11, 59), 239),
        (time(12), 240),
        (time(12, 30), 240),
        (time(13), 240),
        (time(13, 1), 241),
        (time(17), 480),
        (time(23, 59), 480),
    ],
)
def test_offset_in_day_counts_only_working_minutes(clock, offset):
    assert offset_in_day(HOURS, clock) == offset


@pytest.mark.parametrize(
    ("offset", "at_close", "clock"),
    [
        (0, False, time(8)),
        (239, True, time(11, 59)),
        (240, True, time(12)),
        (240, False, time(13)),
        (480, True, time(17)),
        (480, False, time(17)),
    ],
)
def test_time_at_offset_ends_on_a_close_only_when_asked(offset, at_close, clock):
    assert time_at_offset(HOURS, offset, at_close=at_close) == clock
