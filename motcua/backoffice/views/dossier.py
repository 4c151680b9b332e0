"""The dossier page: summary, papers, history, time, actions and printed forms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from motcua.accounts.models import User
from motcua.backoffice.access import staff_required
from motcua.backoffice.action_forms import ACTION_FORMS, ActionForm
from motcua.backoffice.errors import form_errors_add, http_error
from motcua.core.counters import local_date
from motcua.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from motcua.core.numbers import request_int
from motcua.dossiers import printing
from motcua.dossiers.access import (
    dossier_get_for_user,
    dossier_paper_for_user,
    personal_data_visible,
)
from motcua.dossiers.messages import tracking_url
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import (
    dossier_actions_for,
    dossier_events,
    dossier_step_times,
    dossier_time_left,
    supplement_close_due_at,
)
from motcua.dossiers.services import STAFF_SERVICES
from motcua.dossiers.workflow import DossierAction
from motcua.files.serving import harden, stored_file_response
from motcua.printed_forms.rendering import form_pdf, qr_data_uri
from motcua.queueing.policies import DayEffects, day_effects

FORM_TITLES = {
    "01": gettext_lazy("Receipt (form 01)"),
    "02": gettext_lazy("Supplement request (form 02)"),
    "03": gettext_lazy("Refusal (form 03)"),
    "04": gettext_lazy("Apology (form 04)"),
    "05": gettext_lazy("Stop notice (form 05)"),
    "06": gettext_lazy("Control sheet (form 06)"),
    "TK": gettext_lazy("Request prefilled for signing"),
}


def staff_user(request: HttpRequest) -> User:
    """Return the logged-in user (the views are behind ``login_required``)."""
    assert isinstance(request.user, User)  # noqa: S101 - login_required
    return request.user


def _load(user: User, code: str, purpose: str) -> Dossier:
    try:
        return dossier_get_for_user(
            user=user, code=code, purpose=purpose, now=timezone.now()
        )
    except NotFound as error:
        raise http_error(error) from error


def _day_effects(dossier: Dossier) -> DayEffects:
    """The day policies of the hall and day the dossier was received."""
    if dossier.received_at is None or dossier.service_point_id is None:
        return DayEffects()
    return day_effects(
        service_point_id=dossier.service_point_id, day=local_date(dossier.received_at)
    )


def _paperless_receipt(dossier: Dossier) -> str:
    """On a day its hall sends receipts without paper, the QR (data URI) the
    counter's screen shows in place of form 01; otherwise empty."""
    if not _day_effects(dossier).no_paper_receipt:
        return ""
    return qr_data_uri(tracking_url(dossier))


def _page(
    request: HttpRequest,
    user: User,
    dossier: Dossier,
    *,
    failed: ActionForm | None = None,
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    events = list(dossier_events(dossier))
    actions = dossier_actions_for(dossier=dossier, user=user)
    action_forms = [
        (
            DossierAction(action),
            failed
            if failed is not None and failed.prefix == action
            else ACTION_FORMS[action](dossier=dossier, action=action),
        )
        for action in actions
        if action in ACTION_FORMS
    ]
    context: dict[str, Any] = {
        "dossier": dossier,
        "events": events,
        "step_times": dossier_step_times(dossier=dossier, now=now),
        "time_left": dossier_time_left(dossier=dossier, now=now),
        "action_forms": action_forms,
        "papers": dossier.papers.order_by("position", "id"),
        "fees": dossier.fees.order_by("requested_at", "id"),
        "legs": dossier.agency_requests.select_related("to_agency").order_by(
            "position", "id"
        ),
        "printable": [
            (n, FORM_TITLES[n]) for n in printing.forms_that_apply(dossier, events)
        ],
        "personal": personal_data_visible(user, dossier),
        "notice": notice,
        "just_received": request.GET.get("received") == "1",
        "paperless": _paperless_receipt(dossier),
        "prefilled": _day_effects(dossier).prefilled_declaration,
        "just_asked": request.GET.get("asked") == "1",
        "supplement_closes_at": supplement_close_due_at(dossier),
        "just_refused": request.GET.get("refused") == "1",
    }
    return render(request, "backoffice/dossier.html", context, status=status)


@staff_required
@require_GET
def dossier_detail(request: HttpRequest, code: str) -> HttpResponse:
    user = staff_user(request)
    return _page(request, user, _load(user, code, "view"))


def _version(request: HttpRequest) -> int | None:
    value = request.POST.get("expected_version", "")
    return request_int(value)


@staff_required
@require_POST
def dossier_act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    user = staff_user(request)
    dossier = _load(user, code, f"act: {action}"[:100])
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404(_("Unknown action."))
    form = form_class(request.POST, dossier=dossier, action=action)
    if not form.is_valid():
        return _page(request, user, dossier, failed=form, status=400)
    try:
        STAFF_SERVICES[action](
            dossier_code=dossier.code,
            actor=user,
            now=timezone.now(),
            expected_version=_version(request),
            **form.service_kwargs(),
        )
    except (Conflict, PermissionDenied) as error:
        fresh = _load(user, code, "view")
        return _page(
            request, user, fresh, notice=str(error.message), status=error.status_code
        )
    except NotFound as error:
        raise http_error(error) from error
    except DomainError as error:
        form_errors_add(form, error)
        return _page(request, user, dossier, failed=form, status=400)
    messages.success(request, _("Done: %(action)s.") % {"action": form_label(action)})
    return redirect("backoffice:dossier", code=dossier.code)


def form_label(action: str) -> str:
    return str(DossierAction(action).label)


@staff_required
@require_GET
def dossier_form_pdf(request: HttpRequest, code: str, number: str) -> HttpResponse:
    try:
        data = printing.dossier_form_data_for_user(
            user=staff_user(request), code=code, number=number, now=timezone.now()
        )
    except NotFound as error:
        raise http_error(error) from error
    response = HttpResponse(form_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{code.strip()}-{number}.pdf"'
    return harden(response)


@staff_required
@require_GET
def dossier_paper_file(request: HttpRequest, code: str, position: int) -> FileResponse:
    """Open an uploaded paper of a dossier (logged as a personal-data access)."""
    user = staff_user(request)
    try:
        paper = dossier_paper_for_user(
            user=user, code=code, position=position, now=timezone.now()
        )
    except (NotFound, PermissionDenied) as error:
        raise http_error(error) from error
    filename = f"{code}-{position}{Path(paper.file.name).suffix}"
    return stored_file_response(paper.file, filename=filename)
