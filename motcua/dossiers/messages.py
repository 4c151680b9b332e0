"""The citizen's messages about a dossier: its public link and the outbox entry.

:func:`notify` writes to the outbox inside the caller's transaction, so a message
leaves only if the change it tells of is committed.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings

from motcua.calendars.selectors import provisional_years_get
from motcua.dossiers.models import Dossier
from motcua.notifications.models import NotificationKind
from motcua.notifications.services import notification_enqueue


def tracking_url(dossier: Dossier) -> str:
    """Return the public page of ``dossier`` (no personal data: the code only)."""
    return str(settings.MOTCUA_TRACKING_URL).format(code=dossier.code)


def deadline_provisional(dossier: Dossier) -> bool:
    """Whether the legal deadline counts through a year not yet officially announced."""
    if dossier.new_deadline_at or not (
        dossier.count_started_at and dossier.deadline_at
    ):
        return False
    return bool(
        provisional_years_get(
            start_at=dossier.count_started_at, deadline_at=dossier.deadline_at
        )
    )


def notify(
    dossier: Dossier, *, kind: NotificationKind, now: datetime, **context: object
) -> None:
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
            "deadline_provisional": deadline_provisional(dossier),
            "tracking_url": tracking_url(dossier),
            **context,
        },
    )
