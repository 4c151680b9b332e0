"""When a line can be booked: the slots of a day and the window of a check-in.

Pure rules over the line's setting and the working-time calendar; the reads
and writes that use them are in ``selectors`` and ``services``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from motcua.calendars.selectors import work_calendar_get
from motcua.queueing.models import ServiceLine

# How far ahead a citizen may book, and how soon before a slot.
BOOKING_DAYS_AHEAD = 30
BOOKING_LEAD = timedelta(hours=1)
# A booking becomes a priority ticket from this long before its slot to this
# long after the slot ends.
CHECK_IN_EARLY = timedelta(minutes=30)
CHECK_IN_LATE = timedelta(minutes=15)


def local(day: date, clock: time) -> datetime:
    """The aware instant of ``clock`` on ``day`` in Vietnam."""
    return datetime.combine(day, clock, tzinfo=ZoneInfo(settings.TIME_ZONE))


def day_slots(line: ServiceLine, day: date) -> list[time]:
    """The slot starts of ``line`` on ``day``: none on a day off of the hall's
    agency; otherwise every ``slot_minutes`` within each working period, a slot
    ending by the period's end."""
    if line.booking_capacity == 0:
        return []
    hours = line.service_point.agency.working_hours()
    calendar = work_calendar_get(hours=hours, recent=True)
    first, last = calendar.first_date, calendar.last_date
    if not first <= day <= last or not calendar.is_working_day(day):
        return []
    step = timedelta(minutes=line.slot_minutes)
    slots = []
    for start, end in hours.periods:
        at, closing = local(day, start), local(day, end)
        while at + step <= closing:
            slots.append(at.time())
            at += step
    return slots


def bookable_days(line: ServiceLine, *, now: datetime) -> list[date]:
    """The days from today on, ``BOOKING_DAYS_AHEAD`` ahead, with a slot."""
    today = now.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
    days = (today + timedelta(days=n) for n in range(BOOKING_DAYS_AHEAD + 1))
    return [
        day
        for day in days
        if any(slot_open(line, day, slot, now=now) for slot in day_slots(line, day))
    ]


def slot_open(line: ServiceLine, day: date, slot: time, *, now: datetime) -> bool:
    """Whether ``slot`` may still be booked at ``now`` (capacity aside)."""
    start = local(day, slot)
    horizon = now + timedelta(days=BOOKING_DAYS_AHEAD + 1)
    return now + BOOKING_LEAD <= start < horizon and slot in day_slots(line, day)


def check_in_window(
    line: ServiceLine, day: date, slot: time
) -> tuple[datetime, datetime]:
    """From when to when a booking of ``slot`` is checked in as a priority."""
    start = local(day, slot)
    end = start + timedelta(minutes=line.slot_minutes)
    return start - CHECK_IN_EARLY, end + CHECK_IN_LATE
