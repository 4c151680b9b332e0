"""Citizen portal: withdraw one's own dossier online, before the decision.

Decree 118/2025 Art. 21, Circular 03/2025 Art. 7: the applicant may withdraw a
dossier while no decision or result has been issued; the workflow table says when.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from motcua.core.errors import DomainError
from motcua.dossiers.public import withdrawable_online
from motcua.dossiers.services import dossier_withdraw_online
from motcua.portal.accounts import citizen_required
from motcua.portal.citizen import account_of, own_dossier


@require_http_methods(["GET", "POST"])
@citizen_required
def withdraw(request: HttpRequest, code: str) -> HttpResponse:
    """Ask for the reason and confirm (GET); withdraw (POST)."""
    dossier = own_dossier(request, code)
    if isinstance(dossier, HttpResponse):
        return dossier
    context = {
        "dossier": dossier,
        "allowed": withdrawable_online(dossier),
        "reason": request.POST.get("reason", ""),
        "error": "",
    }
    if request.method == "GET" or not context["allowed"]:
        return render(request, "portal/withdraw.html", context)
    try:
        dossier_withdraw_online(
            dossier_code=dossier.code,
            account=account_of(request),
            now=timezone.now(),
            reason=str(context["reason"]),
        )
    except DomainError as error:
        context["error"] = str(error.message)
        return render(
            request, "portal/withdraw.html", context, status=error.status_code
        )
    url = reverse("portal:tracking_detail", args=[dossier.code])
    return redirect(f"{url}?da-rut=1")
