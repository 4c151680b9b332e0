"""Public progress boards: per service point and agency, a TV mode, open data.

``/bang-tien-do/`` lists the boards; ``/bang-tien-do/<scope>/<code>/`` shows one
(``?tv=1`` or ``/tv/``: full screen for the hall, refreshing its figures itself with
htmx polling); ``du-lieu.csv`` and ``du-lieu.json`` give a period as open data.
No personal data: late dossiers appear with masked codes only.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.core.errors import InvalidInput, NotFound
from motcua.core.forms import date_parse
from motcua.reports.opendata import period_csv, period_json
from motcua.reports.selectors import (
    Board,
    PeriodFigures,
    boards_list,
    period_figures,
    progress_board,
)

# The hall TV polls every 30 s; tests may ask for a shorter interval, never under 2 s.
TV_EVERY_DEFAULT = 30
TV_EVERY_MIN = 2
TV_EVERY_MAX = 3600


def _every(request: HttpRequest) -> int:
    try:
        seconds = int(request.GET.get("every", TV_EVERY_DEFAULT))
    except ValueError:
        seconds = TV_EVERY_DEFAULT
    return min(max(seconds, TV_EVERY_MIN), TV_EVERY_MAX)


def _board_or_404(scope: str, code: str) -> Board:
    try:
        return progress_board(scope=scope, code=code, now=timezone.now())
    except NotFound as error:
        raise Http404(error.message) from error


def _no_store(response: HttpResponse) -> HttpResponse:
    # Figures change by the minute: a proxy or the TV must not show stale ones.
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def board_index(request: HttpRequest) -> HttpResponse:
    """The list of service points and agencies, each with a link to its board."""
    points, agencies = boards_list()
    context = {"points": points, "agencies": agencies}
    return render(request, "portal/board_index.html", context)


@require_GET
def board_detail(request: HttpRequest, scope: str, code: str) -> HttpResponse:
    """The board of one service point or agency; ``?tv=1`` for the hall TV."""
    if request.GET.get("tv"):
        return board_tv(request, scope, code)
    board = _board_or_404(scope, code)
    return _no_store(render(request, "portal/board.html", {"board": board}))


@require_GET
def board_tv(request: HttpRequest, scope: str, code: str) -> HttpResponse:
    """Full-screen mode: big figures that refresh themselves (htmx polling)."""
    board = _board_or_404(scope, code)
    kwargs = {"scope": scope, "code": board.subject.code}
    context = {
        "board": board,
        "every": _every(request),
        "figures_url": reverse("portal:board_figures", kwargs=kwargs),
    }
    return _no_store(render(request, "portal/board_tv.html", context))


@require_GET
def board_figures(request: HttpRequest, scope: str, code: str) -> HttpResponse:
    """The figures alone, for the TV's polling."""
    board = _board_or_404(scope, code)
    context = {"board": board, "tv": True}
    return _no_store(render(request, "portal/_board_figures.html", context))


def _date(value: str, default: date, field: str) -> date:
    if not value.strip():
        return default
    parsed = date_parse(value)
    if parsed is None:
        raise InvalidInput(
            _("Write the dates of the period as dd/mm/yyyy, e.g. 01/03/2026."),
            field_errors={field: _("Not a date.")},
        )
    return parsed


def _figures(request: HttpRequest, scope: str, code: str) -> PeriodFigures:
    """Parse ``start`` (included) and ``end`` (excluded); default: this month."""
    now = timezone.now()
    first = timezone.localdate(now).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    start = _date(request.GET.get("start", ""), first, "start")
    end = _date(request.GET.get("end", ""), following, "end")
    return period_figures(scope=scope, code=code, start=start, end=end, now=now)


def _bad_period(error: InvalidInput, *, as_json: bool) -> HttpResponse:
    if not as_json:
        return HttpResponse(
            error.message, status=400, content_type="text/plain; charset=utf-8"
        )
    body = {"detail": error.message, "errors": error.field_errors}
    return HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=400,
        content_type="application/json; charset=utf-8",
    )


def _file_name(figures: PeriodFigures, ext: str) -> str:
    safe = "".join(c if c.isalnum() or c in ".-" else "_" for c in figures.subject.code)
    return f"bang-tien-do-{safe}-{figures.start}-{figures.end}.{ext}"


@require_GET
def board_data_csv(request: HttpRequest, scope: str, code: str) -> HttpResponse:
    """Open data of a period as CSV (UTF-8 with BOM for Excel)."""
    try:
        figures = _figures(request, scope, code)
    except NotFound as error:
        raise Http404(error.message) from error
    except InvalidInput as error:
        return _bad_period(error, as_json=False)
    response = HttpResponse(period_csv(figures), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_file_name(figures, "csv")}"'
    )
    return response


@require_GET
def board_data_json(request: HttpRequest, scope: str, code: str) -> HttpResponse:
    """Open data of a period as JSON."""
    try:
        figures = _figures(request, scope, code)
    except NotFound as error:
        raise Http404(error.message) from error
    except InvalidInput as error:
        return _bad_period(error, as_json=True)
    return HttpResponse(
        json.dumps(period_json(figures), ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
