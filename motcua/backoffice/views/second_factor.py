"""Second factor pages: enter the app's code, set the app up, account security."""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.models import Device

from motcua.accounts.models import User
from motcua.accounts.second_factor import (
    recovery_codes_left,
    recovery_codes_renew,
    second_factor_enrolled,
    second_factor_verify,
    totp_setup_confirm,
    totp_setup_start,
)
from motcua.agencies.access import second_factor_required
from motcua.backoffice.access import staff_required
from motcua.backoffice.second_factor import is_verified
from motcua.core.errors import InvalidInput
from motcua.printed_forms.rendering import qr_data_uri


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autofocus": True,
                "spellcheck": "false",
            }
        ),
    )


def _next(request: HttpRequest) -> str:
    value = request.POST.get("next") or request.GET.get("next") or ""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse("backoffice:home")


def _with_next(name: str, next_url: str) -> str:
    return reverse(name) + "?" + urlencode({"next": next_url})


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - staff_required guarantees it
    return user


def _passed(request: HttpRequest, device: Device) -> None:
    """Mark the session as having passed the second factor, under a new session
    key (what a stolen pre-login key knew is worth nothing after)."""
    otp_login(request, device)
    request.session.cycle_key()


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


@staff_required
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    """Ask for the authenticator's code (or a recovery code) after the password."""
    user = _user(request)
    next_url = _next(request)
    if is_verified(request):
        return redirect(next_url)
    if not second_factor_enrolled(user):
        return redirect(_with_next("backoffice:second_factor_setup", next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor_verify(user=user, code=form.cleaned_data["code"])
        except InvalidInput as error:
            form.add_error("code", str(error.message))
        else:
            _passed(request, device)
            left = recovery_codes_left(user)
            if left <= 2:
                messages.warning(
                    request,
                    _(
                        "Only %(left)s recovery codes are left: make new ones on "
                        "the account security page."
                    )
                    % {"left": left},
                )
            return redirect(next_url)
    return _private(
        render(
            request,
            "backoffice/second_factor.html",
            {"form": form, "next": next_url},
        )
    )


@staff_required
@require_http_methods(["GET", "POST"])
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: scan the QR, type one code, keep the
    recovery codes. Replacing an app already set up needs a session that passed
    it (a password alone never changes the second factor)."""
    user = _user(request)
    next_url = _next(request)
    if second_factor_enrolled(user) and not is_verified(request):
        return redirect(_with_next("backoffice:second_factor", next_url))
    device = totp_setup_start(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = totp_setup_confirm(
                user=user, code=form.cleaned_data["code"]
            )
        except InvalidInput as error:
            form.add_error("code", str(error.message))
        else:
            _passed(request, device)
            return _private(
                render(
                    request,
                    "backoffice/recovery_codes.html",
                    {"codes": codes, "next": next_url, "first": True},
                )
            )
    secret = b32encode(device.bin_key).decode()
    return _private(
        render(
            request,
            "backoffice/second_factor_setup.html",
            {
                "form": form,
                "next": next_url,
                "qr": qr_data_uri(device.config_url),
                "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
                "required": second_factor_required(user),
            },
        )
    )


@staff_required
def account_security(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return _private(
        render(
            request,
            "backoffice/account_security.html",
            {
                "enrolled": second_factor_enrolled(user),
                "verified": is_verified(request),
                "required": second_factor_required(user),
                "codes_left": recovery_codes_left(user),
            },
        )
    )


@staff_required
@require_POST
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    """New recovery codes, for a session that passed the second factor."""
    user = _user(request)
    if not is_verified(request):
        return redirect(
            _with_next(
                "backoffice:second_factor", reverse("backoffice:account_security")
            )
        )
    try:
        codes = recovery_codes_renew(user=user)
    except InvalidInput as error:
        messages.error(request, str(error.message))
        return redirect("backoffice:account_security")
    return _private(
        render(
            request,
            "backoffice/recovery_codes.html",
            {"codes": codes, "next": reverse("backoffice:account_security")},
        )
    )
