"""The working-time calendar: which days are worked and how working time adds up.

Pure code: no ORM, no clock. The calendar is built once from the days off and the
extra working days (make-up Saturdays), then answers every question in O(1):

* ``_before[i]`` is the number of working days strictly before ``first + i`` days;
* ``_days[k]`` is the ordinal of the k-th working day.

An instant maps to a position on a "working timeline" counted in whole minutes,
``k × minutes_per_day + minutes worked that day``. Adding working time is adding
to the position and mapping it back, so no code walks the calendar day by day.
Instants are truncated to the minute: the receipt (Circular 03/2025, form 01)
records hours and minutes only.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from motcua.calendars.hours import WorkingHours, offset_in_day, time_at_offset
from motcua.core.errors import InvalidInput

# Civil servants rest on Saturday and Sunday (Decision 188/1999/QĐ-TTg, the
# 40-hour week; Labour Code 2019 Art. 111); make-up Saturdays are extra days.
WEEKEND = frozenset({5, 6})


class CalendarRangeError(InvalidInput):
    """A date falls outside the years the calendar covers."""


def require_aware(value: datetime, *, field: str) -> None:
    """Raise ``InvalidInput`` when ``value`` has no time zone.

    Raises:
        InvalidInput: ``value`` is naive.
    """
    if value.tzinfo is None or value.utcoffset() is None:
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
        return value.astimezone(self.tz).replace(second=0, microsecond=0)

    def at(self, day: date, clock: time) -> datetime:
        """Return the aware instant at ``clock`` on ``day`` in the calendar's zone."""
        return datetime.combine(day, clock, tzinfo=self.tz)

    def position(self, value: datetime) -> int:
        """Return the working minutes from the calendar's start to ``value``."""
        moment = self.local(value)
        index = self._index(moment.date())
        position = self._before[index] * self.minutes_per_day
        if self._before[index + 1] > self._before[index]:
            position += offset_in_day(self.hours, moment.time())
        return position

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
        clock = time_at_offset(self.hours, offset, at_close=at_close)
        return self.at(self._day(day_number), clock)

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
