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

from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.core.errors import Conflict, NotFound, PermissionDenied
from motcua.dossiers.access import dossier_state, roles_by_agency_for
from motcua.dossiers.choices import DossierStatus, DossierStep
from motcua.dossiers.events import event_record
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.timing import step_due_at, step_judgement
from motcua.dossiers.workflow import (
    DossierAction,
    Permit,
    State,
    permit_for,
    transitions_from,
)


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
    judgement = step_judgement(dossier, now) if hands_over else ""
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
