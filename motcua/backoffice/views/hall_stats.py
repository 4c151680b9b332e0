"""The hall manager's statistics: waits and services per line, counter,
officer, hour and day; abandoned tickets, booking no-shows, no-wait visits;
a CSV export of every ticket so the figures can be recomputed.

Who may see a hall's figures: the leaders of its operating agency and the city
supervisors above it (``agencies_overseen_by`` with the overseers' roles).
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from motcua.agencies.access import agencies_overseen_by
from motcua.agencies.models import ServicePoint
from motcua.backoffice.access import staff_required
from motcua.core.forms import date_field
from motcua.dossiers.workflow import OVERSEER_ROLES
from motcua.files.serving import harden
from motcua.queueing.selectors import hall_alerts, hall_board_get
from motcua.queueing.statistics import HallStatistics, hall_statistics

LONGEST_PERIOD_DAYS = 92


class PeriodForm(forms.Form):
    start = date_field(label=gettext_lazy("From"), required=False)
    end = date_field(label=gettext_lazy("To (included)"), required=False)


def _halls(request: HttpRequest) -> QuerySet[ServicePoint]:
    overseen = agencies_overseen_by(request.user, OVERSEER_ROLES)
    return ServicePoint.objects.filter(agency__in=overseen, is_active=True).order_by(
        "name"
    )


@staff_required
@require_GET
def hall_list(request: HttpRequest) -> HttpResponse:
    """The halls whose figures the user may see."""
    halls = list(_halls(request))
    if not halls:
        raise HttpForbidden(_("Only the leaders of a hall's agency see its figures."))
    return render(request, "backoffice/hall_list.html", {"halls": halls})


def _hall(request: HttpRequest, code: str) -> ServicePoint:
    halls = _halls(request)
    if not halls.exists():
        raise HttpForbidden(_("Only the leaders of a hall's agency see its figures."))
    hall = halls.filter(code=code).select_related("agency").first()
    if hall is None:
        raise Http404(_("No such hall among yours."))
    return hall


# How often the manager's view of the hall now refreshes itself.
NOW_SECONDS = 15


def _now_context(request: HttpRequest, code: str) -> dict[str, object]:
    hall = _hall(request, code)
    now = timezone.now()
    return {
        "hall": hall,
        "board": hall_board_get(service_point=hall, now=now),
        "alerts": hall_alerts(service_point=hall, now=now),
        "every": NOW_SECONDS,
    }


@staff_required
@require_GET
def hall_now(request: HttpRequest, code: str) -> HttpResponse:
    """The hall now, for its manager: queues, counters and alerts."""
    return render(request, "backoffice/hall_now.html", _now_context(request, code))


@staff_required
@require_GET
def hall_now_part(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "backoffice/_hall_now.html", _now_context(request, code))


def _statistics(request: HttpRequest, code: str) -> tuple[PeriodForm, HallStatistics]:
    hall = _hall(request, code)
    now = timezone.now()
    today = timezone.localdate(now)
    form = PeriodForm(request.GET or None)
    first, last = today.replace(day=1), today
    if form.is_valid():
        first = form.cleaned_data["start"] or first
        last = form.cleaned_data["end"] or last
    if last < first:
        first, last = last, first
    last = min(last, first + timedelta(days=LONGEST_PERIOD_DAYS - 1))
    return form, hall_statistics(service_point=hall, first=first, last=last, now=now)


@staff_required
@require_GET
def hall_stats(request: HttpRequest, code: str) -> HttpResponse:
    form, stats = _statistics(request, code)
    context = {"form": form, "stats": stats, "query": request.GET.urlencode()}
    return render(request, "backoffice/hall_stats.html", context)


def _minutes(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


@staff_required
@require_GET
def hall_stats_csv(request: HttpRequest, code: str) -> HttpResponse:
    """Every ticket of the period with its times (UTF-8 with BOM for Excel)."""
    _form, stats = _statistics(request, code)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(
        [
            "so_thu_tu",
            "ngay",
            "dong_dich_vu",
            "lay_so_luc",
            "cho_phut",
            "phuc_vu_phut",
            "quay",
            "can_bo",
            "trang_thai",
            "bo_ve",
        ]
    )
    for row in stats.rows:
        ticket = row.ticket
        writer.writerow(
            [
                ticket.code,
                ticket.day.isoformat(),
                ticket.queue_line.prefix,
                timezone.localtime(ticket.issued_at).isoformat(timespec="seconds"),
                _minutes(row.waited),
                _minutes(row.served or None),
                row.counter or "",
                row.officer,
                ticket.status,
                int(row.abandoned),
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"so-thu-tu-{stats.hall.code}-{stats.first}-{stats.last}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return harden(response)
