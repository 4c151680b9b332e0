"""Supplement requests during processing (form 02, every item at once) and the
supplement's arrival; the clock pauses meanwhile (``services.pauses``).

A second supplement request makes the dossier count as late (Decision 766
method): ``supplement_count`` keeps the number for the reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction

from motcua.accounts.models import User
from motcua.dossiers.choices import PauseKind
from motcua.dossiers.inputs import PaperTick, supplement_items_clean
from motcua.dossiers.models import Dossier
from motcua.dossiers.payloads import PapersAsked
from motcua.dossiers.services.checklist import checklist_update
from motcua.dossiers.services.pauses import pause_end, pause_start
from motcua.dossiers.services.transitions import (
    transition_begin,
    transition_finish,
)
from motcua.dossiers.workflow import DossierAction
from motcua.notifications.models import NotificationKind


@transaction.atomic
def dossier_request_supplement(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    items: Sequence[str],
    reason: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """Ask for a supplement during processing (form 02); the clock pauses.

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin``.
        InvalidInput: no items listed.
    """
    cleaned = supplement_items_clean(items)
    acting = transition_begin(
        action=DossierAction.REQUEST_SUPPLEMENT,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    pause_start(
        acting, now=now, kind=PauseKind.SUPPLEMENT, items=cleaned, reason=reason
    )
    acting.dossier.supplement_count += 1
    transition_finish(
        acting,
        now=now,
        to=acting.permit.transition.targets[0],
        note=reason,
        payload=PapersAsked(
            items=tuple(cleaned), supplement_count=acting.dossier.supplement_count
        ),
        message=NotificationKind.SUPPLEMENT_REQUESTED,
        message_context={"items": cleaned, "reason": reason},
    )
    return acting.dossier


@transaction.atomic
def dossier_receive_supplement(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    papers: Sequence[PaperTick] = (),
    note: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """Record the complete supplement; the clock resumes and the deadline moves.

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin``.
        InvalidInput: an unknown checklist item.
    """
    acting = transition_begin(
        action=DossierAction.RECEIVE_SUPPLEMENT,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    checklist_update(acting.dossier, papers)
    due, ended = pause_end(acting, now=now)
    transition_finish(
        acting,
        now=now,
        to=acting.permit.transition.targets[0],
        receiver=acting.dossier.assignee,
        note=note,
        payload=ended,
        step_due=due,
    )
    return acting.dossier
