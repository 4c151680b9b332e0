"""The hall's unattended devices: the ticket kiosk and the display boards.

Nobody logs in on them: each device's address carries the key the hall's
administrator gave it (``HallDevice``); an unknown or withdrawn key is a 404.
Displays poll their board with the version they show; an unchanged board is an
empty 204 answer after one query: the device by its key, with its hall's board
version (ADR 0014).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.core.errors import DomainError, NotFound
from motcua.core.numbers import request_int
from motcua.portal.hall_slips import SLIP_PAPERS, slip_paper, ticket_slip_pdf
from motcua.printed_forms.rendering import qr_data_uri
from motcua.procedures.models import Procedure
from motcua.queueing.models import (
    DeviceKind,
    HallDevice,
    ServiceLine,
)
from motcua.queueing.policies import day_effects
from motcua.queueing.selectors import (
    hall_board_get,
    hall_call_text,
    hall_device_get,
    kiosk_choices,
    kiosk_priorities,
    ticket_follow_get,
)
from motcua.queueing.services import (
    appointment_check_in,
    hall_device_seen,
    ticket_issue,
)
from motcua.queueing.speech import chime_wav, engine, speech_file

# A display asks this often; its answer is usually an empty 204.
POLL_SECONDS = 1
# The kiosk goes back to its first screen after showing a ticket.
KIOSK_RETURN_SECONDS = 20


def _device(key: str, *kinds: DeviceKind) -> HallDevice:
    device = hall_device_get(key=key)
    if kinds and device.kind not in kinds:
        raise NotFound(
            _("This screen is not registered; ask the hall's administrator.")
        )
    hall_device_seen(device, now=timezone.now())
    return device


def _missing(request: HttpRequest, error: NotFound) -> HttpResponse:
    response = render(
        request, "portal/hall/missing.html", {"error": error.message}, status=404
    )
    add_never_cache_headers(response)
    return response


def _fresh(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


@require_GET
def hall_device(request: HttpRequest, key: str) -> HttpResponse:
    """The device's page: the kiosk's first screen, or a full-screen board."""
    try:
        device = _device(key)
    except NotFound as error:
        return _missing(request, error)
    if device.kind == DeviceKind.KIOSK:
        return _kiosk(request, device)
    return _fresh(render(request, "portal/hall/display.html", _board(request, device)))


def _kiosk(request: HttpRequest, device: HallDevice) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    choices = kiosk_choices(
        service_point=device.service_point, now=timezone.now(), query=query
    )
    context = _kiosk_context(device, request.GET.get("priority"))
    context.update(choices=choices, query=query)
    return _fresh(render(request, "portal/hall/kiosk.html", context))


def _kiosk_context(device: HallDevice, priority: object) -> dict[str, Any]:
    """What every kiosk screen shows: the hall, its priorities, the one chosen."""
    priorities = kiosk_priorities(device.service_point)
    chosen = request_int(priority)
    today = timezone.localdate(timezone.now())
    return {
        "day_effects": day_effects(service_point_id=device.service_point_id, day=today),
        "device": device,
        "hall": device.service_point,
        "priorities": priorities,
        "priority": next((p for p in priorities if p.pk == chosen), None),
        "take_url": reverse("portal:kiosk_take", args=[device.key]),
        "check_in_url": reverse("portal:kiosk_check_in", args=[device.key]),
    }


@require_POST
def kiosk_take(request: HttpRequest, key: str) -> HttpResponse:
    """Issue a ticket for the line (and procedure) touched; show it to print."""
    try:
        device = _device(key, DeviceKind.KIOSK)
    except NotFound as error:
        return _missing(request, error)
    line = ServiceLine.objects.filter(
        pk=request_int(request.POST.get("line")) or 0,
        service_point=device.service_point,
    ).first()
    code = request.POST.get("procedure", "").strip()[:40]
    procedure = Procedure.objects.filter(code=code).first() if code else None
    chosen = request_int(request.POST.get("priority"))
    priority = next(
        (p for p in kiosk_priorities(device.service_point) if p.pk == chosen), None
    )
    if line is None:
        return _kiosk_error(request, device, _("Choose a line on the screen."))
    try:
        ticket = ticket_issue(
            line=line, now=timezone.now(), procedure=procedure, priority=priority
        )
    except DomainError as error:
        return _kiosk_error(request, device, str(error.message))
    return redirect("portal:kiosk_ticket", key=device.key, follow=ticket.follow_key)


@require_POST
def kiosk_check_in(request: HttpRequest, key: str) -> HttpResponse:
    """A booking's code, typed or scanned: its ticket, with priority in time."""
    try:
        device = _device(key, DeviceKind.KIOSK)
    except NotFound as error:
        return _missing(request, error)
    code = request.POST.get("code", "")
    if not code.strip():
        return _kiosk_error(
            request, device, _("Type or scan the code of your booking.")
        )
    try:
        ticket = appointment_check_in(
            service_point_id=device.service_point_id, code=code, now=timezone.now()
        )
    except DomainError as error:
        return _kiosk_error(request, device, str(error.message))
    return redirect("portal:kiosk_ticket", key=device.key, follow=ticket.follow_key)


def _kiosk_error(
    request: HttpRequest, device: HallDevice, message: str
) -> HttpResponse:
    context = {
        "device": device,
        "hall": device.service_point,
        "choices": kiosk_choices(
            service_point=device.service_point, now=timezone.now()
        ),
        "error": message,
        "take_url": reverse("portal:kiosk_take", args=[device.key]),
        "check_in_url": reverse("portal:kiosk_check_in", args=[device.key]),
    }
    return _fresh(render(request, "portal/hall/kiosk.html", context, status=422))


def _slip_context(request: HttpRequest, key: str, follow: str) -> dict[str, Any]:
    device = _device(key, DeviceKind.KIOSK)
    ticket = ticket_follow_get(follow_key=follow, now=timezone.now())
    if ticket.hall_code != device.service_point.code:
        raise NotFound(_("This ticket does not exist; scan its QR code again."))
    follow_url = request.build_absolute_uri(
        reverse("portal:ticket_follow", args=[follow])
    )
    return {
        "device": device,
        "ticket": ticket,
        "qr": qr_data_uri(follow_url),
        "follow_url": follow_url,
        "paper": slip_paper(request.GET.get("paper", "")),
        "papers": SLIP_PAPERS,
    }


@require_GET
def kiosk_ticket(request: HttpRequest, key: str, follow: str) -> HttpResponse:
    """The ticket just taken, printed by the kiosk (its print stylesheet fits the
    roll chosen with ``?paper=``), then back to the first screen."""
    try:
        context = _slip_context(request, key, follow)
    except NotFound as error:
        return _missing(request, error)
    context["return_seconds"] = KIOSK_RETURN_SECONDS
    context["home_url"] = reverse("portal:hall_device", args=[key])
    return _fresh(render(request, "portal/hall/kiosk_ticket.html", context))


@require_GET
def kiosk_ticket_pdf(request: HttpRequest, key: str, follow: str) -> HttpResponse:
    """The ticket as a PDF sized to the paper (80 mm or 58 mm roll, A6)."""
    try:
        context = _slip_context(request, key, follow)
    except NotFound as error:
        return _missing(request, error)
    pdf = ticket_slip_pdf(context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{context["ticket"].code}.pdf"'
    return _fresh(response)


def _board(request: HttpRequest, device: HallDevice) -> dict[str, Any]:
    hall = device.service_point
    board = hall_board_get(service_point=hall, now=timezone.now())
    counter = None
    if device.kind == DeviceKind.COUNTER_DISPLAY and device.counter is not None:
        counter = next(
            (row for row in board.counters if row.number == device.counter.number),
            None,
        )
    speaks = device.kind == DeviceKind.HALL_DISPLAY and device.voice
    return {
        "voice": speaks and engine() is not None,
        "day_effects": day_effects(
            service_point_id=hall.pk, day=timezone.localdate(timezone.now())
        ),
        "device": device,
        "board": board,
        "counter": counter,
        "notice_subject": SimpleNamespace(scope="service_point", code=hall.code),
        "poll_url": reverse("portal:hall_board", args=[device.key]),
        "poll_seconds": POLL_SECONDS,
    }


def _wav(content: bytes | FileResponse) -> HttpResponse | FileResponse:
    response = (
        content
        if isinstance(content, FileResponse)
        else HttpResponse(content, content_type="audio/wav")
    )
    response["Content-Type"] = "audio/wav"
    # A phrase never changes: the browser keeps it for the day.
    patch_cache_control(response, public=True, max_age=86_400)
    return response


@require_GET
def hall_chime(request: HttpRequest, key: str) -> HttpResponse | FileResponse:
    """The chime a display plays before each call."""
    try:
        _device(key, DeviceKind.HALL_DISPLAY)
    except NotFound:
        return _fresh(HttpResponse(status=404))
    return _wav(chime_wav())


@require_GET
def hall_voice(
    request: HttpRequest, key: str, ticket: int
) -> HttpResponse | FileResponse:
    """A call of the hall spoken in Vietnamese (made once, then from the cache);
    404 where the server has no speech engine: the display shows the text."""
    try:
        device = _device(key, DeviceKind.HALL_DISPLAY)
        text = hall_call_text(
            service_point_id=device.service_point_id, ticket_id=ticket
        )
    except NotFound:
        return _fresh(HttpResponse(status=404))
    path = speech_file(text)
    if path is None:
        return _fresh(HttpResponse(status=404))
    return _wav(FileResponse(path.open("rb")))


@require_GET
def hall_board(request: HttpRequest, key: str) -> HttpResponse:
    """The board's changing part, for a display's poll: ``204`` when the
    version it shows (``?v=``) is still the hall's."""
    try:
        device = _device(key, DeviceKind.HALL_DISPLAY, DeviceKind.COUNTER_DISPLAY)
    except NotFound:
        return _fresh(HttpResponse(status=404))
    shown = request_int(request.GET.get("v"))
    # ``hall_device_get`` read the version with the device: one query.
    if shown is not None and shown == int(getattr(device, "board_version", -1)):
        return _fresh(HttpResponse(status=204))
    return _fresh(render(request, "portal/hall/_board.html", _board(request, device)))
