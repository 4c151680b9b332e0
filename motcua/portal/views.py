"""Citizen portal: track a dossier by its code (typed, or from the slip's QR code).

Each view parses input, makes the one domain call and maps domain errors to a page.
Pages need no JavaScript. Personal data appears only with a matching second factor
(SPEC §3) and such pages are never cached.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from motcua.accounts.models import User
from motcua.core.errors import InvalidInput, NotFound
from motcua.dossiers.public import (
    dossier_public_get,
)
from motcua.notices.selectors import notices_for_dossier
from motcua.portal.forms import TrackingForm
from motcua.portal.limits import public_limit
from motcua.portal.ratings import rating_context


def _detail_url(code: str, check: str) -> str:
    url = reverse("portal:tracking_detail", kwargs={"code": code})
    return f"{url}?{urlencode({'check': check})}" if check else url


@require_GET
def tracking_form(request: HttpRequest) -> HttpResponse:
    """The form: type the code (and optionally the 4 digits), then see the dossier."""
    form = TrackingForm(request.GET if "code" in request.GET else None)
    if form.is_valid():
        code = form.cleaned_data["code"].strip().upper()
        return redirect(_detail_url(code, form.cleaned_data["check"]))
    return render(request, "portal/tracking_form.html", {"form": form})


@require_GET
def tracking_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The public page of dossier ``code``; ``?check=NNNN`` adds the personal data,
    as does being logged in as the citizen the dossier belongs to."""
    check = request.GET.get("check", "").strip() or None
    now = timezone.now()
    client_key, refused = public_limit(request, now)
    if refused is not None:
        return refused
    # The citizen account the dossier belongs to sees the personal part without
    # the check digits (the access is logged as a personal data access).
    owner = request.user if isinstance(request.user, User) else None
    try:
        dossier = dossier_public_get(
            code=code, check=check, now=now, client_key=client_key, owner=owner
        )
    except (NotFound, InvalidInput) as error:
        form = TrackingForm(initial={"code": code})
        context = {"form": form, "error": error.message}
        status = 404 if isinstance(error, NotFound) else 400
        return render(request, "portal/tracking_form.html", context, status=status)
    page = {
        "dossier": dossier,
        "dossier_notices": notices_for_dossier(
            dossier_code=dossier.code,
            now=now,
            procedure_code=dossier.procedure_code,
            service_point_code=dossier.service_point_code,
        ),
        **rating_context(dossier, check),
    }
    response = render(request, "portal/tracking_detail.html", page)
    add_never_cache_headers(response)
    return response
