"""Citizen accounts on the portal: sign up, log in (password or VNeID), log out,
"my dossiers" and "my papers" (the data store of Decree 45/2020/NĐ-CP Art. 16).

Passwords are checked through ``django.contrib.auth.authenticate`` so that
django-axes counts failures and locks out guessing. Each view parses input, makes
one domain call and maps domain errors to the page. Pages need no JavaScript
and are never cached: they show personal data. The pages where a code is typed
(confirming a sign-up, resetting a forgotten password) are in ``account_codes``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import PurePath
from typing import Any, TypeVar
from urllib.parse import urlencode

from axes.helpers import get_cool_off, get_lockout_message
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from mozilla_django_oidc.views import (  # type: ignore[import-untyped]
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from motcua.accounts.lockout import account_locked, account_locked_message
from motcua.accounts.models import User
from motcua.citizens.oidc import vneid_enabled
from motcua.citizens.selectors import citizen_of, paper_of, papers_of
from motcua.citizens.services import (
    citizen_password_change,
    stored_paper_delete,
    stored_paper_upload,
)
from motcua.citizens.sign_up import citizen_sign_up_request
from motcua.core.errors import DomainError, InvalidInput, NotFound
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.owners import dossiers_filed_by
from motcua.dossiers.public import PLAIN_STATUS
from motcua.dossiers.selectors import is_waiting_for_papers
from motcua.files.serving import stored_file_response
from motcua.portal.account_codes import attempt, sign_up_pending_keep
from motcua.portal.account_forms import (
    LoginForm,
    PaperAddForm,
    PasswordChangeForm,
    SignUpForm,
)
from motcua.portal.citizen import account_of
from motcua.submissions.selectors import drafts_of

View = Callable[..., HttpResponseBase]
PAGE_SIZE = 20
ResponseT = TypeVar("ResponseT", bound=HttpResponseBase)
# Set on the request when the login page itself told a locked-out citizen.
LOCKOUT_RENDERED = "motcua_lockout_rendered"


def _safe_next(request: HttpRequest, value: str | None) -> str:
    """``value`` if it is a URL of this site, else "my dossiers"."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse("portal:my_dossiers")


def _private(response: ResponseT) -> ResponseT:
    add_never_cache_headers(response)
    return response


def citizen_required(view: View) -> View:
    """Anonymous visitors go to the citizen login; staff accounts are refused."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            url = reverse("portal:citizen_login")
            return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        if citizen_of(request.user) is None:
            page = render(request, "portal/account_staff.html", status=403)
            return _private(page)
        return _private(view(request, *args, **kwargs))

    return wrapped


# Sign up, log in, log out ---------------------------------------------------------


def _context(form: SignUpForm | LoginForm, next_url: str) -> dict[str, Any]:
    return {
        "form": form,
        "next": next_url,
        "next_query": urlencode({"next": next_url}),
        "vneid": vneid_enabled(),
    }


def _sign_up_send(request: HttpRequest, form: SignUpForm) -> tuple[int, str | None]:
    data = form.cleaned_data
    return attempt(
        request,
        form,
        lambda now: citizen_sign_up_request(
            full_name=data["full_name"],
            id_number=data["id_number"],
            phone=data["phone"],
            email=data["email"],
            password=data["password"],
            birth_date=data["birth_date"],
            now=now,
        ),
    )


@sensitive_post_parameters("password", "password_again")
@require_http_methods(["GET", "POST"])
def citizen_signup(request: HttpRequest) -> HttpResponse:
    """Check a sign-up and send a code to confirm it, then ask for the code.

    The answer is the same whether or not the ID number has an account
    (``citizens.sign_up``); the account is made once the code comes back.
    """
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = SignUpForm(request.POST if request.method == "POST" else None)
    status = 400 if form.is_bound else 200
    if form.is_valid():
        status, token = _sign_up_send(request, form)
        if token is not None:
            sign_up_pending_keep(
                request,
                token=token,
                phone=form.cleaned_data["phone"],
                next_url=next_url,
            )
            return redirect("portal:citizen_signup_confirm")
    page = render(
        request, "portal/account_signup.html", _context(form, next_url), status=status
    )
    return _private(page)


def _locked_out(request: HttpRequest, form: LoginForm, next_url: str) -> HttpResponse:
    setattr(request, LOCKOUT_RENDERED, True)  # read by axes_lockout_response
    minutes = max(1, int(get_cool_off(request).total_seconds() // 60))
    error = _(
        "Too many failed attempts. To protect your account, logging in with this "
        "ID number is blocked for %(minutes)d minutes."
    ) % {"minutes": minutes}
    context = {**_context(form, next_url), "lockout": error}
    page = render(request, "portal/account_login.html", context, status=429)
    return _private(page)


def _login_check(request: HttpRequest, form: LoginForm) -> User | None:
    """Authenticate through axes; add the reason of a refusal to ``form``."""
    id_number = form.cleaned_data["id_number"]
    if account_locked(username=id_number, now=timezone.now()):
        form.add_error(None, account_locked_message())
        return None
    user = authenticate(
        request,
        username=form.cleaned_data["id_number"],
        password=form.cleaned_data["password"],
    )
    if user is None:
        form.add_error(None, _("The personal ID number or the password is wrong."))
        return None
    if not isinstance(user, User) or citizen_of(user) is None:
        form.add_error(
            None,
            _(
                "This is a staff account, not a citizen account. Staff log in on "
                "the back office."
            ),
        )
        return None
    return user


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def citizen_login(request: HttpRequest) -> HttpResponse:
    """Log in with the personal ID number and password; ``?next=`` (this site
    only) is where to go afterwards."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method != "POST" and citizen_of(request.user) is not None:
        return redirect(next_url)
    form = LoginForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        user = _login_check(request, form)
        if getattr(request, "axes_locked_out", False):
            return _locked_out(request, form, next_url)
        if user is not None:
            login(request, user)
            return redirect(next_url)
    status = 400 if form.is_bound else 200
    context = _context(form, next_url)
    return render(request, "portal/account_login.html", context, status=status)


@require_POST
def citizen_logout(request: HttpRequest) -> HttpResponse:
    """Log out (POST only, so a link cannot do it) and go to the login page."""
    logout(request)
    messages.success(request, _("You have logged out."))
    return redirect("portal:citizen_login")


def axes_lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' lockout answer: the citizen login page when it already told
    the citizen (in their language), JSON like every API error under ``/api/``,
    else axes' own plain text."""
    if original_response is not None and getattr(request, LOCKOUT_RENDERED, False):
        return original_response
    status = int(getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429))
    if request.path.startswith("/api/"):
        message = _(
            "Too many wrong passwords for this account from this address. "
            "Try again in a few minutes."
        )
        return JsonResponse({"detail": message}, status=status)
    return HttpResponse(get_lockout_message(), status=status)


# VNeID (OpenID Connect) ------------------------------------------------------------


class VNeIDLoginView(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """Send the citizen to VNeID (only when a deployment configured it)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not vneid_enabled():
            raise Http404
        response: HttpResponse = super().get(request)
        return _private(response)


class VNeIDCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """Back from VNeID: log the citizen in, or say that it did not work."""

    @property
    def success_url(self) -> str:
        return _safe_next(self.request, self.request.session.get("oidc_login_next"))

    @property
    def failure_url(self) -> str:
        return reverse("portal:citizen_login")

    def login_failure(self) -> HttpResponse:
        messages.error(
            self.request,
            _("Logging in with VNeID did not succeed. Please try again."),
        )
        response: HttpResponse = super().login_failure()
        return response

    def get(self, request: HttpRequest) -> HttpResponse:
        if not vneid_enabled():
            raise Http404
        response: HttpResponse = super().get(request)
        return _private(response)


# My dossiers, my papers -------------------------------------------------------------


@require_GET
@citizen_required
def my_dossiers(request: HttpRequest) -> HttpResponse:
    """The dossiers of the logged-in citizen, newest first, 20 a page."""
    found = dossiers_filed_by(account_of(request))
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "code": dossier.code,
            "procedure": dossier.procedure.name,
            "status": PLAIN_STATUS[dossier.status],
            "deadline_at": dossier.effective_deadline_at,
            "count_started_at": dossier.count_started_at,
            "send_papers": is_waiting_for_papers(dossier),
            "pay": dossier.status == DossierStatus.FINANCIAL_OBLIGATION,
        }
        for dossier in page
    ]
    context = {
        "page": page,
        "rows": rows,
        "citizen": citizen_of(request.user),
        "drafts": list(drafts_of(account_of(request))[:20]),
    }
    return render(request, "portal/account_dossiers.html", context)


def _paper_add(request: HttpRequest, form: PaperAddForm) -> bool:
    try:
        stored_paper_upload(
            owner=account_of(request),
            name=form.cleaned_data["name"],
            upload=form.cleaned_data["file"],
            now=timezone.now(),
        )
    except InvalidInput as error:
        field = "name" if "name" in error.field_errors else "file"
        form.add_error(field, str(error.field_errors.get(field, error.message)))
        return False
    return True


@require_http_methods(["GET", "POST"])
@citizen_required
def my_papers(request: HttpRequest) -> HttpResponse:
    """The citizen's data store: list, add a paper by upload (POST)."""
    form = PaperAddForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if form.is_valid() and _paper_add(request, form):
        messages.success(request, _("The paper is kept in your data store."))
        return redirect("portal:my_papers")
    context = {"papers": papers_of(account_of(request)), "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "portal/account_papers.html", context, status=status)


@require_POST
@citizen_required
def my_paper_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a paper from the data store (its file stays for the dossiers)."""
    try:
        stored_paper_delete(owner=account_of(request), pk=pk)
    except NotFound as error:
        raise Http404(str(error.message)) from error
    messages.success(request, _("The paper was removed from your data store."))
    return redirect("portal:my_papers")


@require_GET
@citizen_required
def my_paper_file(request: HttpRequest, pk: int) -> FileResponse:
    """Download the file of one's own paper; anyone else's answers 404."""
    try:
        paper = paper_of(account_of(request), pk)
    except DomainError as error:
        raise Http404(str(error.message)) from error
    if not paper.file:
        raise Http404(_("This paper has no file."))
    extension = PurePath(paper.file.name or "").suffix
    filename = f"{slugify(paper.name_folded)[:60] or 'paper'}{extension}"
    return stored_file_response(paper.file, filename=filename)


@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
@citizen_required
def citizen_password(request: HttpRequest) -> HttpResponse:
    """Change the password of a password account (VNeID accounts have none)."""
    user = account_of(request)
    form = PasswordChangeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            citizen_password_change(user=user, **form.cleaned_data)
        except DomainError as error:
            for field, message in error.field_errors.items():
                form.add_error(field if field in form.fields else None, str(message))
            if not error.field_errors:
                form.add_error(None, str(error.message))
            status = 422
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Your password is changed."))
            return redirect("portal:my_dossiers")
    elif request.method == "POST":
        status = 422
    context = {"form": form, "has_password": user.has_usable_password()}
    return render(request, "portal/account_password.html", context, status=status)
