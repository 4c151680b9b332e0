"""Reads: the real working-time calendar and deadlines computed on it.

The calendar is the ``holidays`` package for the configured years with the
``HolidayEntry`` table applied on top (the table wins, SPEC §5). Built day sets
and calendars are cached in the process; one cheap query (row count and latest
change of the table) tells when the cache is stale.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from motcua.calendars.coverage import (
    announcement_due_years,
    years_without_announcement,
)
from motcua.calendars.deadlines import DeadlineResult, Pause, compute_deadline
from motcua.calendars.hours import WorkingHours
from motcua.calendars.models import HolidayEntry, HolidayKind
from motcua.calendars.sources import apply_announcements, package_day_sets
from motcua.calendars.timeliness import OpenState, open_state
from motcua.calendars.workcalendar import WorkCalendar

_CacheKey = tuple[object, ...]
_calendars: dict[tuple[_CacheKey, WorkingHours], WorkCalendar] = {}
_day_sets: dict[_CacheKey, tuple[frozenset[date], frozenset[date]]] = {}
_announced: dict[_CacheKey, frozenset[int]] = {}


def default_working_hours() -> WorkingHours:
    """Return the default hours and cut-off from settings (SPEC §5)."""
    return WorkingHours(
        periods=tuple(settings.MOTCUA_DEFAULT_WORKING_PERIODS),
        cutoff=settings.MOTCUA_DEFAULT_RECEPTION_CUTOFF,
    )


# A read that may lag a holiday import by a few seconds (the public tracking
# page, ``recent=True``) reuses the table's state read this long ago; every other
# caller reads it afresh. Imports in this process forget it at once.
RECENT_SECONDS = 5.0
_recent: dict[str, tuple[float, _CacheKey]] = {}


def table_state_forget() -> None:
    """Forget the holiday table's state read for ``recent`` callers."""
    _recent.clear()


def _table_key(*, recent: bool = False) -> _CacheKey:
    if recent:
        seen = _recent.get("key")
        if seen is not None and time.monotonic() - seen[0] < RECENT_SECONDS:
            return seen[1]
    state = HolidayEntry.objects.aggregate(rows=Count("id"), changed=Max("updated_at"))
    key = _fresh_key(state)
    _recent["key"] = (time.monotonic(), key)
    return key


def _fresh_key(state: dict[str, object]) -> _CacheKey:
    return (
        settings.MOTCUA_CALENDAR_FIRST_YEAR,
        settings.MOTCUA_CALENDAR_LAST_YEAR,
        settings.TIME_ZONE,
        state["rows"],
        state["changed"],
    )


def _build_day_sets(first_year: int, last_year: int) -> tuple[set[date], set[date]]:
    days_off, extra = package_day_sets(first_year, last_year)
    entries = HolidayEntry.objects.filter(
        date__year__gte=first_year, date__year__lte=last_year
    ).values_list("date", "kind")
    apply_announcements(
        days_off,
        extra,
        ((day, kind != HolidayKind.MAKEUP_WORKDAY) for day, kind in entries),
    )
    return days_off, extra


def day_sets_get() -> tuple[frozenset[date], frozenset[date]]:
    """Return the days off and the extra working days of the configured years."""
    return _day_sets_for(_table_key())


def _day_sets_for(key: _CacheKey) -> tuple[frozenset[date], frozenset[date]]:
    if key not in _day_sets:
        days_off, extra = _build_day_sets(
            settings.MOTCUA_CALENDAR_FIRST_YEAR, settings.MOTCUA_CALENDAR_LAST_YEAR
        )
        _day_sets.clear()
        _day_sets[key] = (frozenset(days_off), frozenset(extra))
    return _day_sets[key]


def work_calendar_get(
    *, hours: WorkingHours | None = None, recent: bool = False
) -> WorkCalendar:
    """Return the working-time calendar for ``hours`` (default: settings).

    ``recent``: the table's state may be up to ``RECENT_SECONDS`` old (a read
    that shows the calendar, never one that writes a deadline).
    """
    hours = hours or default_working_hours()
    key = _table_key(recent=recent)
    calendar = _calendars.get((key, hours))
    if calendar is None:
        days_off, extra = _day_sets_for(key)
        if any(cached_key != key for cached_key, _hours in _calendars):
            _calendars.clear()
        calendar = WorkCalendar(
            first_date=date(settings.MOTCUA_CALENDAR_FIRST_YEAR, 1, 1),
            last_date=date(settings.MOTCUA_CALENDAR_LAST_YEAR, 12, 31),
            days_off=days_off,
            extra_working_days=extra,
            hours=hours,
            tz=ZoneInfo(settings.TIME_ZONE),
        )
        _calendars[(key, hours)] = calendar
    return calendar


def deadline_compute(
    *,
    received_at: datetime,
    amount: Decimal,
    unit: str,
    pauses: Sequence[Pause] = (),
    hours: WorkingHours | None = None,
) -> DeadlineResult:
    """Return the deadline of a dossier received at ``received_at`` (SPEC §5).

    ``provisional_years`` names the years the count crosses that have no official
    announcement in the table yet.

    Raises:
        InvalidInput: a bad unit, amount, naive datetime or pause.
        CalendarRangeError: a date outside the configured years.
    """
    result = compute_deadline(
        work_calendar_get(hours=hours),
        received_at=received_at,
        amount=amount,
        unit=unit,
        pauses=pauses,
    )
    return result._replace(
        provisional_years=provisional_years_get(
            start_at=result.count_started_at, deadline_at=result.deadline_at
        ),
    )


def deadline_state_get(
    *, now: datetime, deadline_at: datetime, hours: WorkingHours | None = None
) -> OpenState:
    """Return whether an open dossier is on time, due soon or overdue at ``now``.

    "Due soon" uses ``settings.MOTCUA_DUE_SOON_WORKING_HOURS`` (SPEC §5: 1 day).

    Raises:
        InvalidInput: a datetime is naive.
        CalendarRangeError: a date outside the configured years.
    """
    return open_state(
        work_calendar_get(hours=hours),
        now=now,
        deadline_at=deadline_at,
        due_soon_minutes=round(settings.MOTCUA_DUE_SOON_WORKING_HOURS * 60),
    )


def announced_years(*, recent: bool = False) -> frozenset[int]:
    """Years for which the table holds at least one official announcement.

    Cached in the process until the table changes (one cheap query per call, or
    none within ``RECENT_SECONDS`` with ``recent``).
    """
    key = _table_key(recent=recent)
    if key not in _announced:
        _announced.clear()
        _announced[key] = frozenset(
            day.year for day in HolidayEntry.objects.dates("date", "year")
        )
    return _announced[key]


def provisional_years_get(
    *,
    start_at: datetime | date,
    deadline_at: datetime | date,
    announced: Collection[int] | None = None,
    recent: bool = False,
) -> tuple[int, ...]:
    """The years a count from ``start_at`` to ``deadline_at`` crosses that have no
    official announcement imported: a deadline through them is provisional.

    Pass ``announced`` (from ``announced_years``) when checking many dossiers;
    ``recent`` as for ``announced_years``.
    """
    years = announced_years(recent=recent) if announced is None else announced
    return years_without_announcement(
        _local_date(start_at), _local_date(deadline_at), years
    )


def _local_date(value: datetime | date) -> date:
    return timezone.localdate(value) if isinstance(value, datetime) else value


def calendar_coverage_gaps(*, today: date) -> list[int]:
    """Years that need the government's announcement but have none in the table.

    The government announces each year's Tết and swapped days late in the year
    before (Labour Code 2019 Art. 112(3)); from
    ``MOTCUA_CALENDAR_ANNOUNCEMENT_DUE`` (month, day; default 1 December) the next
    year's is due.
    """
    return announcement_due_years(
        today,
        announced_years(),
        due_from=settings.MOTCUA_CALENDAR_ANNOUNCEMENT_DUE,
    )


def announcement_years_summary() -> list[tuple[int, int, int]]:
    """(year, days off, make-up working days) of each year in the table, in order."""
    counts: dict[int, list[int]] = {}
    for day, kind in HolidayEntry.objects.order_by("date", "id").values_list(
        "date", "kind"
    ):
        year = counts.setdefault(day.year, [0, 0])
        year[1 if kind == HolidayKind.MAKEUP_WORKDAY else 0] += 1
    return [(year, off, makeup) for year, (off, makeup) in sorted(counts.items())]
