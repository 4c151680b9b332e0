"""Dossiers not supplemented in time are closed (SPEC §4.4).

Decree 297/2025/NĐ-CP Art. 6(4) and sectoral decrees: a dossier whose applicant
does not bring the papers asked for within the period the procedure sets
(``Procedure.supplement_close_working_days``, commonly 15 working days) is
closed. Counted in working days from the request, on the calendar of the agency
that asked (the receiving agency at reception, the competent one in processing).
At reception the dossier was never received: it ends "not received" (status 3);
in processing it ends "stopped" (status 8, the end of processing for Decision
766). Papers sent online and waiting for the officer's check keep it open.

The daily job (``dossiers.close_unsupplemented``, or ``manage.py
close_unsupplemented``) does the closing; until it runs, the date it closes on
is shown from the dates (:func:`motcua.dossiers.selectors.supplement_close_due_at`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.errors import Conflict
from motcua.dossiers.choices import DossierStatus, DossierStep
from motcua.dossiers.models import Dossier, DossierPause
from motcua.dossiers.payloads import ClosedUnsupplemented
from motcua.dossiers.selectors import supplement_close_due_at
from motcua.dossiers.services.transitions import (
    ActorKind,
    target_check,
    transition_begin,
    transition_finish,
)
from motcua.dossiers.workflow import UNSUPPLEMENTED_ENDS_AS, DossierAction
from motcua.notifications.models import NotificationKind

# What the applicant is told: a refusal at reception (form 03), a stop notice
# in processing (form 05).
_MESSAGE_KIND: dict[int, NotificationKind] = {
    DossierStatus.NOT_RECEIVED: NotificationKind.REFUSED,
    DossierStatus.STOPPED: NotificationKind.STOPPED,
}


def _close_one(code: str, *, now: datetime) -> bool:
    with transaction.atomic():
        try:
            acting = transition_begin(
                action=DossierAction.CLOSE_UNSUPPLEMENTED,
                dossier_code=code,
                actor=None,
                kind=ActorKind.SYSTEM,
            )
        except Conflict:
            return False  # supplemented or closed since it was listed
        dossier = acting.dossier
        due = supplement_close_due_at(dossier)
        if due is None or now < due:
            return False  # papers sent online or reopened since it was listed
        status = UNSUPPLEMENTED_ENDS_AS[dossier.step]
        days = dossier.procedure.supplement_close_working_days
        reason = _(
            "The papers asked for were not brought within %(days)s working days."
        ) % {"days": days}
        DossierPause.objects.filter(dossier=dossier, ended_at__isnull=True).update(
            ended_at=now
        )
        dossier.paused_since = None
        dossier.finished_at = now
        transition_finish(
            acting,
            now=now,
            to=target_check(acting, (status, DossierStep.CLOSED)),
            note=reason,
            payload=ClosedUnsupplemented(working_days=days, due_at=due),
            message=_MESSAGE_KIND[status],
            message_context={"reason": reason},
        )
        return True


def dossiers_close_unsupplemented(
    *, now: datetime, progress: Callable[[int, int], None] | None = None
) -> list[str]:
    """Close every dossier whose supplement period has ended; return their codes."""
    codes = list(
        Dossier.objects.filter(
            status=DossierStatus.SUPPLEMENT_REQUESTED,
            step__in=list(UNSUPPLEMENTED_ENDS_AS),
            procedure__supplement_close_working_days__isnull=False,
        )
        .order_by("pk")
        .values_list("code", flat=True)
    )
    closed = []
    for done, code in enumerate(codes, start=1):
        if _close_one(code, now=now):
            closed.append(code)
        if progress is not None and (done % 100 == 0 or done == len(codes)):
            progress(done, len(codes))
    return closed
