"""How long a dossier's steps may take: the calendar of an agency, each step's due time.

Reads only (no writes): the transition entry (``services.transitions``) uses these to
start the next step's clock and judge the one that closes; the worklists, the
public page and the control sheet use the same calendar.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings

from motcua.agencies.models import Agency
from motcua.calendars.selectors import work_calendar_get
from motcua.calendars.timeliness import OpenState, judge_finished
from motcua.calendars.workcalendar import WorkCalendar
from motcua.dossiers.choices import DossierStep
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import CLOCK_RUNS_STATUSES, PAUSED_STEPS, STEP_ROLES
from motcua.procedures.selectors import internal_process_for


def calendar_for(agency: Agency, *, recent: bool = False) -> WorkCalendar:
    """Return the working-time calendar of ``agency``'s hours (``recent``: for a
    read that shows it, see ``calendars.selectors.work_calendar_get``)."""
    return work_calendar_get(hours=agency.working_hours(), recent=recent)


def step_quota_minutes(
    dossier: Dossier, step: str, calendar: WorkCalendar
) -> int | None:
    """Return the working minutes the internal process allows for ``step``.

    The quota is that of the first process step whose role matches the step
    (``workflow.STEP_ROLES``); None when the process has no such step.
    """
    role = STEP_ROLES.get(step)
    if role is None:
        return None
    process = internal_process_for(
        procedure=dossier.procedure, agency_id=dossier.competent_agency_id
    )
    if process is None:
        return None
    quota = (
        process.steps.filter(role=role)
        .order_by("position", "id")
        .values_list("quota_half_days", flat=True)
        .first()
    )
    if quota is None:
        return None
    return quota * calendar.minutes_per_day // 2


def step_due_at(dossier: Dossier, step: str, start: datetime) -> datetime | None:
    """Return when ``step`` starting at ``start`` is due (None: not timed).

    Paused steps and reception supplements wait for the applicant and are not
    timed; a step without a quota of its own is due by the dossier's deadline.
    """
    if step in PAUSED_STEPS or step in (
        DossierStep.RECEPTION_SUPPLEMENT,
        DossierStep.CLOSED,
    ):
        return None
    if step == DossierStep.ONLINE_CHECK:
        # Decree 297/2025 Art. 6(4) (LAW-NOTES §4): an online dossier is accepted
        # or sent back within 8 working hours (MOTCUA_ONLINE_CHECK_WORKING_HOURS).
        calendar = calendar_for(dossier.receiving_agency)
        hours = settings.MOTCUA_ONLINE_CHECK_WORKING_HOURS
        return calendar.add_working_minutes(start, int(hours * 60))
    calendar = calendar_for(dossier.competent_agency)
    minutes = step_quota_minutes(dossier, step, calendar)
    if minutes is None:
        return dossier.deadline_at
    return calendar.add_working_minutes(start, minutes)


def step_judgement(dossier: Dossier, now: datetime) -> str:
    """Return the judgement (early / on time / late) of the step closing at ``now``,
    or "" when the step was not timed."""
    if dossier.step_due_at is None or dossier.step_started_at is None:
        return ""
    calendar = calendar_for(dossier.competent_agency)
    return str(
        judge_finished(calendar, finished_at=now, deadline_at=dossier.step_due_at)
    )


def due_soon_limit(now: datetime, calendar: WorkCalendar) -> datetime:
    """A deadline before this is "due soon" at ``now``: less than
    ``MOTCUA_DUE_SOON_WORKING_HOURS`` of working time remains (SPEC §5: 1 day)."""
    minutes = round(settings.MOTCUA_DUE_SOON_WORKING_HOURS * 60)
    return calendar.add_working_minutes(now, minutes)


def dossier_open_state(
    dossier: Dossier,
    now: datetime,
    *,
    promised: bool = False,
    calendar: WorkCalendar | None = None,
) -> OpenState | None:
    """On time, due soon or overdue at ``now`` while the clock runs, else None.

    The one rule (the worklists' and boards' query conditions state the same in
    SQL, ``selectors.open_state_filters``): overdue once past the deadline, due
    soon before :func:`due_soon_limit`. Judged against the legal deadline, or with
    ``promised`` against the date last promised to the applicant (the apology's
    new date: the public page tells the citizen about that date).
    """
    deadline = dossier.effective_deadline_at if promised else dossier.deadline_at
    if dossier.status not in CLOCK_RUNS_STATUSES or deadline is None:
        return None
    if deadline < now:
        return OpenState.OVERDUE
    calendar = calendar or calendar_for(dossier.competent_agency)
    if deadline < due_soon_limit(now, calendar):
        return OpenState.DUE_SOON
    return OpenState.ON_TIME
