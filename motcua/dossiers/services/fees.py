"""Financial obligations (status 6): asking for fees, recording their payment at
the counter or online (Decree 118/2025 Art. 24); the clock pauses meanwhile."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.errors import Conflict, InvalidInput
from motcua.dossiers.choices import PauseKind
from motcua.dossiers.inputs import FeeLine
from motcua.dossiers.intake import procedure_listed_free
from motcua.dossiers.models import Dossier, DossierFee
from motcua.dossiers.payloads import FeeAsked, PaymentAsked
from motcua.dossiers.selectors import fees_unpaid_total
from motcua.dossiers.services.pauses import pause_end, pause_start
from motcua.dossiers.services.transitions import (
    Acting,
    ActorKind,
    transition_begin,
    transition_finish,
)
from motcua.dossiers.workflow import DossierAction


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
    pause_start(acting, now=now, kind=PauseKind.FINANCIAL, reason=note)
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
        payload=PaymentAsked(
            fees=tuple(FeeAsked(name=f.name, amount_vnd=f.amount_vnd) for f in fees),
            listed_free=listed_free,
        ),
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
    due, ended = pause_end(acting, now=now)
    transition_finish(
        acting,
        now=now,
        to=acting.permit.transition.targets[0],
        receiver=acting.dossier.assignee,
        payload=replace(ended, online=True) if online else ended,
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
