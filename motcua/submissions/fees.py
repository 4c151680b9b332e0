"""Paying online the fees an agency asked for during processing (status 6).

The same payment gateway as for filing; the dossier's fees are marked paid and
the clock resumes only when the gateway confirms the payment.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.errors import Conflict, InvalidInput
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_pay_fees_online
from motcua.dossiers.services.supplements import fees_unpaid_total
from motcua.payments.models import Payment, PaymentStatus
from motcua.payments.services import payment_create, payment_settle


def fees_purpose(dossier: Dossier) -> str:
    return f"dossier-fees:{dossier.code}"


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
    """Settle the gateway's answer; when paid, record it on the dossier.

    Returns the payment and whether the dossier's fees are now paid. Reloading
    the return page is harmless: the fees are recorded once.

    Raises:
        InvalidInput: a forged answer, or a payment of something else.
        NotFound: unknown payment.
        Conflict: the fees changed since the payment started.
    """
    payment = payment_settle(reference=params.get("ref", ""), params=params, now=now)
    if payment.purpose != fees_purpose(dossier):
        raise InvalidInput(_("This payment belongs to another dossier."))
    if payment.status != PaymentStatus.PAID:
        return payment, False
    if not fees_unpaid_total(dossier):
        return payment, True  # recorded already (a reload of the return page)
    dossier_pay_fees_online(
        dossier_code=dossier.code,
        account=account,
        now=now,
        amount_vnd=payment.amount_vnd,
        payment_method=payment.gateway,
        receipt_number=payment.gateway_transaction or payment.reference,
    )
    return payment, True
