"""Citizen portal: pay online the fees asked for during processing."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.core.errors import Conflict, InvalidInput, NotFound
from motcua.dossiers.models import Dossier
from motcua.payments.gateways import gateway
from motcua.portal.accounts import citizen_required
from motcua.portal.citizen import account_of, own_dossier
from motcua.submissions.fees import dossier_fees_pay_start, dossier_fees_payment_return


def _page(
    request: HttpRequest, dossier: Dossier, *, message: str = "", status: int = 200
) -> HttpResponse:
    fees = dossier.fees.order_by("requested_at", "id")
    context: dict[str, Any] = {
        "dossier": dossier,
        "unpaid": [fee for fee in fees if fee.paid_at is None],
        "paid": [fee for fee in fees if fee.paid_at is not None],
        "total": sum(fee.amount_vnd for fee in fees if fee.paid_at is None),
        "message": message,
        "done": request.GET.get("da-nop") == "1",
    }
    return render(request, "portal/fees_pay.html", context, status=status)


@require_http_methods(["GET", "POST"])
@citizen_required
def fees_pay(request: HttpRequest, code: str) -> HttpResponseBase:
    """The fees still to pay; POST sends the payer to the payment gateway."""
    dossier = own_dossier(request, code)
    if isinstance(dossier, HttpResponse):
        return dossier
    if request.method == "GET":
        return _page(request, dossier)
    back = request.build_absolute_uri(
        reverse("portal:fees_paid", kwargs={"code": dossier.code})
    )
    try:
        payment = dossier_fees_pay_start(
            dossier=dossier, return_url=back, now=timezone.now()
        )
    except (Conflict, InvalidInput) as error:
        return _page(request, dossier, message=str(error.message), status=409)
    return redirect(gateway().redirect_url(payment))


@require_GET
@citizen_required
def fees_paid(request: HttpRequest, code: str) -> HttpResponseBase:
    """Where the payment gateway sends the payer back."""
    dossier = own_dossier(request, code)
    if isinstance(dossier, HttpResponse):
        return dossier
    params = {key: str(value) for key, value in request.GET.items()}
    try:
        payment, paid = dossier_fees_payment_return(
            dossier=dossier,
            account=account_of(request),
            params=params,
            now=timezone.now(),
        )
    except (Conflict, InvalidInput, NotFound) as error:
        return _page(request, dossier, message=str(error.message), status=400)
    if not paid:
        message = _(
            "The payment did not go through (%(status)s). Nothing was charged; "
            "you may pay again."
        ) % {"status": payment.get_status_display()}
        return _page(request, dossier, message=message)
    return redirect(
        reverse("portal:fees_pay", kwargs={"code": dossier.code}) + "?da-nop=1"
    )
