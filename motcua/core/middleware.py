"""Vietnamese first: the language a person chose, never the browser's.

Office PCs, kiosks and hall TVs in Vietnam are often set to English, and Django's
``LocaleMiddleware`` would follow their Accept-Language header. Here every page,
API answer and message is in Vietnamese (``LANGUAGE_CODE``) unless the person
picked another language with the switch (``set_language``), which is kept in the
language cookie for a year.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


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
