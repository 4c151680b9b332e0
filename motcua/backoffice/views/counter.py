"""The counter screen: receive a complete dossier in under a minute.

The page posts once (``dossier_create_at_counter``); htmx fills the parts that
depend on what was typed: the procedure list, the case and checklist, the
applicant from the population data, and the deadline preview.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from motcua.accounts.models import User
from motcua.agencies.access import reception_points_of
from motcua.agencies.models import ServicePoint
from motcua.backoffice.access import staff_required
from motcua.backoffice.counter_forms import CounterForm
from motcua.backoffice.errors import form_errors_add
from motcua.core.errors import DomainError, InvalidInput
from motcua.core.numbers import request_int
from motcua.dossiers.intake import CounterTerms, counter_terms
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import (
    dossier_create_at_counter,
    dossier_decide_at_counter,
    dossier_refuse_at_counter,
    dossier_request_papers_at_counter,
    dossier_return_result,
)
from motcua.population.adapters import citizen_lookup
from motcua.procedures.models import Procedure
from motcua.procedures.selectors import procedure_search
from motcua.queueing.policies import day_effects
from motcua.queueing.services import ticket_applicant_prefill, ticket_dossier_link

# What each counter button did, and the dossier page's flag to offer its form.
OUTCOMES = {
    "receive": (gettext_lazy("Dossier %(code)s received."), "received"),
    "papers": (
        gettext_lazy("Dossier %(code)s waits for papers: hand over form 02."),
        "asked",
    ),
    "refuse": (gettext_lazy("Dossier %(code)s refused: hand over form 03."), "refused"),
    "no_wait": (
        gettext_lazy(
            "Dossier %(code)s received, decided and its result returned at the"
            " counter (no-wait procedure)."
        ),
        "returned",
    ),
}


def _officer(request: HttpRequest) -> tuple[User, QuerySet[ServicePoint]]:
    """Return the user and their reception points; 403 for anyone else."""
    user = request.user
    points = reception_points_of(user) if isinstance(user, User) else None
    if points is None or not points.exists():
        raise HttpForbidden(_("Only reception officers use the counter screen."))
    assert isinstance(user, User)  # noqa: S101 - checked above
    return user, points


def _point(points: QuerySet[ServicePoint], value: object) -> ServicePoint:
    number = request_int(value)
    chosen = points.filter(pk=number).first() if number is not None else None
    first = points.first()
    assert first is not None  # noqa: S101 - _officer checked there is one
    return chosen or first


def _procedure(code: object) -> Procedure | None:
    if not code:
        return None
    return Procedure.objects.filter(code=str(code).strip()).first()


def _terms(procedure: Procedure, point: ServicePoint, params: Any) -> CounterTerms:
    return counter_terms(
        procedure=procedure,
        point=point,
        now=timezone.now(),
        case_heading=str(params.get("case_heading", "")),
        agency_id=request_int(params.get("competent_agency", "")),
        unit_id=request_int(params.get("applicant_unit", "")),
    )


def _panel(procedure: Procedure, point: ServicePoint, params: Any) -> dict[str, object]:
    """Return the context of the case, checklist, agency and deadline parts."""
    terms = _terms(procedure, point, params)
    ticked = {n for n in map(request_int, params.getlist("papers")) if n is not None}
    return {
        "procedure": procedure,
        "cases": terms.cases,
        "case": terms.case,
        "items": [
            (item, item.pk in ticked, params.get(f"reference_{item.pk}", ""))
            for item in terms.items
        ],
        "shown": terms.shown,
        "agencies": terms.agencies,
        "agency": terms.agency,
        "preview": terms.preview,
        "preview_error": terms.preview_error,
    }


def _page(
    request: HttpRequest, form: CounterForm, points: QuerySet[ServicePoint]
) -> HttpResponse:
    params = request.POST if request.method == "POST" else request.GET
    point = _point(points, params.get("service_point"))
    procedure = _procedure(params.get("procedure"))
    context: dict[str, object] = {
        "form": form,
        "point": point,
        "day_effects": day_effects(
            service_point_id=point.pk, day=timezone.localdate(timezone.now())
        ),
        "points": points,
        "show_errors": form.is_bound,
        "procedure_results": [procedure] if procedure else [],
        "selected_code": procedure.code if procedure else "",
    }
    if procedure is not None:
        context.update(_panel(procedure, point, params))
    return render(request, "backoffice/counter.html", context)


def _initial(request: HttpRequest, user: User) -> dict[str, object]:
    """A new form's values: its request key, and the ticket being served with
    what its booking tells of the applicant (name, phone)."""
    ticket_id = request_int(request.GET.get("ticket"))
    initial: dict[str, object] = {"request_key": uuid.uuid4().hex, "ticket": ticket_id}
    if ticket_id:
        prefill = ticket_applicant_prefill(
            ticket_id=ticket_id, officer=user, now=timezone.now()
        )
        initial.update({key: value for key, value in prefill.items() if value})
    return initial


@staff_required
@require_http_methods(["GET", "POST"])
def counter(request: HttpRequest) -> HttpResponse:
    user, points = _officer(request)
    if request.method != "POST":
        form = CounterForm(points=points, initial=_initial(request, user))
        return _page(request, form, points)
    form = CounterForm(request.POST, points=points)
    if form.is_valid():
        data = form.cleaned_data
        outcome = data["outcome"] or "receive"
        details: dict[str, Any] = {
            "actor": user,
            "request_key": data["request_key"],
            "now": timezone.now(),
            "procedure": data["procedure"],
            "service_point": data["service_point"],
            "applicant": form.applicant(),
            "papers": form.ticks(),
            "case_heading": data["case_heading"],
            "summary": data["summary"],
            "competent_agency": data["competent_agency"],
            "return_method": data["return_method"],
            "return_address": data["return_address"],
        }
        try:
            if outcome == "papers":
                dossier = dossier_request_papers_at_counter(
                    **details, reason=data["note"]
                )
            elif outcome == "refuse":
                dossier = dossier_refuse_at_counter(**details, reasons=data["note"])
            elif outcome == "no_wait":
                dossier = _no_wait(details)
            else:
                dossier = dossier_create_at_counter(**details)
        except DomainError as error:
            if "reasons" in error.field_errors:
                form.add_error("note", str(error.field_errors["reasons"]))
                error.field_errors.pop("reasons")
            form_errors_add(form, error)
        else:
            if data["ticket"]:
                _ticket_link(request, data["ticket"], dossier, user)
            done = OUTCOMES[outcome]
            messages.success(request, str(done[0]) % {"code": dossier.code})
            url = reverse("backoffice:dossier", args=[dossier.code])
            return redirect(f"{url}?{done[1]}=1")
    return _page(request, form, points)


def _no_wait(details: dict[str, Any]) -> Dossier:
    """A no-wait procedure in one visit: received, decided, returned, through the
    lifecycle's own services (three events), all or nothing."""
    actor, now = details["actor"], details["now"]
    with transaction.atomic():
        dossier = dossier_create_at_counter(**details)
        dossier_decide_at_counter(dossier_code=dossier.code, actor=actor, now=now)
        return dossier_return_result(dossier_code=dossier.code, actor=actor, now=now)


def _ticket_link(
    request: HttpRequest, ticket_id: int, dossier: Dossier, user: User
) -> None:
    """Remember the queue ticket the dossier came with; a wrong ticket only warns
    (the dossier is received all the same)."""
    try:
        ticket_dossier_link(ticket_id=ticket_id, dossier=dossier, officer=user)
    except DomainError as error:
        messages.warning(request, str(error.message))


@staff_required
@require_GET
def counter_procedures(request: HttpRequest) -> HttpResponse:
    _officer(request)
    query = request.GET.get("q", "").strip()
    try:
        results = list(procedure_search(query=query)[:8]) if query else []
    except DomainError:
        results = []
    return render(
        request,
        "backoffice/_counter_procedures.html",
        {"procedure_results": results, "query": query},
    )


@staff_required
@require_GET
def counter_checklist(request: HttpRequest) -> HttpResponse:
    _user, points = _officer(request)
    procedure = _procedure(request.GET.get("procedure"))
    point = _point(points, request.GET.get("service_point"))
    context: dict[str, object] = {"point": point, "oob": True}
    if procedure is not None:
        context.update(_panel(procedure, point, request.GET))
    return render(request, "backoffice/_counter_panel.html", context)


@staff_required
@require_GET
def counter_citizen(request: HttpRequest) -> HttpResponse:
    """Fill name, birth date and address from the population data.

    When nobody is found only the message changes (what the officer typed
    stays): the answer is retargeted to the status line.
    """
    _user, points = _officer(request)
    try:
        citizen = citizen_lookup(personal_id=request.GET.get("applicant_id_number", ""))
    except InvalidInput as error:
        return _lookup_status(request, str(error.message))
    if citizen is None:
        return _lookup_status(
            request, _("No citizen has this personal ID: type the details.")
        )
    values: dict[str, object] = {
        "applicant_id_number": citizen.personal_id,
        "applicant_name": citizen.full_name,
        "applicant_birth_date": citizen.birth_date,
        "applicant_address": citizen.address,
    }
    form = CounterForm(initial=values, points=points)
    return render(
        request, "backoffice/_counter_applicant.html", {"form": form, "found": True}
    )


def _lookup_status(request: HttpRequest, message: str) -> HttpResponse:
    response = render(
        request, "backoffice/_counter_lookup_status.html", {"message": message}
    )
    response["HX-Retarget"] = "#lookup-status"
    response["HX-Reswap"] = "innerHTML"
    return response


@staff_required
@require_GET
def counter_deadline(request: HttpRequest) -> HttpResponse:
    _user, points = _officer(request)
    procedure = _procedure(request.GET.get("procedure"))
    point = _point(points, request.GET.get("service_point"))
    context: dict[str, object] = {}
    if procedure is not None:
        terms = _terms(procedure, point, request.GET)
        context.update(
            procedure=procedure,
            agency=terms.agency,
            preview=terms.preview,
            preview_error=terms.preview_error,
        )
    return render(request, "backoffice/_counter_deadline.html", context)
