"""The one entry of every transition: lock, check, move, record, tell.

Every change of a dossier's status or step, whoever makes it, runs in the
service's transaction as:

1. :func:`transition_begin` (an existing dossier) or :func:`creation_begin` (a
   new one): lock the row once, check the version the caller saw, find the row
   of the workflow table for the action from the current state (``None`` for a
   creation), and check who acts: staff by their roles in the agencies the row
   names (a dossier they may not see is "not found", checked inside the lock),
   the applicant by owning the dossier, the system by the row granting it;
2. the service changes its own fields (deadline, pauses, fees, ...);
3. :func:`transition_finish`: close the current step with its judgement, start
   the next one, bump the version, save, write exactly one event, and write the
   citizen's message to the outbox.

Adding a transition is a row in ``workflow.TRANSITIONS`` and a service that
calls these three (docs/architecture.md, "Adding a transition").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.core.errors import Conflict, NotFound, PermissionDenied
from motcua.dossiers.access import (
    dossier_state,
    dossiers_visible_to,
    roles_by_agency_for,
)
from motcua.dossiers.choices import DossierStatus, DossierStep
from motcua.dossiers.events import event_record
from motcua.dossiers.messages import notify
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.numbering import dossier_code_allocate
from motcua.dossiers.owners import dossiers_filed_by
from motcua.dossiers.payloads import EventPayload, payload_default
from motcua.dossiers.timing import step_due_at, step_judgement
from motcua.dossiers.workflow import (
    ActorAgency,
    DossierAction,
    DossierState,
    Permit,
    State,
    permit_for,
    transitions_from,
)
from motcua.notifications.models import NotificationKind

APPLICANT_ROLE = "applicant"  # the role written on events the applicant makes
SYSTEM_ROLE = "system"  # the role written on events the system makes


class ActorKind(StrEnum):
    """Who takes a transition."""

    STAFF = "staff"  # a person with a role in an agency the table names
    APPLICANT = "applicant"  # the citizen, online, on their own dossier
    SYSTEM = "system"  # a rule or a scheduled job


@dataclass(slots=True)
class Acting:
    """A dossier locked for one transition, and who acts on it as what."""

    dossier: Dossier
    action: DossierAction
    actor: User | None  # None: the system, or the portal's filing
    permit: Permit
    agency: Agency | None  # None: the applicant or the system
    from_status: int | None  # None: the dossier is being created
    from_step: str


def dossier_lock(code: str) -> Dossier:
    """Load and row-lock the dossier ``code`` (only its own row). Raises NotFound."""
    dossier = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure", "receiving_agency", "competent_agency")
        .filter(code=code.strip())
        .first()
    )
    if dossier is None:
        raise _not_found(code)
    return dossier


def _not_found(code: str) -> NotFound:
    return NotFound(_("No dossier has the code %(code)s.") % {"code": code})


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


def _visible_check(dossier: Dossier, actor: User) -> None:
    """Staff who may not see the dossier learn nothing: it is "not found"."""
    if not dossiers_visible_to(actor).filter(pk=dossier.pk).exists():
        raise _not_found(dossier.code)


def _staff_permit(
    action: DossierAction, dossier: Dossier, actor: User, expected_version: int | None
) -> Permit:
    """The staff member's permit for ``action`` now, checked in the order: sees
    the dossier, saw its current version, the action is open, holds the role."""
    transition = transitions_from(action, (dossier.status, dossier.step))
    permit = None
    if transition is not None:
        permit = permit_for(
            transition,
            dossier_state(dossier),
            roles_by_agency_for(actor),
            user_id=actor.pk,
        )
    if permit is None or permit.agency_id is None:
        # A role in an agency the row names implies seeing the dossier; without
        # one, say "not found" unless the actor may see it.
        _visible_check(dossier, actor)
    stale_version_check(dossier, expected_version)
    if transition is None:
        raise _not_now(action, dossier)
    if permit is None or permit.agency_id is None:
        raise PermissionDenied(
            _("You do not have the role needed to do this on dossier %(code)s.")
            % {"code": dossier.code}
        )
    return permit


def transition_begin(
    *,
    action: DossierAction,
    actor: User | None,
    dossier_code: str = "",
    expected_version: int | None = None,
    kind: ActorKind = ActorKind.STAFF,
    locked: Dossier | None = None,
    on_behalf_of: Agency | None = None,
) -> Acting:
    """Lock the dossier and check that ``actor`` may take ``action`` now.

    ``kind`` says who acts: staff (``actor``, by role), the applicant (``actor``
    is their account) or the system (``actor`` None). ``locked`` is a dossier
    the caller already locked (or created) in this transaction, e.g. the one a
    reception just received, so the row is locked once. ``on_behalf_of`` is
    the agency whose rule the system applies (written on the event).

    Raises:
        NotFound: no such dossier, or one the actor may not see (staff) or does
            not own (the applicant).
        Conflict: a stale ``expected_version``, or the action is not allowed from
            the dossier's current status and step.
        PermissionDenied: the actor lacks the role in the agency the table needs.
    """
    dossier = locked if locked is not None else dossier_lock(dossier_code)
    state = (dossier.status, dossier.step)
    if kind is ActorKind.APPLICANT:
        if actor is None or not dossiers_filed_by(actor).filter(pk=dossier.pk).exists():
            raise _not_found(dossier_code or dossier.code)
        stale_version_check(dossier, expected_version)
        transition = transitions_from(action, state, by=ActorAgency.NONE)
        if transition is None:
            raise Conflict(_("This cannot be done online on this dossier now."))
        permit = Permit(transition, APPLICANT_ROLE, None)
    elif kind is ActorKind.SYSTEM:
        transition = transitions_from(action, state, by=ActorAgency.SYSTEM)
        if transition is None:
            raise _not_now(action, dossier)
        permit = Permit(transition, SYSTEM_ROLE, None)
    else:
        if actor is None:
            raise PermissionDenied(_("Sign in to act on a dossier."))
        permit = _staff_permit(action, dossier, actor, expected_version)
    return Acting(
        dossier=dossier,
        action=action,
        actor=actor,
        permit=permit,
        agency=on_behalf_of or _agency(dossier, permit.agency_id),
        from_status=dossier.status,
        from_step=dossier.step,
    )


def creation_begin(
    *,
    action: DossierAction,
    dossier: Dossier,
    actor: User | None,
    kind: ActorKind = ActorKind.STAFF,
) -> Acting:
    """Check that ``actor`` may create ``dossier`` (unsaved, its agencies set) by
    ``action``: the table's creation row (no sources) must grant it.

    Raises:
        PermissionDenied: staff without the role at the receiving agency.
    """
    by = ActorAgency.NONE if kind is ActorKind.APPLICANT else None
    transition = transitions_from(action, None, by=by)
    if transition is None:
        raise Conflict(_("A dossier cannot be created by this action."))
    if kind is ActorKind.APPLICANT:
        permit: Permit | None = Permit(transition, APPLICANT_ROLE, None)
    else:
        state = DossierState(
            status=transition.targets[0][0],
            step=transition.targets[0][1],
            receiving_agency_id=dossier.receiving_agency_id,
            competent_agency_id=dossier.competent_agency_id,
        )
        held = roles_by_agency_for(actor)
        user_id = actor.pk if actor is not None else None
        permit = permit_for(transition, state, held, user_id=user_id)
        if permit is None or permit.agency_id is None:
            permit = None
    if permit is None:
        raise PermissionDenied(
            _("Only a reception officer of %(agency)s may receive dossiers there.")
            % {"agency": dossier.receiving_agency}
        )
    return Acting(
        dossier=dossier,
        action=action,
        actor=actor,
        permit=permit,
        agency=_agency(dossier, permit.agency_id),
        from_status=None,
        from_step="",
    )


def _agency(dossier: Dossier, agency_id: int | None) -> Agency | None:
    if agency_id is None:
        return None
    if dossier.receiving_agency_id == agency_id:
        return dossier.receiving_agency
    if dossier.competent_agency_id == agency_id:
        return dossier.competent_agency
    return Agency.objects.get(pk=agency_id)


def target_check(acting: Acting, target: State) -> State:
    """Return ``target`` if the table row allows it, else raise Conflict."""
    if target not in acting.permit.transition.targets:
        raise _not_now(acting.action, acting.dossier)
    return target


def transition_finish(
    acting: Acting,
    *,
    now: datetime,
    to: State | None,
    assignee: User | None = None,
    receiver: User | None = None,
    receiver_agency: Agency | None = None,
    note: str = "",
    payload: EventPayload | None = None,
    step_due: datetime | None = None,
    message: NotificationKind | None = None,
    message_context: Mapping[str, object] | None = None,
) -> DossierEvent:
    """Move the dossier to ``to`` (None: stay), save it, write the one event and
    the citizen's ``message`` (with ``message_context``) to the outbox.

    A hand-over (another step or another assignee) closes the current step: the
    event carries its start, due time and judgement (form 06), and the next step
    starts now with its own due time (``step_due`` overrides it). ``assignee``
    (when given) becomes the dossier's assignee. A dossier being created
    (:func:`creation_begin`) gets its code, its registration time and version 1.
    """
    dossier = acting.dossier
    creating = acting.from_status is None
    status, step = to if to is not None else (dossier.status, dossier.step)
    hands_over = creating or (
        step != dossier.step
        or (assignee is not None and assignee.pk != dossier.assignee_id)
    )
    closed = (
        (None, None) if creating else (dossier.step_started_at, dossier.step_due_at)
    )
    judgement = step_judgement(dossier, now) if hands_over and not creating else ""
    dossier.status, dossier.step = status, step
    if assignee is not None:
        dossier.assignee = assignee
    if hands_over:
        dossier.step_started_at = now
        dossier.step_due_at = step_due or step_due_at(dossier, step, now)
    if creating:
        dossier.code = dossier_code_allocate(agency=dossier.receiving_agency, at=now)
        dossier.registered_at = now
        dossier.version = 1
    else:
        dossier.version += 1
    dossier.save()
    event = event_record(
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
        payload=payload if payload is not None else payload_default(acting.action),
    )
    if message is not None:
        notify(dossier, kind=message, now=now, **dict(message_context or {}))
    return event
