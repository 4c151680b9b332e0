"""Pages where a citizen types a one-time code sent through the outbox: confirming a
sign-up, and setting a new password after forgetting it.

No page tells whether an ID number has an account: asking for a code, or
signing up with an ID number that has an account, answers as for any other, and
a wrong code is refused alike whatever the reason. Each try that sends or checks
a code counts against the public pages' one limit per address
(``core.ratelimit``); the codes themselves have their own
limits (``citizens.codes``). What the next page needs (the sign-up's token, the
ID number being reset) waits in the session, never in the URL.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from motcua.citizens.codes import code_minutes
from motcua.citizens.password_reset import (
    citizen_password_reset,
    citizen_password_reset_request,
)
from motcua.citizens.sign_up import citizen_sign_up_confirm
from motcua.core.errors import DomainError
from motcua.core.ratelimit import ratelimit_public_try
from motcua.portal.account_forms import (
    PasswordForgotForm,
    PasswordResetForm,
    SignUpConfirmForm,
)

T = TypeVar("T")
# Session keys: the sign-up waiting for its code; the ID number being reset.
SIGN_UP_SESSION = "motcua_sign_up"
RESET_SESSION = "motcua_password_reset"
REFUSED = 429


def form_errors_add(form: forms.Form, error: DomainError) -> None:
    """Show a domain error next to its fields (the rest above the form)."""
    for field, message in error.field_errors.items():
        form.add_error(field if field in form.fields else None, str(message))
    if not error.field_errors:
        form.add_error(None, str(error.message))


def attempt(
    request: HttpRequest, form: forms.Form, action: Callable[[datetime], T]
) -> tuple[int, T | None]:
    """Count one try from this address and run ``action(now)``; return the page's
    status and what the action returned (None when refused or failed, the
    reason added to ``form``)."""
    now = timezone.now()
    counted = ratelimit_public_try(meta=request.META, now=now)
    if counted.refused:
        minutes = counted.retry_minutes
        message = ngettext(
            "Too many tries from your connection. Please wait about %(minutes)d "
            "minute and try again.",
            "Too many tries from your connection. Please wait about %(minutes)d "
            "minutes and try again.",
            minutes,
        ) % {"minutes": minutes}
        form.add_error(None, message)
        return REFUSED, None
    try:
        return 200, action(now)
    except DomainError as error:
        form_errors_add(form, error)
        return 400, None


def sign_up_pending_keep(
    request: HttpRequest, *, token: str, phone: str, next_url: str
) -> None:
    """Keep in the session what the confirmation page needs."""
    request.session[SIGN_UP_SESSION] = {
        "token": token,
        "phone_end": re.sub(r"[^0-9]", "", phone)[-3:],
        "next": next_url,
    }


def _status(form: forms.Form, status: int) -> int:
    return status if status != 200 or not form.is_bound else 400


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def signup_confirm(request: HttpRequest) -> HttpResponse:
    """Type the code sent at sign-up; the account is made, and logged in."""
    pending = request.session.get(SIGN_UP_SESSION)
    if not isinstance(pending, dict) or not pending.get("token"):
        return redirect("portal:citizen_signup")
    form = SignUpConfirmForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_valid():
        code = form.cleaned_data["code"]
        status, user = attempt(
            request,
            form,
            lambda now: citizen_sign_up_confirm(
                token=str(pending["token"]), code=code, now=now
            ),
        )
        if user is not None:
            del request.session[SIGN_UP_SESSION]
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your account is ready."))
            return redirect(str(pending.get("next") or reverse("portal:my_dossiers")))
    context: dict[str, Any] = {
        "form": form,
        "phone_end": pending.get("phone_end", ""),
        "minutes": code_minutes(),
    }
    return render(
        request,
        "portal/account_signup_confirm.html",
        context,
        status=_status(form, status),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def password_forgot(request: HttpRequest) -> HttpResponse:
    """Ask for a code to set a new password: the same answer whether or not the
    ID number has an account."""
    form = PasswordForgotForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_valid():
        id_number = form.cleaned_data["id_number"]
        status, _sent = attempt(
            request,
            form,
            lambda now: citizen_password_reset_request(id_number=id_number, now=now),
        )
        if status == 200:
            request.session[RESET_SESSION] = id_number
            return redirect("portal:citizen_password_reset")
    return render(
        request,
        "portal/account_password_forgot.html",
        {"form": form},
        status=_status(form, status),
    )


@sensitive_post_parameters("code", "new_password", "new_password_again")
@never_cache
@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Type the code and a new password; then log in with it (every other
    session of the account has ended)."""
    id_number = request.session.get(RESET_SESSION)
    if not isinstance(id_number, str) or not id_number:
        return redirect("portal:citizen_password_forgot")
    form = PasswordResetForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_valid():
        data = form.cleaned_data
        status, user = attempt(
            request,
            form,
            lambda now: citizen_password_reset(
                id_number=id_number,
                code=data["code"],
                new_password=data["new_password"],
                new_password_again=data["new_password_again"],
                now=now,
            ),
        )
        if user is not None:
            request.session.pop(RESET_SESSION, None)
            messages.success(
                request, _("Your password is changed. Log in with your new password.")
            )
            return redirect("portal:citizen_login")
    context = {"form": form, "minutes": code_minutes()}
    return render(
        request,
        "portal/account_password_reset.html",
        context,
        status=_status(form, status),
    )
