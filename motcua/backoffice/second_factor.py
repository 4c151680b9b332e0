"""The second-factor gate of the staff pages (back office and administration).

A staff session that must pass a second factor (``second_factor_required``) and
has not yet reaches only the login, logout and second-factor pages; every other
staff page sends it there first, then back. The API asks for the code when it
issues a token (``api.auth``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from motcua.accounts.models import User
from motcua.accounts.second_factor import ENROLLED_SESSION_KEY
from motcua.agencies.access import second_factor_required

GATED_NAMESPACES = frozenset({"backoffice", "admin"})
OPEN_VIEWS = frozenset(
    {
        "backoffice:login",
        "backoffice:logout",
        "backoffice:second_factor",
        "backoffice:second_factor_setup",
        "admin:logout",
    }
)


def is_verified(request: HttpRequest) -> bool:
    """Has this session passed the second factor (django-otp's middleware)?"""
    check = getattr(request.user, "is_verified", None)
    return bool(check()) if callable(check) else False


def second_factor_pending(request: HttpRequest) -> bool:
    """Must this session pass the second factor before a staff page? Yes where
    the roles require it, and for anyone who set up an app by choice."""
    user = request.user
    if not isinstance(user, User) or is_verified(request):
        return False
    return bool(request.session.get(ENROLLED_SESSION_KEY)) or second_factor_required(
        user
    )


def to_second_factor(request: HttpRequest, next_url: str) -> HttpResponse:
    target = reverse("backoffice:second_factor") + "?" + urlencode({"next": next_url})
    if getattr(request, "htmx", False):
        # A fragment request: have htmx load the whole page instead.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return redirect(target)


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or not GATED_NAMESPACES.intersection(match.namespaces):
            return None
        if match.view_name in OPEN_VIEWS or not second_factor_pending(request):
            return None
        next_url = request.get_full_path() if request.method == "GET" else ""
        return to_second_factor(request, next_url)
