"""The public pages' rate limit, one routine for every page that looks up or
writes on a citizen's word (``dossiers.public.public_lookup_allow``)."""

from __future__ import annotations

import math
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.dossiers.public import (
    public_client_key,
    public_lookup_allow,
    public_lookup_refused_message,
    public_lookup_retry_after,
)


def public_limit(
    request: HttpRequest, now: datetime
) -> tuple[str, HttpResponse | None]:
    """Count one try from the caller's address; return its key and, when over
    the limit, the 429 page to answer with (``Retry-After`` set)."""
    client_key = public_client_key(meta=request.META)
    if public_lookup_allow(client_key=client_key, now=now):
        return client_key, None
    seconds = public_lookup_retry_after(client_key=client_key, now=now)
    context = {
        "message": public_lookup_refused_message(),
        "minutes": max(1, math.ceil(seconds / 60)),
    }
    response = render(request, "portal/tracking_refused.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return client_key, response
