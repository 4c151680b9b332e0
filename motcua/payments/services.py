"""Writes of payments: create one, then settle it from the gateway's answer.

A payment is settled once. The gateway may send its answer more than once (the
payer reloads the return page, the bank also notifies us), so settling is
idempotent: the row is locked and a payment that is no longer pending is returned
as it is.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from datetime import datetime
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.errors import InvalidInput, NotFound
from motcua.payments.gateways import GatewayOutcome, gateway
from motcua.payments.models import Payment, PaymentStatus

logger = logging.getLogger(__name__)

# Field sizes of ``Payment``, checked before writing so the message is clear.
MAX_PURPOSE = 80
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
        errors["purpose"] = _("Give what is paid for in 1 to 80 characters.")
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


def _ignore_late_answer(payment: Payment, outcome: GatewayOutcome) -> None:
    """Log an answer that disagrees with a payment already settled."""
    if outcome.status == payment.status:
        return
    # A "paid" after a failure or a cancel may mean money moved: a person must
    # reconcile it with the gateway's statement.
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


@transaction.atomic
def payment_settle(
    *, reference: str, params: Mapping[str, str], now: datetime
) -> Payment:
    """Settle payment ``reference`` from the gateway's signed answer ``params``.

    Idempotent: a payment already settled is returned unchanged (a different
    later answer is logged and ignored). An answer of "still pending" changes
    nothing.

    Raises:
        NotFound: no payment has this reference.
        InvalidInput: the answer is not signed by the gateway, is about another
            payment, or the payment was made at another gateway.
    """
    payment = Payment.objects.select_for_update().filter(reference=reference).first()
    if payment is None:
        raise NotFound(_("This payment does not exist."))
    current = gateway()
    if payment.gateway != current.name:
        raise InvalidInput(
            _("This payment was made at another payment gateway (%(name)s).")
            % {"name": payment.gateway}
        )
    outcome = current.verify_return(payment, params)
    if payment.status != PaymentStatus.PENDING:
        _ignore_late_answer(payment, outcome)
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
    return payment
