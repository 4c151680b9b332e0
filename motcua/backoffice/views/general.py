"""Back-office views: login, home, catalogue and the deadline calculator."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import logout
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.accounts.lockout import account_locked, account_locked_message
from motcua.accounts.models import User
from motcua.agencies.access import is_staff_member
from motcua.agencies.selectors import agency_get
from motcua.backoffice.access import staff_required
from motcua.backoffice.forms import CatalogueSearchForm, DeadlineForm
from motcua.calendars.selectors import deadline_compute
from motcua.core.errors import DomainError, NotFound
from motcua.procedures.selectors import procedure_get, procedure_search


class StaffAuthenticationForm(AuthenticationForm):
    """The staff login refuses citizen accounts (they log in on the portal) and
    says so when an account is locked (``accounts.lockout``)."""

    def clean(self) -> dict[str, Any]:
        username = str(self.cleaned_data.get("username") or "")
        if account_locked(username=username, now=timezone.now()):
            raise ValidationError(account_locked_message(), code="locked")
        return super().clean()

    def confirm_login_allowed(self, user: User) -> None:
        super().confirm_login_allowed(user)
        if not is_staff_member(user):
            raise ValidationError(
                _(
                    "This is a citizen account: log in on the citizen portal. "
                    "The back office is for staff accounts."
                ),
                code="citizen",
            )


class StaffLoginView(LoginView):
    template_name = "backoffice/login.html"
    authentication_form = StaffAuthenticationForm

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # A staff member already logged in goes on; a citizen's session stays on
        # this page (redirecting it back would loop through ``staff_required``).
        if is_staff_member(request.user):
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("backoffice:login")


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/home.html")


@staff_required
@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueSearchForm(request.GET or None)
    results = None
    if form.is_valid():
        found = procedure_search(
            query=form.cleaned_data["q"], level=form.cleaned_data["level"] or None
        )
        results = Paginator(found, 25).get_page(request.GET.get("page"))
    template = (
        "backoffice/_catalogue_results.html"
        if getattr(request, "htmx", False)
        else "backoffice/catalogue.html"
    )
    return render(request, template, {"form": form, "results": results})


@staff_required
@require_GET
def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        procedure = procedure_get(code=code)
    except NotFound as error:
        raise Http404(str(error.message)) from error
    return render(request, "backoffice/procedure_detail.html", {"procedure": procedure})


@staff_required
@require_GET
def deadline(request: HttpRequest) -> HttpResponse:
    form = DeadlineForm(request.GET or None)
    result = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            hours = (
                agency_get(code=data["agency"]).working_hours()
                if data["agency"]
                else None
            )
            result = deadline_compute(
                received_at=data["received_at"],
                amount=data["amount"],
                unit=data["unit"],
                hours=hours,
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
            for field, message in error.field_errors.items():
                form.add_error(field if field in form.fields else None, str(message))
    context = {
        "form": form,
        "result": result,
        "deadline_local": timezone.localtime(result.deadline_at) if result else None,
        "start_local": timezone.localtime(result.count_started_at) if result else None,
    }
    template = (
        "backoffice/_deadline_result.html"
        if getattr(request, "htmx", False)
        else "backoffice/deadline.html"
    )
    return render(request, template, context)
