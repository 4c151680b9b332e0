"""Pauses of the clock: supplement requests and financial obligations.

SPEC §4.4–4.5 and §5: a supplement request (form 02, every item at once) or a
request to pay pauses the clock; when the supplement or payment arrives the
deadline moves later by the working time paused (``DossierPause`` rows fed to
the calendar's deadline computation), and the paused step gets back the working
time it had left. A second supplement request makes the dossier count as late
(Decision 766 method): ``supplement_count`` keeps the number for the reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.errors import Conflict, InvalidInput
from motcua.dossiers.choices import PauseKind
from motcua.dossiers.inputs import DocumentTick, FeeLine, supplement_items_clean
from motcua.dossiers.intake import procedure_listed_free
from motcua.dossiers.models import Dossier, DossierFee, DossierPause
from motcua.dossiers.selectors import fees_unpaid_total
from motcua.dossiers.services.checklist import checklist_update, deadline_recompute
from motcua.dossiers.services.transitions import (
    Acting,
    ActorKind,
    transition_begin,
    transition_finish,
)
from motcua.dossiers.timing import calendar_for
from motcua.dossiers.workflow import DossierAction
from motcua.notifications.models import NotificationKind


def _pause_start(acting: Acting, *, now: datetime, kind: str, **fields: object) -> None:
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


def _pause_end(
    acting: Acting, *, now: datetime
) -> tuple[datetime | None, dict[str, object]]:
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
    data: dict[str, object] = {
        "deadline_before": before.isoformat() if before else None,
        "deadline_after": dossier.deadline_at.isoformat()
        if dossier.deadline_at
        else None,
        "paused_minutes_total": dossier.paused_minutes,
    }
    return due, data


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
    _pause_start(
        acting, now=now, kind=PauseKind.SUPPLEMENT, items=cleaned, reason=reason
    )
    acting.dossier.supplement_count += 1
    transition_finish(
        acting,
        now=now,
        to=acting.permit.transition.targets[0],
        note=reason,
        data={"items": cleaned, "supplement_count": acting.dossier.supplement_count},
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
    documents: Sequence[DocumentTick] = (),
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
    checklist_update(acting.dossier, documents)
    due, data = _pause_end(acting, now=now)
    transition_finish(
        acting,
        now=now,
        to=acting.permit.transition.targets[0],
        receiver=acting.dossier.assignee,
        note=note,
        data=data,
        step_due=due,
    )
    return acting.dossier


@transaction.atomic
def dossier_request_payment(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    fees: Sequence[FeeLine],
    note: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """Ask the applicant to pay fees or taxes (status 6); the clock pauses.

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin``.
        InvalidInput: no fee lines, a line without a name or a positive amount,
            or no note on a procedure the catalogue lists as free.
    """
    if not fees or any(not f.name.strip() or f.amount_vnd <= 0 for f in fees):
        raise InvalidInput(
            _("List each fee with its name and a positive amount."),
            field_errors={"fees": _("Check the fee lines.")},
        )
    acting = transition_begin(
        action=DossierAction.REQUEST_PAYMENT,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    dossier = acting.dossier
    listed_free = procedure_listed_free(dossier.procedure, dossier.channel)
    if listed_free and not note.strip():
        # A tax or a fee the provincial council sets may still be due on a
        # procedure the catalogue lists as free: never without saying what it is.
        raise InvalidInput(
            _(
                "The catalogue lists this procedure as free: say what this payment "
                "is for (a tax, a fee set by the provincial council, ...)."
            ),
            field_errors={"note": _("Say what the payment is for.")},
        )
    _pause_start(acting, now=now, kind=PauseKind.FINANCIAL, reason=note)
    DossierFee.objects.bulk_create(
        DossierFee(
            dossier=acting.dossier,
            name=fee.name.strip(),
            amount_vnd=fee.amount_vnd,
            requested_at=now,
        )
        for fee in fees
    )
    transition_finish(
        acting,
        now=now,
        to=acting.permit.transition.targets[0],
        note=note,
        data={
            "fees": [{"name": f.name, "amount_vnd": f.amount_vnd} for f in fees],
            "listed_free": listed_free,
        },
    )
    return acting.dossier


def _fees_paid(
    acting: Acting, *, now: datetime, method: str, receipt: str, online: bool = False
) -> None:
    """Mark every unpaid fee paid, end the pause and resume processing."""
    DossierFee.objects.filter(dossier=acting.dossier, paid_at__isnull=True).update(
        paid_at=now,
        payment_method=method.strip()[:50],
        receipt_number=receipt.strip()[:60],
    )
    due, data = _pause_end(acting, now=now)
    transition_finish(
        acting,
        now=now,
        to=acting.permit.transition.targets[0],
        receiver=acting.dossier.assignee,
        data={**data, "online": True} if online else data,
        step_due=due,
    )


@transaction.atomic
def dossier_record_payment(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    payment_method: str,
    receipt_number: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """Record that every requested fee is paid; the clock resumes.

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin``.
        InvalidInput: no payment method.
    """
    if not payment_method.strip():
        raise InvalidInput(
            _("Say how the fees were paid."),
            field_errors={"payment_method": _("This field is required.")},
        )
    acting = transition_begin(
        action=DossierAction.RECORD_PAYMENT,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    _fees_paid(acting, now=now, method=payment_method, receipt=receipt_number)
    return acting.dossier


@transaction.atomic
def dossier_pay_fees_online(
    *,
    dossier_code: str,
    account: User,
    now: datetime,
    amount_vnd: int,
    payment_method: str,
    receipt_number: str,
) -> Dossier:
    """Record the applicant's online payment of every requested fee; the clock
    resumes (Decree 118/2025 Art. 24: fees may be paid online).

    ``amount_vnd`` is what the gateway took: it must equal the fees unpaid, so a
    fee added meanwhile is never marked paid by an older payment.

    Raises:
        NotFound: not one of the account's dossiers.
        Conflict: no payment is asked for now, or the amount differs.
    """
    acting = transition_begin(
        action=DossierAction.RECORD_PAYMENT,
        dossier_code=dossier_code,
        actor=account,
        kind=ActorKind.APPLICANT,
    )
    dossier = acting.dossier
    if fees_unpaid_total(dossier) != amount_vnd:
        raise Conflict(_("The fees asked for have changed: pay the new amount."))
    _fees_paid(
        acting, now=now, method=payment_method, receipt=receipt_number, online=True
    )
    return dossier
