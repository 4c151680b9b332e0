"""Writes of the front hall's queue: every change of a ticket in one transaction."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.counters import counter_next, local_date
from motcua.core.errors import InvalidInput
from motcua.queueing.models import (
    ServiceLine,
    Ticket,
    TicketSequence,
    TicketSpan,
    TicketStatus,
)


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
