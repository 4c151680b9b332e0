"""Following a queue ticket on a phone, from its QR code, without logging in."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from motcua.core.errors import NotFound
from motcua.portal.limits import public_limit
from motcua.queueing.selectors import ticket_follow_get

# A cheap phone refreshes the page itself: no script, a few hundred bytes.
REFRESH_SECONDS = 15


@require_GET
def ticket_follow(request: HttpRequest, key: str) -> HttpResponse:
    """The ticket's number, the people ahead, and the counter once it is called."""
    now = timezone.now()
    _client, refused = public_limit(request, now)
    if refused is not None:
        return refused
    context: dict[str, Any]
    try:
        ticket = ticket_follow_get(follow_key=key, now=now)
    except NotFound as error:
        context = {"error": error.message}
        response = render(request, "portal/ticket_follow.html", context, status=404)
    else:
        context = {"ticket": ticket, "refresh_seconds": REFRESH_SECONDS}
        response = render(request, "portal/ticket_follow.html", context)
    add_never_cache_headers(response)
    return response
