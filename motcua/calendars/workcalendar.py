"""The working-time calendar: which days are worked and how working time adds up.

Pure code: no ORM, no clock. The calendar is built once from the days off and the
extra working days (make-up Saturdays), then answers every question in O(1):

* ``_before[i]`` is the number of working days strictly before ``first + i`` days;
* ``_days[k]`` is the ordinal of the k-th working day;
* ``_elapsed[m]`` is the working time of a day elapsed at its minute ``m``, and
  ``_clock_at_close[o]`` / ``_clock_at_open[o]`` the clock time at which ``o``
  working minutes of a day have passed, so no call walks the working periods.

An instant maps to a position on a "working timeline" counted in whole minutes,
``k × minutes_per_day + minutes worked that day``. Adding working time is adding
to the position and mapping it back, so no code walks the calendar day by day.
Instants are truncated to the minute: the receipt (Circular 03/2025, form 01)
records hours and minutes only.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from motcua.calendars.hours import (
    MINUTES_PER_CLOCK_DAY,
    WorkingHours,
    minute_of_day,
    offset_in_day,
    time_at_offset,
)
from motcua.core.errors import InvalidInput

# Civil servants rest on Saturday and Sunday (Decision 188/1999/QĐ-TTg, the
# 40-hour week; Labour Code 2019 Art. 111); make-up Saturdays are extra days.
WEEKEND = frozenset({5, 6})


_ALWAYS_AWARE = (ZoneInfo, timezone)


def _to_minute(moment: datetime) -> datetime:
    # ``datetime.replace`` costs ten times this subtraction.
    if moment.second or moment.microsecond:
        return moment - timedelta(
            seconds=moment.second, microseconds=moment.microsecond
        )
    return moment


class CalendarRangeError(InvalidInput):
    """A date falls outside the years the calendar covers."""


def require_aware(value: datetime, *, field: str) -> None:
    """Raise ``InvalidInput`` when ``value`` has no time zone.

    Raises:
        InvalidInput: ``value`` is naive.
    """
    zone = value.tzinfo
    # A ZoneInfo or a fixed offset always gives an offset; ask any other zone.
    if zone is None or (type(zone) not in _ALWAYS_AWARE and value.utcoffset() is None):
        message = _("The date and time must include a time zone.")
        raise InvalidInput(message, field_errors={field: message})


class WorkCalendar:
    """Working days from ``first_date`` to ``last_date`` (both included), with hours."""

    def __init__(
        self,
        *,
        first_date: date,
        last_date: date,
        days_off: Collection[date],
        extra_working_days: Collection[date],
        hours: WorkingHours,
        tz: ZoneInfo,
    ) -> None:
        if last_date < first_date:
            raise ValueError("the calendar ends before it starts")
        self.first_date = first_date
        self.last_date = last_date
        self.hours = hours
        self.tz = tz
        self.minutes_per_day = hours.minutes_per_day
        self.cutoff_minute = minute_of_day(hours.cutoff)
        self._first = first_date.toordinal()
        off = {d.toordinal() for d in days_off}
        extra = {d.toordinal() for d in extra_working_days}
        self._days: list[int] = []
        self._before: list[int] = [0]
        for ordinal in range(self._first, last_date.toordinal() + 1):
            worked = ordinal in extra or (
                ordinal not in off and (ordinal - 1) % 7 not in WEEKEND
            )
            if worked:
                self._days.append(ordinal)
            self._before.append(len(self._days))
        self._last_index = len(self._before) - 2
        self._elapsed = [
            offset_in_day(hours, time(minute // 60, minute % 60))
            for minute in range(MINUTES_PER_CLOCK_DAY)
        ]
        self._clock_at_close = [
            time_at_offset(hours, offset, at_close=True)
            for offset in range(self.minutes_per_day + 1)
        ]
        # The minute of the day at which work is going on or next opens that day,
        # or -1 after the last period (for the start of a count, SPEC §5).
        self._open_from = [-1] * MINUTES_PER_CLOCK_DAY
        for period_start, period_end in reversed(hours.periods):
            first, end = minute_of_day(period_start), minute_of_day(period_end)
            for minute in range(first, end):
                self._open_from[minute] = minute
            for minute in range(first):
                self._open_from[minute] = first
        self._clock_at_open = [
            time_at_offset(hours, offset, at_close=False)
            for offset in range(self.minutes_per_day + 1)
        ]

    # -- days -------------------------------------------------------------------

    def _index(self, day: date) -> int:
        index = day.toordinal() - self._first
        if not 0 <= index < len(self._before) - 1:
            message = _(
                "The date %(date)s is outside the working-time calendar "
                "(%(first)s to %(last)s)."
            ) % {"date": day, "first": self.first_date, "last": self.last_date}
            raise CalendarRangeError(message, field_errors={"date": message})
        return index

    def _day(self, position: int) -> date:
        if position >= len(self._days):
            message = _(
                "The result falls after the end of the working-time calendar "
                "(%(last)s)."
            ) % {"last": self.last_date}
            raise CalendarRangeError(message, field_errors={"date": message})
        return date.fromordinal(self._days[position])

    def is_working_day(self, day: date) -> bool:
        """Tell whether ``day`` is worked.

        Raises:
            CalendarRangeError: ``day`` is outside the calendar.
        """
        index = self._index(day)
        return self._before[index + 1] > self._before[index]

    def working_days_between(self, first: date, last: date) -> int:
        """Count the working days from ``first`` to ``last``, both included."""
        if last < first:
            return 0
        return self._before[self._index(last) + 1] - self._before[self._index(first)]

    def next_working_day(self, day: date, *, include: bool) -> date:
        """Return the first working day on (``include``) or after ``day``.

        Raises:
            CalendarRangeError: ``day`` or the answer is outside the calendar.
        """
        return self._day(self._before[self._index(day) + (0 if include else 1)])

    # -- instants ---------------------------------------------------------------

    def local(self, value: datetime) -> datetime:
        """Return ``value`` in the calendar's time zone, truncated to the minute.

        Raises:
            InvalidInput: ``value`` is naive.
        """
        require_aware(value, field="datetime")
        return _to_minute(value.astimezone(self.tz))

    def at(self, day: date, clock: time) -> datetime:
        """Return the aware instant at ``clock`` on ``day`` in the calendar's zone."""
        return datetime.combine(day, clock, self.tz)

    def position(self, value: datetime) -> int:
        """Return the working minutes from the calendar's start to ``value``."""
        return self.position_of_local(self.local(value))

    def position_of_local(self, moment: datetime) -> int:
        """Return ``position`` of an instant already in the calendar's zone."""
        index = moment.toordinal() - self._first
        if not 0 <= index <= self._last_index:
            index = self._index(moment.date())  # raises CalendarRangeError
        before = self._before[index]
        position = before * self.minutes_per_day
        if self._before[index + 1] > before:
            position += self._elapsed[moment.hour * 60 + moment.minute]
        return position

    def count_start(self, received_at: datetime) -> tuple[datetime, int]:
        """Return when counting starts for a dossier received then, and its position.

        Within working hours of a working day and before the cut-off: that moment.
        Before the cut-off but before opening or in a break: the next opening that
        day. At or after the cut-off, after closing, or on a day off: the opening of
        the next working day (SPEC §5; the 15:00 cut-off is Decree 63/2024 Art. 7
        practice).

        Raises:
            InvalidInput: ``received_at`` is naive.
            CalendarRangeError: the date or the next working day is outside the
                calendar.
        """
        require_aware(received_at, field="received_at")
        moment = received_at.astimezone(self.tz)
        if moment.second or moment.microsecond:
            moment = _to_minute(moment)
        index = moment.toordinal() - self._first
        if not 0 <= index <= self._last_index:
            index = self._index(moment.date())  # raises CalendarRangeError
        before, after = self._before[index], self._before[index + 1]
        minute = moment.hour * 60 + moment.minute
        if after > before and minute < self.cutoff_minute:
            start = self._open_from[minute]
            if start >= 0:
                elapsed = self._elapsed[start]
                if start != minute:
                    clock = self._clock_at_open[elapsed]
                    moment = datetime.combine(moment.date(), clock, self.tz)
                return moment, before * self.minutes_per_day + elapsed
        # ``after`` working days lie before the next one: it opens at that position.
        opening = datetime.combine(self._day(after), self.hours.opening, self.tz)
        return opening, after * self.minutes_per_day

    def instant(self, position: int, *, at_close: bool) -> datetime:
        """Return the instant at a working-timeline ``position``.

        With ``at_close`` a position on the end of a working period gives that
        close (12:00, 17:00), else the next opening.

        Raises:
            CalendarRangeError: the position is after the calendar's last day.
        """
        day_number, offset = divmod(position, self.minutes_per_day)
        if at_close and offset == 0 and day_number > 0:
            day_number, offset = day_number - 1, self.minutes_per_day
        clock = (self._clock_at_close if at_close else self._clock_at_open)[offset]
        return datetime.combine(self._day(day_number), clock, self.tz)

    def add_working_minutes(self, start: datetime, minutes: int) -> datetime:
        """Return the instant ``minutes`` of working time after ``start``.

        Zero gives ``start`` itself (in local time); a count that ends on the
        close of a working period ends there, not at the next opening (SPEC §5).
        """
        if minutes == 0:
            return self.local(start)
        return self.instant(self.position(start) + minutes, at_close=True)

    def working_minutes_between(self, start: datetime, end: datetime) -> int:
        """Return the working minutes from ``start`` to ``end`` (negative if before)."""
        return self.position(end) - self.position(start)
