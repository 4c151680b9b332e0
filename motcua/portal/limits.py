"""The public pages' answer to an over-limit try: the 429 page of the one rate
limit of every public page and endpoint (``core.ratelimit``)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.core.ratelimit import ratelimit_public_try, ratelimit_refused_message


def public_limit(
    request: HttpRequest, now: datetime
) -> tuple[str, HttpResponse | None]:
    """Count one try from the caller's address; return its key and, when over
    the limit, the 429 page to answer with (``Retry-After`` set)."""
    counted = ratelimit_public_try(meta=request.META, now=now)
    if not counted.refused:
        return counted.client_key, None
    context = {
        "message": ratelimit_refused_message(),
        "minutes": counted.retry_minutes,
    }
    response = render(request, "portal/tracking_refused.html", context, status=429)
    response["Retry-After"] = str(counted.retry_after)
    return counted.client_key, response
