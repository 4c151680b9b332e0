"""The apology with a new date (form 04), withdrawal and stop (form 05)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.errors import Conflict, InvalidInput
from motcua.dossiers.models import Dossier, DossierApology, DossierPause
from motcua.dossiers.services.transitions import (
    Acting,
    ActorKind,
    transition_begin,
    transition_finish,
)
from motcua.dossiers.timing import calendar_for
from motcua.dossiers.workflow import DossierAction
from motcua.notifications.models import NotificationKind


def _required(value: str, field: str, message: str) -> str:
    if not value.strip():
        raise InvalidInput(message, field_errors={field: _("This field is required.")})
    return value.strip()


# How far an apology may move the date at most (see ``_apology_check``).
APOLOGY_MAX_DELAY = timedelta(days=366)


def _apology_check(acting: Acting, *, now: datetime, new_deadline_at: datetime) -> None:
    dossier = acting.dossier
    if DossierApology.objects.filter(dossier=dossier).exists():
        raise Conflict(
            _(
                "An apology was already sent for %(code)s; the date can be moved "
                "only once."
            )
            % {"code": dossier.code}
        )
    if dossier.deadline_at is None:
        raise Conflict(_("This dossier has no deadline to move."))
    calendar = calendar_for(dossier.competent_agency)
    left = calendar.working_minutes_between(now, dossier.deadline_at)
    if now >= dossier.deadline_at or left < calendar.minutes_per_day:
        raise Conflict(
            _(
                "The apology must be sent at least 1 working day before the deadline "
                "(%(deadline)s); it is too late for that now."
            )
            % {
                "deadline": calendar.local(dossier.deadline_at).strftime(
                    "%H:%M %d/%m/%Y"
                )
            }
        )
    # After an incident move the citizen holds that later date: an apology never
    # promises an earlier one (ADR 0009).
    promised = dossier.effective_deadline_at or dossier.deadline_at
    if new_deadline_at <= promised:
        raise InvalidInput(
            _("The new date must be after the date promised now (%(date)s).")
            % {"date": calendar.local(promised).strftime("%H:%M %d/%m/%Y")},
            field_errors={"new_deadline_at": _("Choose a later date.")},
        )
    # The law sets no limit; a date years away is a typing slip, not a promise.
    if new_deadline_at > dossier.deadline_at + APOLOGY_MAX_DELAY:
        raise InvalidInput(
            _("The new date must be within %(days)d days of the current deadline.")
            % {"days": APOLOGY_MAX_DELAY.days},
            field_errors={"new_deadline_at": _("Choose an earlier date.")},
        )


@transaction.atomic
def dossier_apologise(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    reason: str,
    new_deadline_at: datetime,
    expected_version: int | None = None,
) -> Dossier:
    """Apologise for a late dossier and set one new date (form 04).

    The agency leader of the competent agency does it at least 1 working day
    before the deadline, at most once (LAW-NOTES §1 "Late": Lai Châu QĐ 88/2025
    Art. 3(6), Decree 297/2025 Art. 6(5)). The legal deadline is kept: the
    dossier still counts as late against it.

    Raises:
        NotFound, PermissionDenied: see ``transition_begin``.
        Conflict: already apologised, no deadline, or less than 1 working day left.
        InvalidInput: no reason, or the new date is not after the deadline.
    """
    reason = _required(
        reason, "reason", _("An apology needs the reason for the delay.")
    )
    acting = transition_begin(
        action=DossierAction.APOLOGISE,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    _apology_check(acting, now=now, new_deadline_at=new_deadline_at)
    dossier = acting.dossier
    DossierApology.objects.create(
        dossier=dossier,
        reason=reason,
        new_deadline_at=new_deadline_at,
        issued_at=now,
        issued_by=actor,
    )
    dossier.new_deadline_at = new_deadline_at
    transition_finish(
        acting,
        now=now,
        to=None,
        note=reason,
        data={"new_deadline_at": new_deadline_at.isoformat()},
        message=NotificationKind.APOLOGY,
        message_context={
            "deadline": dossier.deadline_at,
            "new_deadline": new_deadline_at,
            "reason": reason,
        },
    )
    return dossier


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
    reason = _required(reason, "reason", _("Say why you withdraw the dossier."))
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
    reasons = _required(
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
        data={"reasons": reasons},
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
    reason = _required(reason, "reason", _("Record the applicant's request."))
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
    reason = _required(reason, "reason", _("A stop notice needs its reason."))
    acting = transition_begin(
        action=DossierAction.STOP,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    _close(acting, now=now, reason=reason, message=NotificationKind.STOPPED)
    return acting.dossier
