"""Citizen portal: send the papers a supplement request asked for, online.

Only the citizen who owns the dossier ("my dossiers") may; the reception officer
still checks the papers before the clock restarts.
"""

from __future__ import annotations

from typing import Any

from django.core.files import File
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from motcua.core.errors import Conflict, InvalidInput, NotFound
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import (
    is_waiting_for_papers,
    supplement_items_asked,
    supplement_items_sent,
)
from motcua.portal.accounts import citizen_required
from motcua.portal.citizen import account_of, own_dossier
from motcua.submissions.supplements import supplement_send_online


def _page(
    request: HttpRequest,
    dossier: Dossier,
    *,
    errors: dict[str, str] | None = None,
    message: str = "",
    status: int = 200,
) -> HttpResponse:
    errors = errors or {}
    sent = supplement_items_sent(dossier)
    papers = [
        {
            "id": index,
            "name": name,
            "sent": name in sent,
            "error": errors.get(f"paper-{index}", ""),
        }
        for index, name in enumerate(supplement_items_asked(dossier))
    ]
    context: dict[str, Any] = {
        "dossier": dossier,
        "papers": papers,
        "waiting": is_waiting_for_papers(dossier),
        "message": message,
        "errors": errors,
        "sent": request.GET.get("da-gui") == "1",
    }
    return render(request, "portal/supplement_send.html", context, status=status)


@require_http_methods(["GET", "POST"])
@citizen_required
def supplement_send(request: HttpRequest, code: str) -> HttpResponse:
    """The papers still missing, each with a file input; POST sends them."""
    dossier = own_dossier(request, code)
    if isinstance(dossier, HttpResponse):
        return dossier
    if request.method == "GET" or not is_waiting_for_papers(dossier):
        return _page(request, dossier)
    asked = range(len(supplement_items_asked(dossier)))
    uploads: dict[int, File[Any]] = {}
    for index in asked:
        upload = request.FILES.get(f"paper-{index}")
        if upload is not None:
            uploads[index] = upload
    try:
        supplement_send_online(
            dossier=dossier,
            account=account_of(request),
            uploads=uploads,
            now=timezone.now(),
            note=request.POST.get("note", ""),
        )
    except InvalidInput as error:
        errors = {key: str(value) for key, value in error.field_errors.items()}
        return _page(
            request, dossier, errors=errors, message=str(error.message), status=422
        )
    except (Conflict, NotFound) as error:
        return _page(request, dossier, message=str(error.message), status=409)
    return redirect(f"{request.path}?da-gui=1")
