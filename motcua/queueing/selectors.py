"""Reads of the front hall's queue."""

from __future__ import annotations

from motcua.queueing.models import Ticket, TicketStatus


def ticket_people_ahead(ticket: Ticket) -> int:
    """Tickets of the same line and day still waiting with a smaller number."""
    return Ticket.objects.filter(
        line_id=ticket.line_id,
        day=ticket.day,
        status=TicketStatus.WAITING,
        number__lt=ticket.number,
    ).count()
