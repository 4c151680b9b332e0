"""The promised date moved after a service incident or outage (issue §6).

A service notice (``motcua.notices``) tells citizens of an incident; the agency
leader may then move the dates of the dossiers it delays. The dossiers app does not
know notices (layering): the caller passes the notice's id and the reason in.

Judgement rule (same as the apology, form 04): the legal deadline
(``deadline_at``, recomputed from the legal time and the pauses) is kept and the
dossier is still judged early / on time / late against it; the extension moves the
date promised to the citizen (``new_deadline_at``), which the tracking page, the
slips and the messages show. No legal text lets an agency's own outage extend the
legal time limit (Decree 118/2025 Art. 21 lists when processing may stop or
pause), so the delay stays visible in the figures.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.errors import Conflict, InvalidInput
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.transitions import (
    Acting,
    calendar_for,
    notify,
    transition_begin,
    transition_finish,
)
from motcua.dossiers.workflow import DossierAction

# An incident delays a dossier by days, not weeks: beyond this a leader should
# apologise (form 04) or stop processing instead.
MAX_EXTRA_WORKING_HOURS = 80


def _checked_inputs(
    *,
    reason: str,
    extra_working_hours: int | None,
    new_deadline_at: datetime | None,
) -> str:
    if not reason.strip():
        raise InvalidInput(
            _("Moving a date for an incident needs the reason."),
            field_errors={"reason": _("This field is required.")},
        )
    if (extra_working_hours is None) == (new_deadline_at is None):
        raise InvalidInput(
            _("Give either the extra working hours or the new date, not both."),
            field_errors={"extra_working_hours": _("Give one of the two.")},
        )
    if extra_working_hours is not None and not (
        0 < extra_working_hours <= MAX_EXTRA_WORKING_HOURS
    ):
        raise InvalidInput(
            _("The extra working hours must be between 1 and %(max)s.")
            % {"max": MAX_EXTRA_WORKING_HOURS},
            field_errors={"extra_working_hours": _("Choose 1 to 80 hours.")},
        )
    return reason.strip()


def _moved_date(
    acting: Acting,
    *,
    extra_working_hours: int | None,
    new_deadline_at: datetime | None,
) -> datetime:
    dossier = acting.dossier
    promised = dossier.effective_deadline_at
    if promised is None:
        raise Conflict(
            _("Dossier %(code)s has no deadline to move.") % {"code": dossier.code}
        )
    if new_deadline_at is None:
        calendar = calendar_for(dossier.competent_agency)
        minutes = int(extra_working_hours or 0) * 60
        return calendar.add_working_minutes(promised, minutes)
    if new_deadline_at <= promised:
        raise InvalidInput(
            _("The new date must be after the date promised now."),
            field_errors={"new_deadline_at": _("Choose a later date.")},
        )
    return new_deadline_at


@transaction.atomic
def dossier_extend_for_notice(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    notice_id: int,
    reason: str,
    extra_working_hours: int | None = None,
    new_deadline_at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Move the date promised for ``dossier_code`` later because of notice
    ``notice_id``, record the reason in its history and tell the citizen.

    Give ``extra_working_hours`` (added on the competent agency's calendar to the
    date promised now) or ``new_deadline_at``. The agency leader of the competent
    agency does it, from statuses 2, 4, 5 and 6; status and step stay. The legal
    deadline is kept (see the module's judgement rule).

    Raises:
        NotFound, PermissionDenied: see ``transition_begin``.
        Conflict: the dossier is not in process, or has no deadline.
        InvalidInput: no reason, both or neither of the two amounts, hours out of
            range, or a new date not after the date promised now.
    """
    reason = _checked_inputs(
        reason=reason,
        extra_working_hours=extra_working_hours,
        new_deadline_at=new_deadline_at,
    )
    acting = transition_begin(
        action=DossierAction.EXTEND_FOR_NOTICE,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    dossier = acting.dossier
    before = dossier.effective_deadline_at
    moved = _moved_date(
        acting, extra_working_hours=extra_working_hours, new_deadline_at=new_deadline_at
    )
    dossier.new_deadline_at = moved
    transition_finish(
        acting,
        now=now,
        to=None,
        note=reason,
        data={
            "notice_id": notice_id,
            "reason": reason,
            "extra_working_hours": extra_working_hours,
            "promised_before": before.isoformat() if before else None,
            "new_deadline_at": moved.isoformat(),
        },
    )
    notify(dossier, kind="service_notice", now=now, new_deadline=moved, reason=reason)
    return dossier
