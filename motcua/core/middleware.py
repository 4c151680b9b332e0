"""Session middleware of the project: the chosen language, and idle logout.

Vietnamese first: the language a person chose, never the browser's.

Office PCs, kiosks and hall TVs in Vietnam are often set to English, and Django's
``LocaleMiddleware`` would follow their Accept-Language header. Here every page,
API answer and message is in Vietnamese (``LANGUAGE_CODE``) unless the person
picked another language with the switch (``set_language``), which is kept in the
language cookie for a year.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _


def chosen_language(request: HttpRequest) -> str:
    """The language of the cookie when it is one of ``LANGUAGES``, else the default."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen:
        try:
            return translation.get_supported_language_variant(chosen)
        except LookupError:
            pass
    return str(settings.LANGUAGE_CODE)


class ChosenLanguageMiddleware(LocaleMiddleware):
    """``LocaleMiddleware`` without Accept-Language (and without URL prefixes)."""

    def process_request(self, request: HttpRequest) -> None:
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class IdleSessionMiddleware:
    """End a logged-in session after ``MOTCUA_IDLE_MINUTES`` without a request.

    A counter PC left unlocked must not stay logged in to personal data. The last
    request's time is kept in the session (written at most once a minute); past
    the limit the user is logged out, told why, and the request goes on as
    anonymous (pages that need a login send them to it). Bearer-token API calls
    have no session and are unaffected (tokens expire on their own).
    """

    SEEN_KEY = "motcua_seen"
    WRITE_EVERY = 60  # seconds

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            seen = request.session.get(self.SEEN_KEY)
            idle = int(settings.MOTCUA_IDLE_MINUTES) * 60
            if isinstance(seen, int | float) and now - seen > idle:
                logout(request)
                messages.info(
                    request,
                    _(
                        "You were logged out after %(minutes)d minutes without "
                        "activity. Log in again to go on."
                    )
                    % {"minutes": idle // 60},
                )
            elif not isinstance(seen, int | float) or now - seen >= self.WRITE_EVERY:
                request.session[self.SEEN_KEY] = int(now)
        return self.get_response(request)


def idle_clock_start(sender: object, request: HttpRequest, **kwargs: object) -> None:
    """``user_logged_in`` receiver: a login is activity (the clock starts now)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[IdleSessionMiddleware.SEEN_KEY] = int(time.time())


class PermissionsPolicyMiddleware:
    """Add ``Permissions-Policy`` (``MOTCUA_PERMISSIONS_POLICY``) to every answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = str(settings.MOTCUA_PERMISSIONS_POLICY)
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
