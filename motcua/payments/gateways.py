"""Payment gateways: where the payer is sent to pay, and how the answer is checked.

A deployment plugs its contracted gateway in with ``MOTCUA_PAYMENT_GATEWAY`` (the
dotted path of a class with the ``PaymentGateway`` shape). The default is the DEMO
gateway: a page of this site that plays the bank, moves no money and signs its
answer with a key derived from ``SECRET_KEY``, so the whole flow works without a
contract (SPEC §7: every outside service has a demo implementation).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from motcua.core.errors import InvalidInput
from motcua.payments.models import Payment, PaymentStatus

DEFAULT_GATEWAY = "motcua.payments.gateways.DemoGateway"


@dataclass(frozen=True)
class GatewayOutcome:
    """What the gateway says happened to a payment."""

    status: PaymentStatus
    transaction_id: str = ""
    reason: str = ""
    # What the gateway says it took, when its answer says (checked on settling).
    amount_vnd: int | None = None


@dataclass(frozen=True)
class GatewayNotification:
    """A gateway's server-to-server notice: which payment, and what happened."""

    reference: str
    outcome: GatewayOutcome


class BadSignature(InvalidInput):
    """The gateway did not sign this answer (forged, altered or truncated)."""


class AmountMismatch(InvalidInput):
    """The gateway's answer names another amount than the payment's."""


class PaymentGateway(Protocol):
    name: str

    def redirect_url(self, payment: Payment) -> str:
        """Return where to send the payer to pay ``payment``."""

    def verify_return(
        self, payment: Payment, params: Mapping[str, str]
    ) -> GatewayOutcome:
        """Check the gateway's signed return parameters and say what happened.

        Raises:
            BadSignature: the parameters are not signed by the gateway or are
                not about ``payment``.
        """

    def verify_notification(self, params: Mapping[str, str]) -> GatewayNotification:
        """Check a notification the gateway sent us directly and say what happened.

        The gateway calls this site server to server (VNPay's IPN, a bank's
        callback), so a payment confirmed while the payer's browser is closed
        still counts.

        Raises:
            BadSignature: the parameters are not signed by the gateway.
        """


def bad_signature() -> BadSignature:
    """The error for a return that the gateway did not sign (forged or altered)."""
    return BadSignature(
        _(
            "The answer from the payment gateway could not be verified. Nothing "
            "was changed; start the payment again."
        )
    )


# The demo bank's answers, as sent in ``result``.
DEMO_RESULTS = {
    "paid": PaymentStatus.PAID,
    "failed": PaymentStatus.FAILED,
    "cancelled": PaymentStatus.CANCELLED,
}
DEMO_REASONS = {
    "failed": "demo: simulated failure",
    "cancelled": "demo: cancelled by the payer",
}
_DEMO_SALT = "motcua.payments.DemoGateway"


def with_query(url: str, params: Mapping[str, str]) -> str:
    """Return ``url`` with ``params`` added to (or replacing those in) its query."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in params]
    query.extend(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


class DemoGateway:
    """DEMO: a bank page on this site; no money moves (see ``demo_views``)."""

    name = "demo"

    def redirect_url(self, payment: Payment) -> str:
        return reverse("payments:demo_page", kwargs={"reference": payment.reference})

    def signature(self, *, reference: str, result: str, transaction_id: str) -> str:
        """Return the HMAC-SHA256 of an answer, keyed from ``SECRET_KEY``."""
        # JSON keeps the three values apart whatever characters they hold.
        message = json.dumps([reference, result, transaction_id])
        return salted_hmac(_DEMO_SALT, message, algorithm="sha256").hexdigest()

    def return_params(
        self, payment: Payment, *, result: str, transaction_id: str = ""
    ) -> dict[str, str]:
        """Return the signed answer the demo bank sends back for ``payment``."""
        txn = transaction_id or f"DEMO-{secrets.token_hex(6).upper()}"
        sig = self.signature(
            reference=payment.reference, result=result, transaction_id=txn
        )
        return {"ref": payment.reference, "result": result, "txn": txn, "sig": sig}

    def return_url(
        self, payment: Payment, *, result: str, transaction_id: str = ""
    ) -> str:
        """Return the payer's way back: ``return_url`` with the signed answer."""
        params = self.return_params(
            payment, result=result, transaction_id=transaction_id
        )
        return with_query(payment.return_url, params)

    def notification_params(
        self, payment: Payment, *, result: str, transaction_id: str = ""
    ) -> dict[str, str]:
        """Return what the demo bank would send to the notification endpoint:
        the same signed answer as the payer's way back (as VNPay signs both)."""
        return self.return_params(payment, result=result, transaction_id=transaction_id)

    def _verified(self, params: Mapping[str, str]) -> GatewayNotification:
        reference = params.get("ref", "")
        result = params.get("result", "")
        txn = params.get("txn", "")
        expected = self.signature(
            reference=reference, result=result, transaction_id=txn
        )
        if not constant_time_compare(expected, params.get("sig", "")):
            raise bad_signature()
        if not reference or result not in DEMO_RESULTS:
            raise bad_signature()
        outcome = GatewayOutcome(
            status=DEMO_RESULTS[result],
            transaction_id=txn,
            reason=DEMO_REASONS.get(result, ""),
        )
        return GatewayNotification(reference=reference, outcome=outcome)

    def verify_return(
        self, payment: Payment, params: Mapping[str, str]
    ) -> GatewayOutcome:
        notification = self._verified(params)
        if notification.reference != payment.reference:
            raise bad_signature()
        return notification.outcome

    def verify_notification(self, params: Mapping[str, str]) -> GatewayNotification:
        return self._verified(params)


@cache
def _gateway(path: str) -> PaymentGateway:
    instance: PaymentGateway = import_string(path)()
    return instance


def gateway() -> PaymentGateway:
    """Return the configured gateway (``settings.MOTCUA_PAYMENT_GATEWAY``)."""
    return _gateway(settings.MOTCUA_PAYMENT_GATEWAY)
