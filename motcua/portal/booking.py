"""Booking a slot at a hall online (đặt lịch hẹn), with or without an account.

Anyone books with a phone number (a logged-in citizen's is filled in and the
booking is tied to the account). A booking is shown, moved or cancelled only
with its code and its phone: the pair is kept in the browser's session once
given (after booking, or typed on the booking's page), never in an address.
Every write and every phone check counts against the public rate limit.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.dateparse import parse_date, parse_time
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.accounts.models import User
from motcua.agencies.models import ServicePoint
from motcua.core.errors import DomainError, NotFound
from motcua.core.numbers import request_int
from motcua.portal.limits import public_limit
from motcua.printed_forms.rendering import qr_data_uri
from motcua.procedures.models import Procedure
from motcua.queueing.booking import bookable_days
from motcua.queueing.models import Appointment, ServiceLine
from motcua.queueing.selectors import (
    appointment_get,
    booking_halls,
    booking_lines,
    slot_choices,
)
from motcua.queueing.services import (
    appointment_book,
    appointment_cancel,
    appointment_move,
)

SESSION_KEY = "bookings"  # {code: phone} of the bookings this browser may see


def _remember(request: HttpRequest, appointment: Appointment) -> None:
    held = dict(request.session.get(SESSION_KEY, {}))
    held[appointment.code] = appointment.phone
    request.session[SESSION_KEY] = held


def _phone_held(request: HttpRequest, code: str) -> str:
    return str(dict(request.session.get(SESSION_KEY, {})).get(code.upper(), ""))


def _fresh(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


@require_GET
def booking_index(request: HttpRequest) -> HttpResponse:
    """The halls that take online booking."""
    return render(request, "portal/booking_index.html", {"halls": booking_halls()})


def _hall(code: str) -> ServicePoint | None:
    return ServicePoint.objects.filter(code=code, is_active=True).first()


def _picker(hall: ServicePoint, params: Any) -> dict[str, Any]:
    """The line, day and slots chosen so far (the booking form's state)."""
    now = timezone.now()
    lines = booking_lines(hall)
    line = next(
        (x for x in lines if x.pk == request_int(params.get("line"))),
        lines[0] if lines else None,
    )
    days = bookable_days(line, now=now) if line else []
    day = parse_date(str(params.get("day", ""))) if params.get("day") else None
    if day not in days:
        day = days[0] if days else None
    slots = slot_choices(line, day, now=now) if line and day else []
    return {
        "hall": hall,
        "lines": lines,
        "line": line,
        "days": days,
        "day": day,
        "slots": slots,
        "procedures": list(line.procedures.order_by("name")) if line else [],
    }


@require_http_methods(["GET", "POST"])
def booking_hall(request: HttpRequest, code: str) -> HttpResponse:
    """Choose a line, a day and a time, give a phone, book."""
    hall = _hall(code)
    if hall is None:
        return render(
            request,
            "portal/booking_index.html",
            {"halls": booking_halls(), "error": _("No such hall takes bookings.")},
            status=404,
        )
    params = request.POST if request.method == "POST" else request.GET
    context = _picker(hall, params)
    user = request.user
    citizen = user if isinstance(user, User) and hasattr(user, "citizen") else None
    context["phone"] = params.get("phone", "") or (citizen.phone if citizen else "")
    context["name"] = params.get("name", "") or (citizen.full_name if citizen else "")
    if request.method != "POST":
        return _fresh(render(request, "portal/booking_hall.html", context))
    _client, refused = public_limit(request, timezone.now())
    if refused is not None:
        return refused
    line: ServiceLine | None = context["line"]
    day: date | None = context["day"]
    slot = parse_time(str(params.get("slot", ""))) if params.get("slot") else None
    procedure_code = str(params.get("procedure", "")).strip()
    procedure = (
        Procedure.objects.filter(code=procedure_code).first()
        if procedure_code
        else None
    )
    if line is None or day is None or slot is None:
        context["error"] = _("Choose a line, a day and a time.")
        return _fresh(render(request, "portal/booking_hall.html", context, status=422))
    try:
        appointment = appointment_book(
            line=line,
            day=day,
            slot=slot,
            phone=str(params.get("phone", "")),
            name=str(params.get("name", "")),
            procedure=procedure,
            citizen=citizen,
            now=timezone.now(),
        )
    except DomainError as error:
        context["error"] = error.message
        context["field_errors"] = error.field_errors
        status = error.status_code if error.status_code != 400 else 422
        return _fresh(
            render(request, "portal/booking_hall.html", context, status=status)
        )
    _remember(request, appointment)
    messages.success(
        request, _("Your booking is made: the code was sent to your phone.")
    )
    return redirect("portal:booking_detail", code=appointment.code)


@require_http_methods(["GET", "POST"])
def booking_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A booking, for whoever gave its phone: time, place, QR, move or cancel."""
    code = code.upper()[:12]
    phone = _phone_held(request, code)
    if request.method == "POST":
        _client, refused = public_limit(request, timezone.now())
        if refused is not None:
            return refused
        phone = str(request.POST.get("phone", ""))
    if not phone:
        return _fresh(render(request, "portal/booking_check.html", {"code": code}))
    try:
        appointment = appointment_get(code=code, phone=phone)
    except NotFound as failed:
        refusal = {"code": code, "error": failed.message}
        return _fresh(render(request, "portal/booking_check.html", refusal, status=404))
    _remember(request, appointment)
    now = timezone.now()
    context: dict[str, Any] = {
        "appointment": appointment,
        "qr": qr_data_uri(appointment.code),
        "days": bookable_days(appointment.line, now=now),
    }
    day = parse_date(request.GET.get("day", "")) if request.GET.get("day") else None
    context["day"] = day if day in context["days"] else appointment.day
    if context["day"] in context["days"]:
        context["slots"] = slot_choices(appointment.line, context["day"], now=now)
    return _fresh(render(request, "portal/booking_detail.html", context))


def _held_or_check(request: HttpRequest, code: str) -> str | HttpResponse:
    phone = _phone_held(request, code)
    if not phone:
        return redirect("portal:booking_detail", code=code.upper())
    return phone


@require_POST
def booking_cancel(request: HttpRequest, code: str) -> HttpResponse:
    phone = _held_or_check(request, code)
    if isinstance(phone, HttpResponse):
        return phone
    try:
        appointment_cancel(code=code, phone=phone, now=timezone.now())
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Your booking is cancelled."))
    return redirect("portal:booking_detail", code=code.upper())


@require_POST
def booking_move(request: HttpRequest, code: str) -> HttpResponse:
    phone = _held_or_check(request, code)
    if isinstance(phone, HttpResponse):
        return phone
    day = parse_date(request.POST.get("day", "")) if request.POST.get("day") else None
    slot = (
        parse_time(request.POST.get("slot", "")) if request.POST.get("slot") else None
    )
    if day is None or slot is None:
        messages.error(request, _("Choose a day and a time."))
        return redirect("portal:booking_detail", code=code.upper())
    try:
        appointment_move(
            code=code,
            phone=phone,
            day=day,
            slot=time(slot.hour, slot.minute),
            now=timezone.now(),
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("Your booking is moved: the new time was sent to your phone.")
        )
    return redirect("portal:booking_detail", code=code.upper())


@require_http_methods(["GET", "POST"])
def booking_find(request: HttpRequest) -> HttpResponse:
    """Find one's booking by its code and phone."""
    if request.method != "POST":
        return _fresh(render(request, "portal/booking_check.html", {"code": ""}))
    _client, refused = public_limit(request, timezone.now())
    if refused is not None:
        return refused
    try:
        appointment = appointment_get(
            code=str(request.POST.get("code", "")),
            phone=str(request.POST.get("phone", "")),
        )
    except NotFound as failed:
        context = {"code": "", "error": failed.message}
        return _fresh(render(request, "portal/booking_check.html", context, status=404))
    _remember(request, appointment)
    return redirect("portal:booking_detail", code=appointment.code)
