"""Lists of dossiers: the worklists, the leader's overview and search."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from motcua.agencies.access import agencies_overseen_by
from motcua.agencies.models import Agency
from motcua.backoffice.access import staff_required
from motcua.backoffice.errors import http_error
from motcua.backoffice.views.dossier import staff_user
from motcua.calendars.timeliness import OpenState
from motcua.core.errors import InvalidInput, NotFound, PermissionDenied
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.selectors import (
    ORDERS,
    WorklistKind,
    agency_overview,
    dossier_search,
    dossier_worklist,
)
from motcua.dossiers.workflow import OVERSEER_ROLES

PAGE_SIZE = 25
ORDER_LABELS = {
    "deadline": gettext_lazy("time left, least first"),
    "-deadline": gettext_lazy("time left, most first"),
    "received": gettext_lazy("received, oldest first"),
    "-received": gettext_lazy("received, newest first"),
    "code": gettext_lazy("code"),
}


def _template(request: HttpRequest, page: str) -> str:
    """The table alone for htmx (sorting, paging), else the whole page."""
    partial = bool(getattr(request, "htmx", False))
    return f"backoffice/_{page}_rows.html" if partial else f"backoffice/{page}.html"


@staff_required
@require_GET
def worklist(request: HttpRequest, kind: str) -> HttpResponse:
    user = staff_user(request)
    order = request.GET.get("order", "deadline")
    query = request.GET.get("q", "").strip()[:100]
    if kind not in WorklistKind.values:
        raise Http404(_("Unknown worklist."))
    try:
        dossiers = dossier_worklist(
            user=user, kind=kind, now=timezone.now(), order=order, query=query
        )
    except InvalidInput:
        order = "deadline"
        dossiers = dossier_worklist(user=user, kind=kind, now=timezone.now())
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "kind": WorklistKind(kind),
        "page": page,
        "order": order,
        "orders": [(key, ORDER_LABELS.get(key, key)) for key in ORDERS],
        "query": query,
        "base_query": urlencode({"order": order, "q": query}) + "&",
    }
    return render(request, _template(request, "worklist"), context)


def _overview_agency(request: HttpRequest) -> Agency | None:
    """The agency chosen (checked by the selector), or None: every one overseen."""
    code = request.GET.get("agency", "").strip()[:60]
    if not code:
        return None
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise Http404(
            _("No agency has the electronic identifier %(code)s.") % {"code": code}
        )
    return agency


@staff_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    agency = _overview_agency(request)
    try:
        view = agency_overview(user=user, agency=agency, now=timezone.now())
    except (NotFound, PermissionDenied) as error:
        raise http_error(error) from error
    context = {
        "overview": view,
        "agencies": agencies_overseen_by(user, OVERSEER_ROLES),
        "statuses": [(DossierStatus(s), n) for s, n in view.by_status.items()],
        "states": [(OpenState(s), n) for s, n in view.open_by_state.items()],
    }
    return render(request, "backoffice/overview.html", context)


@staff_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    query = request.GET.get("q", "").strip()[:100]
    found = dossier_search(user=user, query=query, now=timezone.now())
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": query,
        "base_query": urlencode({"q": query}) + "&",
    }
    return render(request, _template(request, "search"), context)
