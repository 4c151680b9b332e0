"""The end of a dossier before its result: withdrawal (at the counter or online),
found not eligible after appraisal, and stop (form 05)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.dossiers.inputs import required_text
from motcua.dossiers.models import Dossier, DossierPause
from motcua.dossiers.payloads import Declined
from motcua.dossiers.services.transitions import (
    Acting,
    ActorKind,
    transition_begin,
    transition_finish,
)
from motcua.dossiers.workflow import DossierAction
from motcua.notifications.models import NotificationKind


def _close(
    acting: Acting, *, now: datetime, reason: str, message: NotificationKind
) -> None:
    dossier = acting.dossier
    if dossier.received_at is not None:
        # Decision 766: a withdrawn or stopped received dossier ends processing now.
        dossier.finished_at = now
    DossierPause.objects.filter(dossier=dossier, ended_at__isnull=True).update(
        ended_at=now
    )
    dossier.paused_since = None
    transition_finish(
        acting,
        now=now,
        to=acting.permit.transition.targets[0],
        note=reason,
        message=message,
        message_context={"reason": reason},
    )


@transaction.atomic
def dossier_withdraw_online(
    *, dossier_code: str, account: User, now: datetime, reason: str
) -> Dossier:
    """The applicant withdraws their own dossier from their account (status 7).

    Same rule as at the counter: only before the decision (Decree 118/2025
    Art. 21; Circular 03/2025 Art. 7). The history names the account.

    Raises:
        NotFound: no such dossier among the account's own.
        Conflict: a decision or result exists, or the dossier is closed.
        InvalidInput: no reason.
    """
    reason = required_text(reason, "reason", _("Say why you withdraw the dossier."))
    acting = transition_begin(
        action=DossierAction.WITHDRAW,
        dossier_code=dossier_code,
        actor=account,
        kind=ActorKind.APPLICANT,
    )
    _close(acting, now=now, reason=reason, message=NotificationKind.WITHDRAWN)
    return acting.dossier


@transaction.atomic
def dossier_decline(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    reasons: str,
    expected_version: int | None = None,
) -> Dossier:
    """The agency leader finds an appraised dossier not eligible and signs a
    notice with the reasons; it goes to the clerk, who numbers and issues it as
    the result (then returned like any result).

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin``.
        InvalidInput: no reasons.
    """
    reasons = required_text(
        reasons, "reasons", _("A notice of ineligibility needs its reasons.")
    )
    acting = transition_begin(
        action=DossierAction.DECLINE,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    transition_finish(
        acting,
        now=now,
        to=acting.permit.transition.targets[0],
        note=reasons,
        payload=Declined(reasons=reasons),
    )
    return acting.dossier


@transaction.atomic
def dossier_withdraw(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    reason: str,
    expected_version: int | None = None,
) -> Dossier:
    """Withdraw the dossier at the applicant's request (status 7).

    Only while no result has been issued (Decree 118/2025 Art. 21; Circular
    03/2025 Art. 7); the reception officer records the request.

    Raises:
        NotFound, PermissionDenied: see ``transition_begin``.
        Conflict: a result has been issued, or the dossier is closed.
        InvalidInput: no reason (the applicant's request).
    """
    reason = required_text(reason, "reason", _("Record the applicant's request."))
    acting = transition_begin(
        action=DossierAction.WITHDRAW,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    _close(acting, now=now, reason=reason, message=NotificationKind.WITHDRAWN)
    return acting.dossier


@transaction.atomic
def dossier_stop(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    reason: str,
    expected_version: int | None = None,
) -> Dossier:
    """Stop processing (status 8) and notify the applicant (form 05).

    Only while no result has been issued (Decree 118/2025 Art. 21); by the
    agency leader of the competent agency.

    Raises:
        NotFound, PermissionDenied: see ``transition_begin``.
        Conflict: a result has been issued, or the dossier is not in process.
        InvalidInput: no reason.
    """
    reason = required_text(reason, "reason", _("A stop notice needs its reason."))
    acting = transition_begin(
        action=DossierAction.STOP,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    _close(acting, now=now, reason=reason, message=NotificationKind.STOPPED)
    return acting.dossier
