"""Reads of the front hall's queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from motcua.core.errors import NotFound
from motcua.queueing.models import Ticket, TicketStatus


def ticket_people_ahead(ticket: Ticket) -> int:
    """Tickets of the same line and day still waiting with a smaller number."""
    return Ticket.objects.filter(
        line_id=ticket.line_id,
        day=ticket.day,
        status=TicketStatus.WAITING,
        number__lt=ticket.number,
    ).count()


@dataclass(frozen=True)
class TicketFollow:
    """What a citizen's phone shows of a ticket (no personal data: none is held)."""

    code: str
    line_name: str
    hall_name: str
    status: TicketStatus
    people_ahead: int
    counter_number: int | None
    issued_at: datetime

    @property
    def called(self) -> bool:
        return self.status in (TicketStatus.CALLED, TicketStatus.SERVING)

    @property
    def waiting(self) -> bool:
        return self.status == TicketStatus.WAITING


def ticket_follow_get(*, follow_key: str) -> TicketFollow:
    """Return the ticket whose QR holds ``follow_key``, as its phone page shows it.

    Raises:
        NotFound: no ticket has that key.
    """
    ticket = (
        Ticket.objects.select_related("line__service_point", "counter")
        .filter(follow_key=follow_key.strip()[:64])
        .first()
    )
    if ticket is None:
        raise NotFound(_("This ticket does not exist; scan its QR code again."))
    return TicketFollow(
        code=ticket.code,
        line_name=ticket.line.name,
        hall_name=ticket.line.service_point.name,
        status=TicketStatus(ticket.status),
        people_ahead=ticket_people_ahead(ticket)
        if ticket.status == TicketStatus.WAITING
        else 0,
        counter_number=ticket.counter.number if ticket.counter else None,
        issued_at=ticket.issued_at,
    )
