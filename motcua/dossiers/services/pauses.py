"""Pauses of the clock, shared by supplement requests and financial obligations.

SPEC §4.4–4.5 and §5: a request for papers or for payment pauses the clock; when
the papers or the payment arrive the deadline moves later by the working time
paused (``DossierPause`` rows fed to the calendar's deadline computation), and
the paused step gets back the working time it had left.
"""

from __future__ import annotations

from datetime import datetime

from motcua.dossiers.choices import PauseKind
from motcua.dossiers.models import DossierPause
from motcua.dossiers.payloads import PauseEnded
from motcua.dossiers.services.checklist import deadline_recompute
from motcua.dossiers.services.transitions import (
    Acting,
)
from motcua.dossiers.timing import calendar_for


def pause_start(acting: Acting, *, now: datetime, kind: str, **fields: object) -> None:
    """Open a pause of ``kind`` now; the step keeps the working time it had left."""
    dossier = acting.dossier
    left = None
    if dossier.step_due_at is not None:
        calendar = calendar_for(dossier.competent_agency)
        left = calendar.working_minutes_between(now, dossier.step_due_at)
    restarts = (
        kind == PauseKind.SUPPLEMENT and dossier.procedure.supplement_restarts_count
    )
    DossierPause.objects.create(
        dossier=dossier,
        kind=kind,
        started_at=now,
        step_minutes_left=left,
        restarts_count=restarts,
        **fields,
    )
    dossier.paused_since = now


def pause_end(acting: Acting, *, now: datetime) -> tuple[datetime | None, PauseEnded]:
    """End the open pause, move the deadline; return the resumed step's due time."""
    dossier = acting.dossier
    pause = DossierPause.objects.filter(dossier=dossier, ended_at__isnull=True).first()
    before = dossier.deadline_at
    due = None
    if pause is not None:
        pause.ended_at = now
        pause.save(update_fields=["ended_at"])
        if pause.step_minutes_left is not None:
            calendar = calendar_for(dossier.competent_agency)
            due = calendar.add_working_minutes(now, max(pause.step_minutes_left, 0))
    dossier.paused_since = None
    deadline_recompute(dossier)
    return due, PauseEnded(
        deadline_before=before,
        deadline_after=dossier.deadline_at,
        paused_minutes_total=dossier.paused_minutes,
    )
