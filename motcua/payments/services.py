"""Writes of payments: create one, then settle it from the gateway's answer.

A payment is settled once. The gateway may send its answer more than once (the
payer reloads the return page, the bank also notifies us), so settling is
idempotent: the rows of its purpose are locked and a payment that is no longer
pending is returned as it is. The payer's return (``payment_settle``) and the
gateway's notification (``payment_settle_notification``) settle the same way, and
a payment that becomes paid is counted by its purpose's handler (``purposes``) in
the same transaction, or flagged for refund when nothing may count it.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Mapping
from datetime import datetime
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.errors import InvalidInput, NotFound
from motcua.payments.gateways import AmountMismatch, GatewayOutcome, gateway
from motcua.payments.models import Payment, PaymentStatus, RefundReason
from motcua.payments.purposes import paid_handler_of

logger = logging.getLogger(__name__)

# Field sizes of ``Payment``, checked before writing so the message is clear.
MAX_PURPOSE = 120
MAX_DESCRIPTION = 300
MAX_RETURN_URL = 500


def _return_url_is_safe(url: str) -> bool:
    """A path on this site ("/…", not "//host") or an absolute http(s) address."""
    if url.startswith("/"):
        return not url.startswith("//") and "\\" not in url
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _create_check(
    *, purpose: str, description: str, amount_vnd: int, return_url: str
) -> None:
    errors: dict[str, str] = {}
    if not purpose.strip() or len(purpose) > MAX_PURPOSE:
        errors["purpose"] = _("Give what is paid for in 1 to 120 characters.")
    if not description.strip() or len(description) > MAX_DESCRIPTION:
        errors["description"] = _("Describe the payment in 1 to 300 characters.")
    if amount_vnd <= 0:
        errors["amount_vnd"] = _("The amount must be more than 0 VND.")
    if len(return_url) > MAX_RETURN_URL or not _return_url_is_safe(return_url):
        errors["return_url"] = _(
            "The return address must be a path on this site or an http(s) address."
        )
    if errors:
        raise InvalidInput(_("The payment cannot be created."), field_errors=errors)


@transaction.atomic
def payment_create(
    *,
    purpose: str,
    description: str,
    amount_vnd: int,
    return_url: str,
    now: datetime,
) -> Payment:
    """Create a pending payment at the configured gateway.

    The caller then sends the payer to ``gateway().redirect_url(payment)``.

    Raises:
        InvalidInput: empty or too long texts, an amount of 0, an unsafe return
            address.
    """
    _create_check(
        purpose=purpose,
        description=description,
        amount_vnd=amount_vnd,
        return_url=return_url,
    )
    return Payment.objects.create(
        reference=secrets.token_urlsafe(18),
        purpose=purpose,
        description=description.strip(),
        amount_vnd=amount_vnd,
        gateway=gateway().name,
        return_url=return_url,
        created_at=now,
    )


def _lock(reference: str) -> Payment:
    """Lock every payment of ``reference``'s purpose, in id order, and return it.

    Two payments of one purpose settled at once must not both count: each waits
    for the other's lock, and the same order everywhere means no deadlock.

    Raises:
        NotFound: no payment has this reference.
    """
    # The purpose never changes, so it can be read before the lock.
    purpose = (
        Payment.objects.filter(reference=reference)
        .values_list("purpose", flat=True)
        .first()
    )
    if purpose is None:
        raise NotFound(_("This payment does not exist."))
    rows = Payment.objects.select_for_update().filter(purpose=purpose).order_by("id")
    return next(row for row in rows if row.reference == reference)


def _flag_refund(
    payment: Payment, *, reason: RefundReason, transaction_id: str, now: datetime
) -> None:
    payment.refund_due = True
    payment.refund_reason = reason
    payment.refund_transaction = transaction_id[:100]
    payment.refund_flagged_at = now
    payment.save(
        update_fields=[
            "refund_due",
            "refund_reason",
            "refund_transaction",
            "refund_flagged_at",
        ]
    )
    logger.error(
        "payment %s (%s, purpose %r, %s VND) is due for refund: %s (transaction %r)",
        payment.reference,
        payment.status,
        payment.purpose,
        payment.amount_vnd,
        reason.value,
        transaction_id,
    )


def _late_answer(payment: Payment, outcome: GatewayOutcome, now: datetime) -> None:
    """Record an answer that disagrees with a payment already settled.

    A "paid" after a failure or a cancel means money moved that no fee counts:
    the payment is flagged for refund (a person reconciles it with the gateway's
    statement). Any other disagreement is only logged.
    """
    if outcome.status == payment.status:
        return
    closed = payment.status in (PaymentStatus.FAILED, PaymentStatus.CANCELLED)
    if outcome.status == PaymentStatus.PAID and closed and not payment.refund_due:
        _flag_refund(
            payment,
            reason=RefundReason.PAID_AFTER_CLOSING,
            transaction_id=outcome.transaction_id,
            now=now,
        )
        return
    level = logging.ERROR if outcome.status == PaymentStatus.PAID else logging.WARNING
    logger.log(
        level,
        "payment %s is %s; ignored a later answer %s (transaction %r, reason %r)",
        payment.reference,
        payment.status,
        outcome.status,
        outcome.transaction_id,
        outcome.reason,
    )


def _count(payment: Payment, now: datetime) -> None:
    """Count ``payment``, just saved as paid, unless its purpose is paid already."""
    counted_before = (
        Payment.objects.filter(
            purpose=payment.purpose, status=PaymentStatus.PAID, refund_due=False
        )
        .exclude(pk=payment.pk)
        .exists()
    )
    if counted_before:
        reason = RefundReason.PAID_TWICE
    else:
        handler = paid_handler_of(payment.purpose)
        if handler is None or handler(payment=payment, now=now):
            return
        reason = RefundReason.NOT_COUNTED
    _flag_refund(
        payment, reason=reason, transaction_id=payment.gateway_transaction, now=now
    )


def _settle(
    *,
    reference: str,
    verify: Callable[[Payment], GatewayOutcome],
    now: datetime,
) -> Payment:
    """Settle ``reference`` from the answer ``verify`` checks, under the locks.

    The one way a payment is settled, whichever way the answer came.
    """
    payment = _lock(reference)
    current = gateway()
    if payment.gateway != current.name:
        raise InvalidInput(
            _("This payment was made at another payment gateway (%(name)s).")
            % {"name": payment.gateway}
        )
    outcome = verify(payment)
    if outcome.amount_vnd is not None and outcome.amount_vnd != payment.amount_vnd:
        raise AmountMismatch(
            _(
                "The payment gateway's answer is for another amount. Nothing was "
                "changed."
            )
        )
    if payment.status != PaymentStatus.PENDING:
        _late_answer(payment, outcome, now)
        return payment
    if outcome.status == PaymentStatus.PENDING:
        return payment
    payment.status = outcome.status
    payment.gateway_transaction = outcome.transaction_id[:100]
    payment.failure_reason = (
        "" if outcome.status == PaymentStatus.PAID else outcome.reason[:300]
    )
    payment.settled_at = now
    payment.save(
        update_fields=[
            "status",
            "gateway_transaction",
            "failure_reason",
            "settled_at",
        ]
    )
    if payment.status == PaymentStatus.PAID:
        _count(payment, now)
    return payment


@transaction.atomic
def payment_settle(
    *, reference: str, params: Mapping[str, str], now: datetime
) -> Payment:
    """Settle payment ``reference`` from the signed answer the payer brings back.

    Idempotent: a payment already settled is returned unchanged (a different
    later answer is logged and ignored, and a "paid" one flags it for refund).
    An answer of "still pending" changes nothing. Once paid, the payment is
    counted by its purpose's handler (``purposes``), or flagged for refund when
    its purpose was paid already.

    Raises:
        NotFound: no payment has this reference.
        BadSignature: the answer is not signed by the gateway or is about another
            payment.
        AmountMismatch: the answer names another amount.
        InvalidInput: the payment was made at another gateway.
    """
    current = gateway()
    return _settle(
        reference=reference,
        verify=lambda payment: current.verify_return(payment, params),
        now=now,
    )


@transaction.atomic
def payment_settle_notification(*, params: Mapping[str, str], now: datetime) -> Payment:
    """Settle a payment from the notification its gateway sent us directly.

    The same settlement as ``payment_settle`` (and as idempotent): a payment
    confirmed while the payer's browser is closed counts all the same, and a
    notification repeated, or arriving before or after the payer, changes
    nothing more. The signature is checked before anything is read.

    Raises:
        BadSignature: the notification is not signed by the gateway.
        NotFound: no payment has the notification's reference.
        AmountMismatch: the notification names another amount.
        InvalidInput: the payment was made at another gateway.
    """
    notification = gateway().verify_notification(params)
    return _settle(
        reference=notification.reference,
        verify=lambda payment: notification.outcome,
        now=now,
    )
