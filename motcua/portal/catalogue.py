"""Citizen portal: find a procedure (search, browse) and read it in plain words.

Pages need no JavaScript and stay light for cheap phones (issue "citizen portal"
§8: under 200 KB with the stylesheet). Each view parses input, makes one selector
call and maps domain errors to a page.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.core.errors import InvalidInput, NotFound
from motcua.core.numbers import request_int
from motcua.procedures.choices import OnlineLevel, TimeUnit
from motcua.procedures.models import ProcedureChannel
from motcua.procedures.portal_selectors import (
    fields_with_procedures,
    life_events,
    procedure_public_page,
    procedure_search_public,
    procedures_by_agency,
    time_amount_words,
)

PAGE_SIZE = 20


@require_GET
def catalogue_home(request: HttpRequest) -> HttpResponse:
    """The citizen home: one search box, then browse by life event, field, agency."""
    context = {
        "life_events": life_events(),
        "fields": fields_with_procedures(),
        "agencies": procedures_by_agency(),
    }
    return render(request, "portal/home.html", context)


def _int_or_none(value: str) -> int | None:
    return request_int(value)


def _filters(request: HttpRequest) -> dict[str, Any]:
    return {
        "query": request.GET.get("q", "").strip()[:200],
        "field_id": _int_or_none(request.GET.get("linh-vuc", "")),
        "life_event": request.GET.get("su-kien", "").strip() or None,
        "agency_code": request.GET.get("co-quan", "").strip() or None,
    }


@require_GET
def procedure_list(request: HttpRequest) -> HttpResponse:
    """Search results or a browsed list, 20 to a page."""
    filters = _filters(request)
    context: dict[str, Any] = {"filters": filters, "life_events": life_events()}
    try:
        procedures = procedure_search_public(**filters)
    except InvalidInput as error:
        context["error"] = error.message
        return render(request, "portal/procedure_list.html", context, status=400)
    page = Paginator(procedures, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    context.update(page=page, page_query=query.urlencode())
    return render(request, "portal/procedure_list.html", context)


def channel_time_words(channel: ProcedureChannel) -> str:
    """The time of a channel in plain words: "5 ngày làm việc", "Trong ngày"."""
    if channel.time_unit == TimeUnit.SAME_DAY:
        return channel.get_time_unit_display().capitalize()
    if channel.time_amount is not None and not channel.time_unit:
        # A bare "3" as published: say what it is counted as (ADR 0009).
        return _("%(text)s (unit not published: counted as working days)") % {
            "text": channel.time_text or time_amount_words(channel.time_amount)
        }
    if channel.time_amount is None or not channel.time_unit:
        return channel.time_text or _("not published")
    amount = time_amount_words(channel.time_amount)
    return f"{amount} {channel.get_time_unit_display()}"


@require_GET
def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The plain-words page of one procedure, with a button to start."""
    try:
        page = procedure_public_page(code=code)
    except NotFound as error:
        missing: dict[str, Any] = {
            "error": error.message,
            "filters": {},
            "life_events": life_events(),
        }
        return render(request, "portal/procedure_list.html", missing, status=404)
    channels = [
        {"channel": channel, "time": channel_time_words(channel)}
        for channel in page.channels
    ]
    context: dict[str, Any] = {
        "page": page,
        "procedure": page.procedure,
        "channels": channels,
        "is_online": page.procedure.online_level != OnlineLevel.NONE,
    }
    return render(request, "portal/procedure_detail.html", context)
