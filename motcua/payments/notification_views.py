"""The endpoint the payment gateway calls server to server with a payment's result.

Like VNPay's IPN or a bank's callback: the gateway sends its signed answer
directly, so a payment confirmed while the payer's browser is closed still counts.
It is settled by the same service as the payer's return (``payments.services``).

No CSRF token (the caller is the gateway, not a browser) and no session: the
signature is the only credential. Parameters come in the query (GET, as VNPay
sends them), a form or a JSON object (POST).

Every answer is HTTP 200 with a JSON body in VNPay's convention, which gateways
read instead of the status (a gateway retries until it reads ``00``):

====  =================  =====================================================
code  message            when
====  =================  =====================================================
00    Confirm Success    settled now, or already (a repeat changes nothing)
01    Order not found    no payment has the signed reference; nothing changed
04    Invalid amount     the gateway names another amount; nothing changed
97    Invalid signature  unsigned, forged or altered; nothing changed
99    Unknown error      any other refusal (a payment made at another gateway,
                         what it paid for refused it); nothing changed
====  =================  =====================================================

The messages are for the gateway's machines and logs, so they are never
translated.
"""

from __future__ import annotations

import json
import logging

from django.http import HttpRequest, JsonResponse, QueryDict
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from motcua.core.errors import DomainError, NotFound
from motcua.payments.gateways import AmountMismatch, BadSignature
from motcua.payments.services import payment_settle_notification

logger = logging.getLogger(__name__)

CONFIRMED = ("00", "Confirm Success")
NOT_FOUND = ("01", "Order not found")
INVALID_AMOUNT = ("04", "Invalid amount")
INVALID_SIGNATURE = ("97", "Invalid signature")
UNKNOWN_ERROR = ("99", "Unknown error")


def _params(request: HttpRequest) -> dict[str, str]:
    """The notification's parameters, whichever way the gateway sent them."""
    source: QueryDict | dict[str, object]
    if request.method == "GET":
        source = request.GET
    elif request.content_type == "application/json":
        try:
            body = json.loads(request.body)
        except ValueError:
            return {}
        if not isinstance(body, dict):
            return {}
        source = {k: v for k, v in body.items() if isinstance(v, str | int)}
    else:
        source = request.POST
    return {str(key): str(value) for key, value in source.items()}


def _answer(code_message: tuple[str, str]) -> JsonResponse:
    code, message = code_message
    return JsonResponse({"RspCode": code, "Message": message})


def _refusal(error: DomainError) -> tuple[str, str]:
    if isinstance(error, BadSignature):
        return INVALID_SIGNATURE
    if isinstance(error, NotFound):
        return NOT_FOUND
    if isinstance(error, AmountMismatch):
        return INVALID_AMOUNT
    return UNKNOWN_ERROR


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def notification(request: HttpRequest) -> JsonResponse:
    """Settle the payment the gateway's signed notification is about."""
    params = _params(request)
    try:
        payment_settle_notification(params=params, now=timezone.now())
    except DomainError as error:
        answer = _refusal(error)
        logger.warning(
            "payment notification refused (%s %s): %s",
            answer[0],
            answer[1],
            error.message,
        )
        return _answer(answer)
    return _answer(CONFIRMED)
