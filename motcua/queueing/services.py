"""Writes of the front hall's queue: every change of a ticket in one transaction."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.models import Counter
from motcua.core.counters import counter_next, local_date
from motcua.core.errors import Conflict, InvalidInput, NotFound
from motcua.queueing.models import (
    ServiceLine,
    Ticket,
    TicketSequence,
    TicketSpan,
    TicketStatus,
)
from motcua.queueing.workflow import TRANSITIONS, TicketAction


def ticket_issue(*, line: ServiceLine, now: datetime) -> Ticket:
    """Issue the next ticket of ``line`` for the local day of ``now``.

    Numbers restart each local day (midnight in Vietnam, not in UTC) and are
    never given twice, however many kiosks print at once.

    Raises:
        InvalidInput: the line is closed.
    """
    if not line.is_active:
        raise InvalidInput(
            _("The line %(line)s takes no tickets now.") % {"line": line},
            field_errors={"line": _("This line is closed.")},
        )
    with transaction.atomic():
        day = local_date(now)
        ticket = Ticket.objects.create(
            line=line,
            day=day,
            number=counter_next(TicketSequence, line=line, day=day),
            status=TicketStatus.WAITING,
            issued_at=now,
            follow_key=secrets.token_urlsafe(16),
        )
        TicketSpan.objects.create(
            ticket=ticket, status=TicketStatus.WAITING, started_at=now
        )
    return ticket


def _span_next(
    ticket: Ticket,
    status: TicketStatus,
    *,
    now: datetime,
    counter: Counter | None = None,
    officer: User | None = None,
) -> None:
    """Close the ticket's open span at ``now`` and open one for ``status``."""
    TicketSpan.objects.filter(ticket=ticket, ended_at__isnull=True).update(ended_at=now)
    TicketSpan.objects.create(
        ticket=ticket, status=status, started_at=now, counter=counter, officer=officer
    )
    ticket.status = status
    ticket.counter = counter or ticket.counter
    ticket.save(update_fields=["status", "counter"])


def ticket_call_next(
    *, line: ServiceLine, counter: Counter, officer: User, now: datetime
) -> Ticket | None:
    """Call the first waiting ticket of ``line`` today to ``counter``; None if none.

    Two officers calling at the same moment get two different tickets: the row
    is taken with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL (SQLite serialises the
    writers).

    Raises:
        InvalidInput: the counter is not one of the line's service point.
    """
    if counter.service_point_id != line.service_point_id:
        raise InvalidInput(
            _("Counter %(counter)s is not in this hall.") % {"counter": counter},
            field_errors={"counter": _("Choose a counter of this hall.")},
        )
    with transaction.atomic():
        ticket = (
            Ticket.objects.select_for_update(skip_locked=True)
            .filter(line=line, day=local_date(now), status=TicketStatus.WAITING)
            .order_by("number")
            .first()
        )
        if ticket is None:
            return None
        target = TRANSITIONS[TicketAction.CALL][1]
        _span_next(ticket, target, now=now, counter=counter, officer=officer)
    return ticket


def ticket_act(
    *,
    ticket_id: int,
    action: TicketAction,
    counter: Counter,
    officer: User,
    now: datetime,
) -> Ticket:
    """Take ``action`` on the ticket at ``counter``, as the table allows.

    Raises:
        NotFound: no ticket ``ticket_id`` in the counter's hall.
        Conflict: the action does not apply to the ticket's state.
    """
    sources, target = TRANSITIONS[action]
    with transaction.atomic():
        ticket = (
            # Lock the ticket only, not its line: officers at other tickets go on.
            Ticket.objects.select_for_update(of=("self",))
            .select_related("line")
            .filter(pk=ticket_id, line__service_point_id=counter.service_point_id)
            .first()
        )
        if ticket is None:
            raise NotFound(_("No such ticket in this hall."))
        if ticket.status not in sources:
            raise Conflict(
                _("Ticket %(code)s is %(status)s: it cannot %(action)s.")
                % {
                    "code": ticket.code,
                    "status": TicketStatus(ticket.status).label,
                    "action": action.label,
                }
            )
        _span_next(ticket, target, now=now, counter=counter, officer=officer)
    return ticket
