"""Whether a dossier is early, on time or late (SPEC §5 "Judgement"; form 06).

Derived from dates on demand, never stored as flags a job must update.
"""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.calendars.workcalendar import WorkCalendar, require_aware

# SPEC §5: "due soon" when less than 1 working day (8 working hours) remains.
DEFAULT_DUE_SOON_MINUTES = 8 * 60


class Judgement(models.TextChoices):
    """How a finished dossier or step met its deadline (Decision 766 method)."""

    EARLY = "early", _("early")  # trước hạn
    ON_TIME = "on_time", _("on time")  # đúng hạn
    LATE = "late", _("late")  # quá hạn


class OpenState(models.TextChoices):
    """Where an open dossier stands against its deadline."""

    ON_TIME = "on_time", _("on time")  # đúng hạn (còn hạn)
    DUE_SOON = "due_soon", _("due soon")  # sắp đến hạn
    OVERDUE = "overdue", _("overdue")  # quá hạn


def judge_finished(
    calendar: WorkCalendar, *, finished_at: datetime, deadline_at: datetime
) -> Judgement:
    """Judge a dossier finished at ``finished_at`` against ``deadline_at``.

    Before the deadline's date: early; on that date and not after it: on time;
    after it: late (SPEC §5; Decision 766: on time when end ≤ appointment).

    Raises:
        InvalidInput: a datetime is naive.
    """
    require_aware(finished_at, field="finished_at")
    require_aware(deadline_at, field="deadline_at")
    if finished_at > deadline_at:
        return Judgement.LATE
    finished_date = finished_at.astimezone(calendar.tz).date()
    if finished_date < deadline_at.astimezone(calendar.tz).date():
        return Judgement.EARLY
    return Judgement.ON_TIME


def remaining_minutes(
    calendar: WorkCalendar, *, now: datetime, deadline_at: datetime
) -> int:
    """Return the working minutes left until ``deadline_at``; negative once past it.

    Raises:
        InvalidInput: a datetime is naive.
        CalendarRangeError: a date is outside the calendar.
    """
    require_aware(now, field="now")
    require_aware(deadline_at, field="deadline_at")
    return calendar.working_minutes_between(now, deadline_at)


def open_state(
    calendar: WorkCalendar,
    *,
    now: datetime,
    deadline_at: datetime,
    due_soon_minutes: int = DEFAULT_DUE_SOON_MINUTES,
) -> OpenState:
    """Return the state of an open dossier at ``now``.

    Overdue once ``now`` is after the deadline; due soon when less than
    ``due_soon_minutes`` of working time remains; else on time.

    Raises:
        InvalidInput: a datetime is naive.
        CalendarRangeError: a date is outside the calendar.
    """
    left = remaining_minutes(calendar, now=now, deadline_at=deadline_at)
    if now > deadline_at:
        return OpenState.OVERDUE
    if left < due_soon_minutes:
        return OpenState.DUE_SOON
    return OpenState.ON_TIME
