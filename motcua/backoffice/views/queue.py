"""The counter console: an officer opens a counter and calls the hall's queue.

Each button posts one service call (``queueing.services``) and comes back to
the console; the panel refreshes itself every few seconds (htmx) so the
officer sees the queue grow. "Serve" opens the reception screen with the
ticket's procedure chosen; the dossier received there remembers the ticket.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.agencies.models import Counter
from motcua.backoffice.access import staff_required
from motcua.backoffice.views.counter import _officer
from motcua.core.errors import DomainError
from motcua.core.numbers import request_int
from motcua.queueing.models import CounterSession, ServiceLine
from motcua.queueing.selectors import (
    counter_console_get,
    counter_session_of,
    lines_for_officer,
)
from motcua.queueing.services import (
    counter_close,
    counter_open,
    counter_pause,
    ticket_act,
    ticket_call_next,
)
from motcua.queueing.workflow import TicketAction

# How often the console's panel refreshes itself.
PANEL_SECONDS = 5
# The buttons of a ticket at the counter (the transfer has its own form).
ACTIONS = {
    TicketAction.RECALL,
    TicketAction.SERVE,
    TicketAction.FINISH,
    TicketAction.NO_SHOW,
    TicketAction.PARK,
    TicketAction.CALL_BACK,
    TicketAction.TRANSFER,
    TicketAction.GIVE_UP,
    TicketAction.CANCEL,
}


def _console_context(request: HttpRequest) -> dict[str, object]:
    user, points = _officer(request)
    view = counter_console_get(officer=user, now=timezone.now())
    context: dict[str, object] = {"console": view, "panel_seconds": PANEL_SECONDS}
    if view.session is None:
        counters = list(
            Counter.objects.filter(service_point__in=points, is_active=True)
            .select_related("service_point")
            .order_by("service_point__name", "number")
        )
        context["counters"] = counters
        chosen = request_int(request.GET.get("counter"))
        counter = next((c for c in counters if c.pk == chosen), None)
        if counter is None and counters:
            counter = counters[0]
        context["counter"] = counter
        context["lines"] = (
            lines_for_officer(counter=counter, officer=user) if counter else []
        )
    return context


@staff_required
@require_GET
def queue_console(request: HttpRequest) -> HttpResponse:
    """The console: open a counter, or work the one open."""
    return render(request, "backoffice/queue_console.html", _console_context(request))


@staff_required
@require_GET
def queue_panel(request: HttpRequest) -> HttpResponse:
    """The console's changing part, for its own refresh."""
    return render(request, "backoffice/_queue_panel.html", _console_context(request))


def _back() -> HttpResponse:
    return redirect("backoffice:queue_console")


def _session(request: HttpRequest) -> CounterSession | None:
    user, _points = _officer(request)
    session = counter_session_of(user)
    if session is None:
        messages.error(request, _("Your counter is closed: open it again."))
    return session


@staff_required
@require_POST
def queue_open(request: HttpRequest) -> HttpResponse:
    user, points = _officer(request)
    counter = Counter.objects.filter(
        pk=request_int(request.POST.get("counter")) or 0, service_point__in=points
    ).first()
    if counter is None:
        messages.error(request, _("Choose one of your hall's counters."))
        return _back()
    line_ids = [n for n in map(request_int, request.POST.getlist("lines")) if n]
    lines = list(
        ServiceLine.objects.filter(pk__in=line_ids, service_point=counter.service_point)
    )
    try:
        counter_open(counter=counter, officer=user, now=timezone.now(), lines=lines)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("Counter %(number)s is open.") % {"number": counter.number}
        )
    return _back()


@staff_required
@require_POST
def queue_next(request: HttpRequest) -> HttpResponse:
    session = _session(request)
    if session is None:
        return _back()
    try:
        ticket = ticket_call_next(session=session, now=timezone.now())
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        if ticket is None:
            messages.info(request, _("Nobody is waiting for this counter."))
    return _back()


@staff_required
@require_POST
def queue_act(request: HttpRequest) -> HttpResponse:
    session = _session(request)
    if session is None:
        return _back()
    try:
        action = TicketAction(request.POST.get("action", ""))
    except ValueError:
        action = None
    if action not in ACTIONS:
        messages.error(request, _("Choose one of the console's buttons."))
        return _back()
    hall = session.counter.service_point_id
    to_line = ServiceLine.objects.filter(
        pk=request_int(request.POST.get("to_line")) or 0, service_point_id=hall
    ).first()
    to_counter = Counter.objects.filter(
        pk=request_int(request.POST.get("to_counter")) or 0, service_point_id=hall
    ).first()
    try:
        ticket = ticket_act(
            ticket_id=request_int(request.POST.get("ticket")) or 0,
            action=action,
            session=session,
            now=timezone.now(),
            to_line=to_line,
            to_counter=to_counter,
        )
    except DomainError as error:
        messages.error(request, str(error.message))
        return _back()
    if action == TicketAction.SERVE:
        query = {"ticket": str(ticket.pk), "service_point": str(hall)}
        procedure = ticket.procedure
        if procedure is not None:
            query["procedure"] = procedure.code
        return redirect(f"{reverse('backoffice:counter')}?{urlencode(query)}")
    return _back()


@staff_required
@require_POST
def queue_pause(request: HttpRequest) -> HttpResponse:
    session = _session(request)
    if session is None:
        return _back()
    pause = request.POST.get("pause") == "1"
    try:
        counter_pause(session=session, now=timezone.now(), pause=pause)
    except DomainError as error:
        messages.error(request, str(error.message))
    return _back()


@staff_required
@require_POST
def queue_close(request: HttpRequest) -> HttpResponse:
    session = _session(request)
    if session is None:
        return _back()
    try:
        counter_close(session=session, now=timezone.now())
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Counter closed."))
    return _back()
