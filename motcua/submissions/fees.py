"""Paying online the fees an agency asked for during processing (status 6).

The same payment gateway as for filing; the dossier's fees are marked paid and
the clock resumes only when the gateway confirms the payment, by the handler
``dossier_fees_payment_paid`` that settling calls (``payments.purposes``) whether
the payer comes back or the gateway notifies us with the payer's browser closed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.citizens.models import Citizen
from motcua.core.errors import Conflict, InvalidInput
from motcua.dossiers.models import Dossier, DossierFee
from motcua.dossiers.selectors import fees_unpaid_total
from motcua.dossiers.services import dossier_pay_fees_online
from motcua.payments.models import Payment, PaymentStatus
from motcua.payments.services import payment_create, payment_settle

FEES_KIND = "dossier-fees"


def fees_purpose(dossier: Dossier) -> str:
    """What a payment of the fees unpaid now pays for: one purpose per round of
    fees asked for (named by its newest fee), so that paying one round twice is
    seen as paying twice, and a later round is a purpose of its own."""
    newest = (
        DossierFee.objects.filter(dossier=dossier, paid_at__isnull=True)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    return f"{FEES_KIND}:{dossier.code}:{newest}"


def _dossier_code_of(purpose: str) -> str:
    """The dossier code in a fees purpose ("dossier-fees:<code>[:<fee id>]")."""
    rest = purpose.removeprefix(f"{FEES_KIND}:")
    code, separator, _round = rest.rpartition(":")
    return code if separator else rest  # payments opened before rounds existed


def _payer(dossier: Dossier) -> User | None:
    """The citizen account that may pay the dossier's fees online ("my dossiers"):
    the one that filed it, or else the applicant's own, verified through VNeID."""
    if dossier.account is not None:
        return dossier.account
    citizen = (
        Citizen.objects.filter(
            id_number=dossier.applicant_id_number, is_id_verified=True
        )
        .select_related("user")
        .first()
    )
    return citizen.user if citizen is not None else None


def dossier_fees_payment_paid(*, payment: Payment, now: datetime) -> bool:
    """Mark the dossier's fees paid by ``payment``, just confirmed by the gateway;
    the clock resumes (the handler of ``dossier-fees`` payments).

    Returns whether the payment counted: not when the dossier is gone, its fees
    were paid otherwise or changed since the payment started, or it is no longer
    waiting for them (the payment is then flagged for refund).
    """
    dossier = Dossier.objects.filter(code=_dossier_code_of(payment.purpose)).first()
    if dossier is None or fees_unpaid_total(dossier) != payment.amount_vnd:
        return False
    payer = _payer(dossier)
    if payer is None:
        return False
    try:
        dossier_pay_fees_online(
            dossier_code=dossier.code,
            account=payer,
            now=now,
            amount_vnd=payment.amount_vnd,
            payment_method=payment.gateway,
            receipt_number=payment.gateway_transaction or payment.reference,
        )
    except Conflict:
        return False  # not waiting for fees any more, or they changed meanwhile
    return True


def dossier_fees_pay_start(
    *, dossier: Dossier, return_url: str, now: datetime
) -> Payment:
    """Open a payment of every fee still unpaid on ``dossier``.

    Raises:
        Conflict: nothing is to be paid.
    """
    total = fees_unpaid_total(dossier)
    if not total:
        raise Conflict(_("No fee is waiting to be paid on this dossier."))
    return payment_create(
        purpose=fees_purpose(dossier),
        description=(_("Fees of dossier %(code)s") % {"code": dossier.code})[:300],
        amount_vnd=total,
        return_url=return_url,
        now=now,
    )


def dossier_fees_payment_return(
    *, dossier: Dossier, account: User, params: Mapping[str, str], now: datetime
) -> tuple[Payment, bool]:
    """Settle the gateway's answer; when paid, it is recorded on the dossier (by
    ``dossier_fees_payment_paid``, as for the gateway's notification).

    Returns the payment and whether the dossier's fees are now paid. Reloading
    the return page is harmless: the fees are recorded once.

    Raises:
        InvalidInput: a forged answer, or a payment of something else.
        NotFound: unknown payment.
        Conflict: the fees changed since the payment started (the payment is
            flagged for refund).
    """
    payment = payment_settle(reference=params.get("ref", ""), params=params, now=now)
    of_dossier = payment.purpose.startswith(f"{FEES_KIND}:")
    if not of_dossier or _dossier_code_of(payment.purpose) != dossier.code:
        raise InvalidInput(_("This payment belongs to another dossier."))
    if payment.status != PaymentStatus.PAID:
        return payment, False
    if payment.refund_due and fees_unpaid_total(dossier):
        raise Conflict(
            _(
                "The fees asked for changed while you paid: this payment will be "
                "refunded. Pay the new amount."
            )
        )
    return payment, True
