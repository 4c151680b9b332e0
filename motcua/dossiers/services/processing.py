"""Processing inside the competent agency: assign, forward, return, approve.

SPEC §4.3: the dossier moves along the internal process (specialist → division
leader review → agency leader approval); each hand-over records giver, receiver,
time and the step's judgement (form 06, written by ``transition_finish``).
``Dossier.assignee`` stays the specialist handling the dossier; a leader who
receives it at review or approval is the event's receiver.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.core.errors import InvalidInput
from motcua.dossiers.access import roles_by_agency_for
from motcua.dossiers.choices import DossierStatus, DossierStep
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.transitions import (
    target_check,
    transition_begin,
    transition_finish,
)
from motcua.dossiers.workflow import (
    ASSIGNABLE_ROLES,
    PROCESSING,
    WAITING_FOR,
    DossierAction,
)


def _holds(user: User, roles: Iterable[str], agency: Agency) -> bool:
    return bool(roles_by_agency_for(user).get(agency.pk, set()) & set(roles))


def _receiver_check(user: User | None, step: str, agency: Agency) -> None:
    if user is None:
        return
    _where, roles = WAITING_FOR[step]
    if not _holds(user, roles, agency):
        raise InvalidInput(
            _("%(user)s cannot take the dossier at this step in %(agency)s.")
            % {"user": user, "agency": agency},
            field_errors={"to_user": _("This person does not hold the role.")},
        )


@transaction.atomic
def dossier_assign(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    assignee: User,
    note: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """Assign (or re-assign) the dossier to a specialist of the competent agency.

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin``.
        InvalidInput: the assignee holds no processing role in the competent agency.
    """
    acting = transition_begin(
        action=DossierAction.ASSIGN,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    competent = acting.dossier.competent_agency
    if not assignee.is_active or not _holds(assignee, ASSIGNABLE_ROLES, competent):
        raise InvalidInput(
            _("%(user)s is not a specialist of %(agency)s.")
            % {"user": assignee, "agency": competent},
            field_errors={"assignee": _("This person does not hold the role.")},
        )
    transition_finish(
        acting,
        now=now,
        to=target_check(acting, PROCESSING),
        assignee=assignee,
        receiver=assignee,
        note=note,
    )
    return acting.dossier


@transaction.atomic
def dossier_forward(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    to_step: str | None = None,
    to_user: User | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """Hand the dossier to the next step: review (default) or approval.

    From processing the handler may go straight to approval; from review only to
    approval. ``to_user`` (optional) names the leader who receives it.

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin``.
        Conflict: ``to_step`` is not a next step from here.
        InvalidInput: ``to_user`` does not hold the next step's role.
    """
    acting = transition_begin(
        action=DossierAction.FORWARD,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    targets = acting.permit.transition.targets
    target = (
        target_check(acting, (DossierStatus.PROCESSING, to_step))
        if to_step
        else targets[0]
    )
    _receiver_check(to_user, target[1], acting.dossier.competent_agency)
    transition_finish(acting, now=now, to=target, receiver=to_user, note=note)
    return acting.dossier


@transaction.atomic
def dossier_return_to_step(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    note: str,
    to_step: str = DossierStep.PROCESSING,
    expected_version: int | None = None,
) -> Dossier:
    """Send the dossier back to an earlier step with a note (review → processing,
    approval → processing or review).

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin``.
        Conflict: ``to_step`` is not an earlier step from here.
        InvalidInput: no note.
    """
    if not note.strip():
        raise InvalidInput(
            _("Say why the dossier goes back."),
            field_errors={"note": _("This field is required.")},
        )
    acting = transition_begin(
        action=DossierAction.RETURN,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    target = target_check(acting, (DossierStatus.PROCESSING, to_step))
    receiver = acting.dossier.assignee if target == PROCESSING else None
    transition_finish(acting, now=now, to=target, receiver=receiver, note=note.strip())
    return acting.dossier


@transaction.atomic
def dossier_approve(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    note: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """Approve and sign the result (agency leader): on to the clerk for issuing.

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin``.
    """
    acting = transition_begin(
        action=DossierAction.APPROVE,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    transition_finish(
        acting, now=now, to=acting.permit.transition.targets[0], note=note
    )
    return acting.dossier
