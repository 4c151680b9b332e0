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

One new date (ADR 0009): the law gives the citizen one new date (form 04), so an
incident moves a dossier's promised date once, by at most
``MAX_EXTRA_WORKING_HOURS``, never earlier, and not after an apology (whose date
is the one promised in writing). An apology after an incident move must promise
a date after the moved one.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.errors import Conflict, InvalidInput
from motcua.dossiers.models import Dossier, DossierApology, DossierEvent
from motcua.dossiers.payloads import MovedForNotice
from motcua.dossiers.services.transitions import (
    Acting,
    transition_begin,
    transition_finish,
)
from motcua.dossiers.timing import calendar_for
from motcua.dossiers.workflow import DossierAction
from motcua.notifications.models import NotificationKind

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
    calendar = calendar_for(dossier.competent_agency)
    if new_deadline_at is None:
        minutes = int(extra_working_hours or 0) * 60
        return calendar.add_working_minutes(promised, minutes)
    if new_deadline_at <= promised:
        raise InvalidInput(
            _("The new date must be after the date promised now."),
            field_errors={"new_deadline_at": _("Choose a later date.")},
        )
    latest = calendar.add_working_minutes(promised, MAX_EXTRA_WORKING_HOURS * 60)
    if new_deadline_at > latest:
        raise InvalidInput(
            _(
                "An incident moves the date by %(max)s working hours at most "
                "(to %(latest)s); for a longer delay the leader apologises "
                "(form 04)."
            )
            % {
                "max": MAX_EXTRA_WORKING_HOURS,
                "latest": calendar.local(latest).strftime("%H:%M %d/%m/%Y"),
            },
            field_errors={"new_deadline_at": _("Choose an earlier date.")},
        )
    return new_deadline_at


def _once_check(dossier: Dossier) -> None:
    """One new date: no second incident move, and none after an apology."""
    if DossierApology.objects.filter(dossier=dossier).exists():
        raise Conflict(
            _(
                "An apology already gave %(code)s its new date (form 04); it is not "
                "moved again for an incident."
            )
            % {"code": dossier.code}
        )
    moved = DossierEvent.objects.filter(
        dossier=dossier, action=DossierAction.EXTEND_FOR_NOTICE
    ).exists()
    if moved:
        raise Conflict(
            _(
                "The date of %(code)s was already moved for an incident; it is moved "
                "once. For a longer delay the leader apologises (form 04)."
            )
            % {"code": dossier.code}
        )


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
        Conflict: the dossier is not in process, has no deadline, was already
            moved for an incident, or has had an apology.
        InvalidInput: no reason, both or neither of the two amounts, hours out of
            range, or a new date not after the date promised now or more than
            ``MAX_EXTRA_WORKING_HOURS`` working hours after it.
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
    _once_check(dossier)
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
        payload=MovedForNotice(
            notice_id=notice_id,
            reason=reason,
            extra_working_hours=extra_working_hours,
            promised_before=before,
            new_deadline_at=moved,
        ),
        message=NotificationKind.SERVICE_NOTICE,
        message_context={"new_deadline": moved, "reason": reason},
    )
    return dossier
