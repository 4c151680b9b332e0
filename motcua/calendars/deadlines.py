"""Deadlines (thời hạn giải quyết) on a working-time calendar, as SPEC §5 sets them.

Pure code: no ORM, no clock. Every function takes the calendar and aware datetimes;
results are aware datetimes in the calendar's time zone.

Choices this module makes where SPEC §5 leaves room:

* one working day is the agency's working day (``WorkingHours.minutes_per_day``,
  8 h with the default hours), so "5 working days" always ends at a close;
* ``same_day`` takes an amount of 0 or 1, both meaning the close of the working
  day on which counting starts (the catalogue gives same-day procedures no amount);
* ``days`` and ``months`` take whole amounts; working days and hours take any
  amount that is a whole number of minutes (½ day = 240 minutes);
* an amount of 0 (other than ``same_day``) gives the start of the count.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from django.utils.translation import gettext as _

from motcua.calendars.workcalendar import WorkCalendar, require_aware
from motcua.core.errors import InvalidInput


class TimeUnit(StrEnum):
    WORKING_DAYS = "working_days"  # ngày làm việc
    WORKING_HOURS = "working_hours"  # giờ làm việc
    DAYS = "days"  # ngày (calendar days)
    MONTHS = "months"  # tháng
    SAME_DAY = "same_day"  # trong ngày (returned the day it is received)


Pause = tuple[datetime, datetime]


class DeadlineResult(NamedTuple):
    """A computed deadline and how it was reached (immutable).

    A named tuple rather than a frozen dataclass: it is made for every deadline
    computed, and a frozen dataclass costs several times as much to build.
    """

    received_at: datetime
    count_started_at: datetime
    deadline_at: datetime
    unit: TimeUnit
    amount: Decimal
    # Working minutes of the pauses that moved the deadline later.
    paused_minutes: int
    # The deadline had nothing been paused.
    unpaused_deadline_at: datetime
    # Years the count crosses with no official announcement imported: the deadline
    # is provisional ("tính theo lịch nghỉ dự kiến"). Filled by the selector.
    provisional_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)


def _invalid(field: str, message: str) -> InvalidInput:
    return InvalidInput(message, field_errors={field: message})


_UNITS: dict[str, TimeUnit] = {member.value: member for member in TimeUnit}
# Amounts already turned into a count, by (amount, unit, minutes per day): the
# catalogue uses a few dozen amounts, so this stays small.
_COUNTS: dict[tuple[Decimal | int, TimeUnit, int], int] = {}
_COUNTS_KEPT = 4096


def parse_unit(unit: str) -> TimeUnit:
    """Return the ``TimeUnit`` named ``unit``.

    Raises:
        InvalidInput: the unit is unknown.
    """
    try:
        return _UNITS[unit]
    except (KeyError, TypeError):
        names = ", ".join(member.value for member in TimeUnit)
        raise _invalid(
            "unit",
            _("Unknown time unit “%(unit)s”; use one of: %(names)s.")
            % {"unit": unit, "names": names},
        ) from None


def count_minutes(calendar: WorkCalendar, amount: Decimal | int, unit: TimeUnit) -> int:
    """Return ``amount`` as a whole number: minutes for working units, else days/months.

    Raises:
        InvalidInput: the amount is negative, not finite, or not whole where it must be.
    """
    key = (amount, unit, calendar.minutes_per_day)
    try:
        count = _COUNTS.get(key)
    except TypeError:  # a signalling NaN has no hash; refused below
        count = None
    if count is None:
        count = _count(calendar, amount, unit)
        if len(_COUNTS) >= _COUNTS_KEPT:
            _COUNTS.clear()
        _COUNTS[key] = count  # only a valid amount gets here
    return count


def _count(calendar: WorkCalendar, amount: Decimal | int, unit: TimeUnit) -> int:
    amount = Decimal(amount)
    if not amount.is_finite() or amount < 0:
        raise _invalid("amount", _("The amount must be zero or a positive number."))
    if unit is TimeUnit.SAME_DAY and amount not in (0, 1):
        raise _invalid("amount", _("A same-day deadline takes an amount of 0 or 1."))
    factor = 1
    if unit is TimeUnit.WORKING_DAYS:
        factor = calendar.minutes_per_day
    elif unit is TimeUnit.WORKING_HOURS:
        factor = 60
    scaled = amount * factor
    if scaled == scaled.to_integral_value():
        return int(scaled)
    if factor == 1:
        message = _("The amount in %(unit)s must be a whole number.")
    else:
        message = _("The amount in %(unit)s must come to a whole number of minutes.")
    raise _invalid("amount", message % {"unit": unit.value})


def count_start(calendar: WorkCalendar, received_at: datetime) -> datetime:
    """Return when counting starts for a complete dossier received at ``received_at``.

    The rule (cut-off, opening, next working day) is ``WorkCalendar.count_start``.

    Raises:
        InvalidInput: ``received_at`` is naive.
        CalendarRangeError: the date is outside the calendar.
    """
    return calendar.count_start(received_at)[0]


def _add_months(day: date, months: int) -> date:
    # A month from the 31st ends on the last day of a shorter month (SPEC §5).
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def _calendar_deadline(
    calendar: WorkCalendar, start_at: datetime, count: int, unit: TimeUnit
) -> datetime:
    start_date = start_at.date()
    if unit is TimeUnit.DAYS:
        span = (calendar.last_date - start_date).days + 1
        target = start_date + timedelta(days=min(count, span))
    else:
        span = (calendar.last_date.year - start_date.year + 1) * 12
        target = _add_months(start_date, min(count, span))
    day = calendar.next_working_day(target, include=True)
    return calendar.at(day, calendar.hours.closing)


def base_deadline(
    calendar: WorkCalendar, *, start_at: datetime, amount: Decimal | int, unit: TimeUnit
) -> datetime:
    """Return the deadline for ``amount`` ``unit`` counted from ``start_at``, no pauses.

    Raises:
        InvalidInput: the amount does not suit the unit.
        CalendarRangeError: the deadline falls outside the calendar.
    """
    return _base_deadline_local(
        calendar, start_at=calendar.local(start_at), amount=amount, unit=unit
    )


def _base_deadline_local(
    calendar: WorkCalendar, *, start_at: datetime, amount: Decimal | int, unit: TimeUnit
) -> datetime:
    count = count_minutes(calendar, amount, unit)
    if unit is TimeUnit.SAME_DAY:
        return calendar.at(start_at.date(), calendar.hours.closing)
    if count == 0:
        return start_at
    if unit is TimeUnit.DAYS or unit is TimeUnit.MONTHS:
        return _calendar_deadline(calendar, start_at, count, unit)
    return calendar.instant(calendar.position_of_local(start_at) + count, at_close=True)


def merge_pauses(pauses: Iterable[Pause], *, after: datetime) -> list[Pause]:
    """Return ``pauses`` sorted, merged where they overlap, cut to start at ``after``.

    Raises:
        InvalidInput: a pause is naive or ends before it starts.
    """
    checked: list[Pause] = []
    for start, end in pauses:
        require_aware(start, field="pauses")
        require_aware(end, field="pauses")
        if end < start:
            raise _invalid(
                "pauses",
                _("The pause from %(start)s ends before it starts (%(end)s).")
                % {"start": start.isoformat(), "end": end.isoformat()},
            )
        checked.append((max(start, after), end))
    merged: list[Pause] = []
    for start, end in sorted(checked):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif start < end:
            merged.append((start, end))
    return merged


def apply_pauses(
    calendar: WorkCalendar,
    *,
    start_at: datetime,
    deadline_at: datetime,
    pauses: Iterable[Pause],
) -> tuple[datetime, int]:
    """Move ``deadline_at`` later by the working time of ``pauses``.

    A pause (supplement request, financial obligation; SPEC §4–5) counts from the
    start of the count on; a pause that starts after the deadline as moved so far
    has no effect. Returns the new deadline and the working minutes paused.

    Raises:
        InvalidInput: a pause is naive or ends before it starts.
        CalendarRangeError: a pause or the deadline is outside the calendar.
    """
    paused = 0
    position = None
    for start, end in merge_pauses(pauses, after=start_at):
        if start > deadline_at:
            break
        minutes = calendar.position(end) - calendar.position(start)
        if minutes:
            if position is None:
                position = calendar.position(deadline_at)
            position += minutes
            deadline_at = calendar.instant(position, at_close=True)
            paused += minutes
    return deadline_at, paused


def compute_deadline(
    calendar: WorkCalendar,
    *,
    received_at: datetime,
    amount: Decimal | int,
    unit: str,
    pauses: Sequence[Pause] = (),
) -> DeadlineResult:
    """Return the deadline of a dossier received at ``received_at``.

    Raises:
        InvalidInput: a bad unit, amount, naive datetime or pause.
        CalendarRangeError: a date outside the calendar.
    """
    time_unit = _UNITS.get(unit) or parse_unit(unit)
    started_at, start_position = calendar.count_start(received_at)
    if time_unit is TimeUnit.WORKING_DAYS or time_unit is TimeUnit.WORKING_HOURS:
        count = count_minutes(calendar, amount, time_unit)
        unpaused = (
            calendar.instant(start_position + count, at_close=True)
            if count
            else started_at
        )
    else:
        unpaused = _base_deadline_local(
            calendar, start_at=started_at, amount=amount, unit=time_unit
        )
    deadline_at, paused = unpaused, 0
    if pauses:
        deadline_at, paused = apply_pauses(
            calendar, start_at=started_at, deadline_at=unpaused, pauses=pauses
        )
    return DeadlineResult(
        received_at,
        started_at,
        deadline_at,
        time_unit,
        amount if type(amount) is Decimal else Decimal(amount),
        paused,
        unpaused,
    )
