"""Reads of the front hall's queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil, floor

from django.utils.translation import gettext as _

from motcua.core.errors import NotFound
from motcua.queueing.models import Ticket, TicketSpan, TicketStatus


def ticket_people_ahead(ticket: Ticket) -> int:
    """Tickets of the same line and day still waiting with a smaller number."""
    return Ticket.objects.filter(
        line_id=ticket.line_id,
        day=ticket.day,
        status=TicketStatus.WAITING,
        number__lt=ticket.number,
    ).count()


# The wait estimate (docs/queue-wait-estimate.md).
RECENT_SERVICES = 30  # the last services of the line that set the pace
OPEN_COUNTER_MINUTES = 30  # a counter that called this line lately is open to it


@dataclass(frozen=True)
class WaitRange:
    """Minutes a waiting ticket may still wait: a range, never a false minute."""

    low: int
    high: int


def _quartiles(minutes: list[float]) -> tuple[float, float]:
    ordered = sorted(minutes)
    last = len(ordered) - 1
    return ordered[round(last * 0.25)], ordered[round(last * 0.75)]


def ticket_wait_estimate(ticket: Ticket, *, now: datetime) -> WaitRange | None:
    """How long ``ticket`` may wait at ``now``, from the line's recent services.

    None when the ticket does not wait or the line has no service on record yet.
    """
    if ticket.status != TicketStatus.WAITING:
        return None
    spans = TicketSpan.objects.filter(
        ticket__line_id=ticket.line_id,
        status=TicketStatus.SERVING,
        ended_at__isnull=False,
        ended_at__lte=now,
    ).order_by("-ended_at")[:RECENT_SERVICES]
    served = [
        (span.ended_at - span.started_at).total_seconds() / 60
        for span in spans
        if span.ended_at is not None
    ]
    if not served:
        return None
    counters = (
        TicketSpan.objects.filter(
            ticket__line_id=ticket.line_id,
            counter__isnull=False,
            started_at__gt=now - timedelta(minutes=OPEN_COUNTER_MINUTES),
            started_at__lte=now,
        )
        .values("counter_id")
        .distinct()
        .count()
    )
    # The people ahead are served side by side at the open counters; this ticket
    # waits for their services, shared out, before its own call.
    ahead = ticket_people_ahead(ticket)
    share = ahead / max(counters, 1)
    low, high = _quartiles(served)
    return WaitRange(low=floor(share * low), high=ceil(share * high))


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
    wait: WaitRange | None = None

    @property
    def called(self) -> bool:
        return self.status in (TicketStatus.CALLED, TicketStatus.SERVING)

    @property
    def waiting(self) -> bool:
        return self.status == TicketStatus.WAITING


def ticket_follow_get(*, follow_key: str, now: datetime) -> TicketFollow:
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
        wait=ticket_wait_estimate(ticket, now=now),
    )
