"""A citizen's rights over their personal data (Decree 13/2023/NĐ-CP Art. 9):
see who looked at it, download it, and erase the account.

Each view makes one domain call (``motcua.privacy``) and is never cached.
"""

from __future__ import annotations

import json

from django.contrib.auth import logout
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from motcua.core.errors import DomainError
from motcua.portal.account_forms import EraseForm
from motcua.portal.accounts import citizen_required
from motcua.portal.citizen import account_of
from motcua.privacy.selectors import data_views_of, personal_data_of
from motcua.privacy.services import account_erase

VIEWS_PAGE_SIZE = 50


@require_GET
@citizen_required
def my_data(request: HttpRequest) -> HttpResponse:
    """Who looked at my personal data, newest first; download and erase."""
    views = data_views_of(account_of(request))
    page = Paginator(views, VIEWS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/account_data.html", {"page": page})


@require_GET
@citizen_required
def my_data_download(request: HttpRequest) -> HttpResponse:
    """Everything held about me, as one JSON file."""
    now = timezone.now()
    data = personal_data_of(account_of(request), now=now)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"du-lieu-ca-nhan-{timezone.localdate(now):%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
@citizen_required
def my_account_erase(request: HttpRequest) -> HttpResponse:
    """Erase my account (POST, with my ID number typed to confirm)."""
    form = EraseForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound and form.is_valid():
        try:
            erased = account_erase(
                account=account_of(request),
                id_number=form.cleaned_data["id_number"],
                now=timezone.now(),
            )
        except DomainError as error:
            for field, message in error.field_errors.items():
                form.add_error(field if field in form.fields else None, str(message))
            if not error.field_errors:
                form.add_error(None, str(error.message))
            status = error.status_code
        else:
            logout(request)
            context = {"kept": erased.kept_dossiers}
            return render(request, "portal/account_erased.html", context)
    elif form.is_bound:
        status = 422
    return render(request, "portal/account_erase.html", {"form": form}, status=status)
