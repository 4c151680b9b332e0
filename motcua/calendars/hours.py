"""Working hours of an agency (SPEC §5): the value object the calendar works with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

MINUTES_PER_CLOCK_DAY = 24 * 60


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """Working periods of a working day, in local time, and the reception cut-off.

    ``periods`` are ascending and do not overlap, e.g. 08:00–12:00 and 13:00–17:00.
    A dossier received at or after ``cutoff`` starts counting the next working day.
    """

    periods: tuple[tuple[time, time], ...] = ((time(8), time(12)), (time(13), time(17)))
    cutoff: time = time(15)

    def __post_init__(self) -> None:
        if not self.periods:
            raise ValueError("at least one working period is needed")
        previous_end: time | None = None
        for start, end in self.periods:
            if not start < end:
                raise ValueError(f"period {start}–{end} ends before it starts")
            if previous_end is not None and start < previous_end:
                raise ValueError("working periods overlap or are not in order")
            previous_end = end

    @property
    def minutes_per_day(self) -> int:
        return sum(
            minute_of_day(end) - minute_of_day(start) for start, end in self.periods
        )

    @property
    def opening(self) -> time:
        return self.periods[0][0]

    @property
    def closing(self) -> time:
        return self.periods[-1][1]


def minute_of_day(value: time) -> int:
    """Return the minutes from midnight to ``value`` (seconds are dropped)."""
    return value.hour * 60 + value.minute


def offset_in_day(hours: WorkingHours, value: time) -> int:
    """Return the working minutes of the day elapsed at ``value`` (0 … minutes_per_day).

    Periods include their start and exclude their end; a time in the lunch break
    counts the whole morning, a time after closing the whole day.
    """
    now = minute_of_day(value)
    elapsed = 0
    for start, end in hours.periods:
        elapsed += min(
            max(now - minute_of_day(start), 0),
            minute_of_day(end) - minute_of_day(start),
        )
    return elapsed


def time_at_offset(hours: WorkingHours, offset: int, *, at_close: bool) -> time:
    """Return the clock time at which ``offset`` working minutes of the day have passed.

    An offset that falls exactly on the end of a period gives that period's close
    (12:00, 17:00) when ``at_close`` is true, else the next period's opening (13:00).
    """
    remaining = offset
    for start, end in hours.periods:
        length = minute_of_day(end) - minute_of_day(start)
        if remaining < length or (at_close and remaining == length):
            total = minute_of_day(start) + remaining
            return time(total // 60, total % 60)
        remaining -= length
    return hours.closing
