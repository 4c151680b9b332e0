"""The machinery every transition service shares: lock, check, move, record.

A service calls :func:`transition_begin` (row lock, version check, table look-up,
role and agency check), changes its own fields, then :func:`transition_finish`
(closes the current step with its judgement, starts the next one, bumps the
version and writes the one event). Both run inside the service's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.calendars.selectors import provisional_years_get, work_calendar_get
from motcua.calendars.timeliness import judge_finished
from motcua.calendars.workcalendar import WorkCalendar
from motcua.core.errors import Conflict, NotFound, PermissionDenied
from motcua.dossiers.access import roles_by_agency_for
from motcua.dossiers.choices import DossierStatus, DossierStep
from motcua.dossiers.events import event_record
from motcua.dossiers.models import AgencyRequest, Dossier, DossierEvent
from motcua.dossiers.workflow import (
    PAUSED_STEPS,
    STEP_ROLES,
    DossierAction,
    DossierState,
    Permit,
    State,
    permit_for,
    transitions_from,
)
from motcua.notifications.services import notification_enqueue
from motcua.procedures.selectors import internal_process_for

# Decree 297/2025 Art. 6(4) (and the general practice, LAW-NOTES §4): an online
# dossier is accepted or sent back within 8 working hours. A setting may change it.
ONLINE_CHECK_WORKING_HOURS = 8


@dataclass(slots=True)
class Acting:
    """A dossier locked for one transition, and who acts on it as what."""

    dossier: Dossier
    action: DossierAction
    actor: User
    permit: Permit
    agency: Agency | None  # None: the applicant, acting online
    from_status: int
    from_step: str


def calendar_for(agency: Agency) -> WorkCalendar:
    """Return the working-time calendar of ``agency``'s hours."""
    return work_calendar_get(hours=agency.working_hours())


def dossier_lock(code: str) -> Dossier:
    """Load and row-lock the dossier ``code`` (only its own row). Raises NotFound."""
    dossier = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure", "receiving_agency", "competent_agency")
        .filter(code=code.strip())
        .first()
    )
    if dossier is None:
        raise NotFound(_("No dossier has the code %(code)s.") % {"code": code})
    return dossier


def open_leg_agency_ids(dossier: Dossier) -> frozenset[int]:
    """Return the agencies with a sent, unreplied request of ``dossier``."""
    return frozenset(
        AgencyRequest.objects.filter(
            dossier=dossier, sent_at__isnull=False, replied_at__isnull=True
        ).values_list("to_agency_id", flat=True)
    )


def dossier_state(dossier: Dossier) -> DossierState:
    """Return what the workflow table needs to know about ``dossier``."""
    return DossierState(
        status=dossier.status,
        step=dossier.step,
        receiving_agency_id=dossier.receiving_agency_id,
        competent_agency_id=dossier.competent_agency_id,
        open_leg_agency_ids=open_leg_agency_ids(dossier),
        assignee_id=dossier.assignee_id,
    )


def _not_now(action: str, dossier: Dossier) -> Conflict:
    return Conflict(
        _(
            "The dossier %(code)s cannot be %(action)s now: its status is "
            "“%(status)s” (%(step)s)."
        )
        % {
            "code": dossier.code,
            "action": DossierAction(action).label,
            "status": DossierStatus(dossier.status).label,
            "step": DossierStep(dossier.step).label,
        }
    )


def stale_version_check(dossier: Dossier, expected_version: int | None) -> None:
    """Raise Conflict when the caller saw an older version of ``dossier``."""
    if expected_version is not None and expected_version != dossier.version:
        raise Conflict(
            _("Someone else already acted on this dossier; reload it and try again.")
        )


def transition_begin(
    *,
    action: DossierAction,
    dossier_code: str,
    actor: User,
    expected_version: int | None,
) -> Acting:
    """Lock the dossier and check that ``actor`` may take ``action`` now.

    Raises:
        NotFound: no such dossier.
        Conflict: a stale ``expected_version``, or the action is not allowed from
            the dossier's current status and step.
        PermissionDenied: the actor lacks the role in the agency the table needs.
    """
    dossier = dossier_lock(dossier_code)
    stale_version_check(dossier, expected_version)
    transition = transitions_from(action, (dossier.status, dossier.step))
    if transition is None:
        raise _not_now(action, dossier)
    permit = permit_for(
        transition,
        dossier_state(dossier),
        roles_by_agency_for(actor),
        user_id=actor.pk,
    )
    if permit is None or permit.agency_id is None:
        raise PermissionDenied(
            _("You do not have the role needed to do this on dossier %(code)s.")
            % {"code": dossier.code}
        )
    return Acting(
        dossier=dossier,
        action=action,
        actor=actor,
        permit=permit,
        agency=_agency(dossier, permit.agency_id),
        from_status=dossier.status,
        from_step=dossier.step,
    )


def _agency(dossier: Dossier, agency_id: int) -> Agency:
    for known in (dossier.receiving_agency, dossier.competent_agency):
        if known.pk == agency_id:
            return known
    return Agency.objects.get(pk=agency_id)


def target_check(acting: Acting, target: State) -> State:
    """Return ``target`` if the table row allows it, else raise Conflict."""
    if target not in acting.permit.transition.targets:
        raise _not_now(acting.action, acting.dossier)
    return target


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
        calendar = calendar_for(dossier.receiving_agency)
        hours = getattr(
            settings, "MOTCUA_ONLINE_CHECK_WORKING_HOURS", ONLINE_CHECK_WORKING_HOURS
        )
        return calendar.add_working_minutes(start, int(hours * 60))
    calendar = calendar_for(dossier.competent_agency)
    minutes = step_quota_minutes(dossier, step, calendar)
    if minutes is None:
        return dossier.deadline_at
    return calendar.add_working_minutes(start, minutes)


def _judgement(dossier: Dossier, now: datetime) -> str:
    if dossier.step_due_at is None or dossier.step_started_at is None:
        return ""
    calendar = calendar_for(dossier.competent_agency)
    return str(
        judge_finished(calendar, finished_at=now, deadline_at=dossier.step_due_at)
    )


def transition_finish(
    acting: Acting,
    *,
    now: datetime,
    to: State | None,
    assignee: User | None = None,
    receiver: User | None = None,
    receiver_agency: Agency | None = None,
    note: str = "",
    data: Mapping[str, object] | None = None,
    step_due: datetime | None = None,
) -> DossierEvent:
    """Move the dossier to ``to`` (None: stay), save it and write the event.

    A hand-over (another step or another assignee) closes the current step: the
    event carries its start, due time and judgement (form 06), and the next step
    starts now with its own due time (``step_due`` overrides it). ``assignee``
    (when given) becomes the dossier's assignee.
    """
    dossier = acting.dossier
    status, step = to if to is not None else (dossier.status, dossier.step)
    hands_over = step != dossier.step or (
        assignee is not None and assignee.pk != dossier.assignee_id
    )
    closed = (dossier.step_started_at, dossier.step_due_at)
    judgement = _judgement(dossier, now) if hands_over else ""
    dossier.status, dossier.step = status, step
    if assignee is not None:
        dossier.assignee = assignee
    if hands_over:
        dossier.step_started_at = now
        dossier.step_due_at = step_due or step_due_at(dossier, step, now)
    dossier.version += 1
    dossier.save()
    return event_record(
        dossier=dossier,
        action=acting.action,
        at=now,
        from_status=acting.from_status,
        from_step=acting.from_step,
        actor=acting.actor,
        actor_role=acting.permit.role,
        actor_agency=acting.agency,
        receiver=receiver,
        receiver_agency=receiver_agency,
        step_started_at=closed[0] if hands_over else None,
        step_due_at=closed[1] if hands_over else None,
        judgement=judgement,
        note=note,
        data=data,
    )


def tracking_url(dossier: Dossier) -> str:
    """Return the public page of ``dossier`` (no personal data: the code only)."""
    pattern = getattr(settings, "MOTCUA_TRACKING_URL", "/tra-cuu/{code}/")
    return str(pattern).format(code=dossier.code)


def _provisional(dossier: Dossier) -> bool:
    """The legal deadline counts through a year not yet officially announced."""
    if dossier.new_deadline_at or not (
        dossier.count_started_at and dossier.deadline_at
    ):
        return False
    return bool(
        provisional_years_get(
            start_at=dossier.count_started_at, deadline_at=dossier.deadline_at
        )
    )


def notify(dossier: Dossier, *, kind: str, now: datetime, **context: object) -> None:
    """Write the citizen's message to the outbox in the current transaction."""
    notification_enqueue(
        kind=kind,
        now=now,
        dossier_code=dossier.code,
        recipient_name=dossier.applicant_name,
        phone=dossier.applicant_phone,
        email=dossier.applicant_email,
        context={
            "procedure_name": dossier.procedure.name,
            "deadline": dossier.new_deadline_at or dossier.deadline_at,
            "deadline_provisional": _provisional(dossier),
            "tracking_url": tracking_url(dossier),
            **context,
        },
    )
