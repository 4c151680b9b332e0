"""The apology with a new date when a dossier will be late (form 04).

Circular 03/2025 Art. 7(2): the agency leader apologises in writing and sets one
new date, before the deadline or at once when it has passed."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.errors import Conflict, InvalidInput
from motcua.dossiers.inputs import required_text
from motcua.dossiers.models import Dossier, DossierApology
from motcua.dossiers.payloads import NewDate
from motcua.dossiers.services.transitions import (
    Acting,
    transition_begin,
    transition_finish,
)
from motcua.dossiers.timing import calendar_for
from motcua.dossiers.workflow import DossierAction
from motcua.notifications.models import NotificationKind

# How far an apology may move the date at most (see ``_apology_check``).


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
    reason = required_text(
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
        payload=NewDate(new_deadline_at=new_deadline_at),
        message=NotificationKind.APOLOGY,
        message_context={
            "deadline": dossier.deadline_at,
            "new_deadline": new_deadline_at,
            "reason": reason,
        },
    )
    return dossier
