"""Citizen portal: send the papers a supplement request asked for, online.

Only the citizen who owns the dossier ("my dossiers") may; each file is checked
by content like any upload, the good ones are attached even when another is
refused, and the reception officer still checks them before the clock restarts.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.core.errors import Conflict, InvalidInput, NotFound
from motcua.documents.uploads import upload_check
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_send_supplement_online
from motcua.dossiers.services.applicant import (
    is_waiting_for_papers,
    supplement_items_asked,
    supplement_items_sent,
)
from motcua.portal.accounts import citizen_required
from motcua.portal.citizen import account_of, own_dossier


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
    account = account_of(request)
    dossier = own_dossier(request, code)
    if isinstance(dossier, HttpResponse):
        return dossier
    if request.method == "GET" or not is_waiting_for_papers(dossier):
        return _page(request, dossier)
    errors: dict[str, str] = {}
    stored: dict[int, str] = {}
    now = timezone.now()
    for pk in range(len(supplement_items_asked(dossier))):
        upload = request.FILES.get(f"paper-{pk}")
        if upload is None:
            continue
        try:
            checked = upload_check(upload)
        except InvalidInput as refused:
            errors[f"paper-{pk}"] = str(refused.message)
            continue
        name = f"dossiers/{now:%Y/%m}/{uuid.uuid4().hex}.{checked.extension}"
        stored[pk] = default_storage.save(name, upload)
    if stored:
        try:
            dossier_send_supplement_online(
                dossier_code=dossier.code,
                account=account,
                now=now,
                files=stored,
                note=request.POST.get("note", ""),
            )
        except (Conflict, InvalidInput, NotFound) as error:
            for name in stored.values():
                default_storage.delete(name)
            return _page(request, dossier, message=str(error.message), status=409)
    if errors or not stored:
        message = (
            _("Some files were not accepted; the others were sent.")
            if errors and stored
            else _("Attach at least one of the papers asked for.")
            if not errors
            else _("Check the files marked below.")
        )
        return _page(request, dossier, errors=errors, message=message, status=422)
    return redirect(f"{request.path}?da-gui=1")
