"""The only writer of dossier events (the append-only history, SPEC §3).

Events yield the control sheet (form 06) and the register (form 07). The model
refuses updates and deletes; a correction is a new event. Every event also
rewrites the dossier's public view (``tracking``) in the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.payloads import EventPayload, payload_check
from motcua.dossiers.tracking import public_view_follow


def event_record(
    *,
    dossier: Dossier,
    action: str,
    at: datetime,
    from_status: int | None,
    from_step: str,
    actor: User | None = None,
    actor_role: str = "",
    actor_agency: Agency | None = None,
    receiver: User | None = None,
    receiver_agency: Agency | None = None,
    step_started_at: datetime | None = None,
    step_due_at: datetime | None = None,
    judgement: str = "",
    note: str = "",
    payload: EventPayload,
) -> DossierEvent:
    """Append one event to ``dossier``'s history; its number is the new version.

    The caller holds the dossier's row lock and has already bumped ``version``,
    so numbers follow each other without gaps or clashes. The event's target
    status and step are the dossier's current ones; ``payload`` is of the type
    ``payloads`` names for the action (anything else is a programming error).
    """
    payload_check(action, payload)
    event = DossierEvent.objects.create(
        dossier=dossier,
        sequence=dossier.version,
        action=action,
        at=at,
        actor=actor,
        actor_name=(str(actor) if actor is not None else ""),
        actor_role=actor_role,
        actor_agency=actor_agency,
        from_status=from_status,
        to_status=dossier.status,
        from_step=from_step,
        to_step=dossier.step,
        receiver=receiver,
        receiver_agency=receiver_agency,
        step_started_at=step_started_at,
        step_due_at=step_due_at,
        judgement=judgement,
        note=note,
        data=payload.as_data(),
    )
    public_view_follow(dossier, event, payload)  # the public view follows, always
    return event
