"""The edge: refuse unusable requests before any view or the database sees them.

One input layer for the pages and the API (issue: no 5xx, whatever the input):

- a body larger than ``MOTCUA_MAX_REQUEST_BYTES`` is refused by its
  ``Content-Length`` with 413, before it is read;
- control characters (NUL above all, which PostgreSQL cannot store) in the path,
  the query string or a form field, and JSON nested deeper than
  ``JSON_MAX_DEPTH`` or carrying a NUL, are refused with 400;
- a value the database still cannot take (a number past ``bigint``, a date past
  year 9999) is answered with 400 instead of a server error.

Answers are JSON under ``/api/`` and a short page elsewhere, in the chosen
language, with a clear message. Views still validate their own fields; this is
the net below them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.db import DataError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
JSON_MAX_DEPTH = 32


def _max_bytes() -> int:
    return int(settings.MOTCUA_MAX_REQUEST_BYTES)


def json_depth(body: bytes) -> int:
    """The deepest nesting of arrays and objects in ``body`` (strings skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def refuse(request: HttpRequest, message: str, status: int) -> HttpResponse:
    """The answer to a refused request: JSON for the API, a page otherwise."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    page = render_to_string(
        "core/refused_input.html", {"message": message}, request=None
    )
    return HttpResponse(page, status=status)


def _bad_characters() -> str:
    return _(
        "The request holds characters that cannot be part of any text (such as "
        "NUL). Remove them and try again."
    )


class EdgeInputMiddleware:
    """See the module. Put it early: after sessions and the language, before
    CSRF (which reads the form)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refused = self._check(request)
        if refused is not None:
            return refused
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        if request.META.get("HTTP_TRANSFER_ENCODING") and not request.META.get(
            "CONTENT_LENGTH"
        ):
            # A chunked body has no length to refuse it by before reading it (and
            # Django would silently read it as empty): ask for the length (411).
            message = _(
                "Send the request with its length (Content-Length), not in chunks."
            )
            return refuse(request, message, 411)
        length = str(request.META.get("CONTENT_LENGTH") or "0").strip() or "0"
        if not length.isascii() or not length.isdigit():
            return refuse(request, _("The request's length is not a number."), 400)
        if int(length) > _max_bytes():
            limit = _max_bytes() // (1024 * 1024)
            message = _(
                "The request is larger than %(limit)d MB. Send smaller files, "
                "one at a time."
            ) % {"limit": limit}
            return refuse(request, message, 413)
        query = [request.path, *request.GET.keys()]
        query += [value for values in request.GET.lists() for value in values[1]]
        if any(CONTROL.search(text) for text in query):
            return refuse(request, _bad_characters(), 400)
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            return self._check_body(request)
        return None

    def _check_body(self, request: HttpRequest) -> HttpResponse | None:
        content_type = request.content_type or ""
        if content_type == "application/json":
            body = request.body
            if b"\x00" in body or b"\\u0000" in body:
                return refuse(request, _bad_characters(), 400)
            if json_depth(body) > JSON_MAX_DEPTH:
                message = _("The JSON is nested more than %(depth)d levels deep.") % {
                    "depth": JSON_MAX_DEPTH
                }
                return refuse(request, message, 400)
        elif content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            fields = [key for key in request.POST]
            fields += [v for _key, values in request.POST.lists() for v in values]
            if any(CONTROL.search(text) for text in fields):
                return refuse(request, _bad_characters(), 400)
        return None

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if isinstance(exception, DataError | OverflowError):
            message = _(
                "A value in the request is out of range (a number or a date too "
                "large). Check what you typed."
            )
            return refuse(request, message, 400)
        return None
