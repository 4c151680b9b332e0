"""The DEMO bank page: the payer chooses to pay, fail or cancel; no money moves.

It plays the part of a real gateway's page, so it settles nothing itself: it sends
the payer back to the payment's ``return_url`` with a signed answer, and the
caller settles the payment from there with ``payment_settle`` as it would for a
real gateway. No JavaScript; works with the keyboard and at 320 px.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from motcua.core.errors import NotFound
from motcua.payments.gateways import DEMO_RESULTS, DemoGateway
from motcua.payments.models import Payment, PaymentStatus
from motcua.payments.selectors import payment_get

DEMO = DemoGateway()


def _page(
    request: HttpRequest, payment: Payment, *, error: str = "", status: int = 200
) -> HttpResponse:
    if payment.status != PaymentStatus.PENDING:
        # Offer the way back with the answer already given, so a payer who lost
        # the first redirect can still finish; settling again changes nothing.
        back = DEMO.return_url(
            payment,
            result=payment.status,
            transaction_id=payment.gateway_transaction,
        )
        context = {"payment": payment, "back": back}
        return render(request, "payments/demo_settled.html", context, status=status)
    context = {"payment": payment, "error": error}
    return render(request, "payments/demo_page.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def demo_page(request: HttpRequest, reference: str) -> HttpResponse:
    """Show the demo bank page (GET); send the payer back with an answer (POST)."""
    try:
        payment = payment_get(reference)
        if payment.gateway != DEMO.name:
            raise NotFound(_("This payment does not exist."))
    except NotFound as error:
        context = {"message": error.message}
        return render(request, "payments/demo_not_found.html", context, status=404)
    if request.method == "GET":
        return _page(request, payment)
    if payment.status != PaymentStatus.PENDING:
        return _page(request, payment, status=409)
    result = request.POST.get("result", "")
    if result not in DEMO_RESULTS:
        return _page(
            request, payment, error=_("Choose one of the buttons."), status=400
        )
    return HttpResponseRedirect(DEMO.return_url(payment, result=result))
