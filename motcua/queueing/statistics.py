"""The hall's statistics, read from the timed spans of its tickets.

Waiting time is from a ticket's issue to its first call; service time is the sum
of its ``serving`` spans. A ticket is abandoned when it ended a past day not
served (not come, cancelled, still set aside or waiting at closing). Nothing
here is stored: every figure is recomputed from the rows, so anyone can check it
against the export.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from motcua.agencies.models import ServicePoint
from motcua.core.counters import local_date
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.queueing.models import (
    Appointment,
    Ticket,
    TicketDossier,
    TicketSpan,
    TicketStatus,
)
from motcua.queueing.policies import day_effects
from motcua.queueing.selectors import appointment_no_shows

# The hall's target for a wait, and a no-wait procedure's from ticket to result.
WAIT_TARGET_MINUTES = 30
NO_WAIT_TARGET_MINUTES = 30
HOURS = range(7, 18)  # the heat map's columns (a hall opens 07:00–17:59)


def wait_target_minutes() -> int:
    return int(getattr(settings, "MOTCUA_WAIT_TARGET_MINUTES", WAIT_TARGET_MINUTES))


def no_wait_target_minutes() -> int:
    return int(
        getattr(settings, "MOTCUA_NO_WAIT_TARGET_MINUTES", NO_WAIT_TARGET_MINUTES)
    )


@dataclass
class TicketTimes:
    """One ticket as the statistics read it."""

    ticket: Ticket
    waited: float | None  # minutes from issue to first call; None: never called
    served: float  # minutes in service
    counter: int | None
    officer: str
    abandoned: bool


@dataclass
class Figures:
    tickets: int = 0
    served: int = 0
    abandoned: int = 0
    waits: list[float] = field(default_factory=list)
    services: list[float] = field(default_factory=list)

    def add(self, row: TicketTimes) -> None:
        self.tickets += 1
        self.abandoned += row.abandoned
        if row.waited is not None:
            self.waits.append(row.waited)
        if row.served:
            self.served += 1
            self.services.append(row.served)

    @property
    def wait_mean(self) -> float | None:
        return sum(self.waits) / len(self.waits) if self.waits else None

    @property
    def wait_p90(self) -> float | None:
        if not self.waits:
            return None
        ordered = sorted(self.waits)
        return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]

    @property
    def service_mean(self) -> float | None:
        return sum(self.services) / len(self.services) if self.services else None


@dataclass(frozen=True)
class NoWaitVisit:
    dossier_code: str
    procedure_name: str
    ticket_code: str
    issued_at: datetime
    returned_at: datetime
    minutes: float
    missed: bool


@dataclass
class HallStatistics:
    hall: ServicePoint
    first: date
    last: date
    wait_target: int
    total: Figures
    by_line: list[tuple[str, Figures]]
    by_counter: list[tuple[int, Figures]]
    by_officer: list[tuple[str, Figures]]
    by_day: list[tuple[date, Figures]]
    # Weekday label, and per hour the arrivals and their share of the busiest
    # hour (0–100, the cell's shade).
    heat: list[tuple[str, list[tuple[int, int]]]]
    hours: list[int]
    appointments: int
    appointment_no_shows: int
    no_wait: list[NoWaitVisit]
    no_wait_target: int
    rows: list[TicketTimes]
    # Dossiers received at the hall on its days without a paper receipt, and on
    # its days of prefilled declarations (each a paper not printed, a form not
    # written by hand, by the hall's rule).
    paper_receipts_saved: int = 0
    declarations_prefilled: int = 0

    @property
    def no_wait_missed(self) -> list[NoWaitVisit]:
        return [visit for visit in self.no_wait if visit.missed]

    @property
    def day_max_wait(self) -> float:
        """The scale of the chart of daily waits (at least the target)."""
        waits = [f.wait_p90 or 0 for _day, f in self.by_day]
        return max([self.wait_target, *waits])


WEEKDAYS = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]


def _minutes(delta: timedelta) -> float:
    return delta.total_seconds() / 60


def ticket_times(tickets: Iterable[Ticket], *, today: date) -> list[TicketTimes]:
    """Each ticket's wait, service, counter and officer, from its spans."""
    tickets = list(tickets)
    spans: dict[int, list[TicketSpan]] = defaultdict(list)
    for span in (
        TicketSpan.objects.filter(ticket__in=tickets)
        .select_related("officer", "counter")
        .order_by("started_at", "id")
    ):
        spans[span.ticket_id].append(span)
    rows = []
    for ticket in tickets:
        own = spans[ticket.pk]
        first_call = next((s for s in own if s.status == TicketStatus.CALLED), None)
        serving = [s for s in own if s.status == TicketStatus.SERVING and s.ended_at]
        served = sum(_minutes(s.ended_at - s.started_at) for s in serving if s.ended_at)
        last_service = serving[-1] if serving else None
        open_status = ticket.status in (
            TicketStatus.WAITING,
            TicketStatus.PARKED,
            TicketStatus.CALLED,
        )
        rows.append(
            TicketTimes(
                ticket=ticket,
                waited=_minutes(first_call.started_at - ticket.issued_at)
                if first_call
                else None,
                served=served,
                counter=last_service.counter.number
                if last_service and last_service.counter
                else None,
                officer=str(last_service.officer)
                if last_service and last_service.officer
                else "",
                abandoned=ticket.status
                in (TicketStatus.NO_SHOW, TicketStatus.CANCELLED)
                or (open_status and ticket.day < today),
            )
        )
    return rows


def hall_statistics(
    *, service_point: ServicePoint, first: date, last: date, now: datetime
) -> HallStatistics:
    """The hall's figures from ``first`` to ``last`` (local days, both included)."""
    tickets = (
        Ticket.objects.filter(
            line__service_point=service_point, day__range=(first, last)
        )
        .select_related("line", "queue_line")
        .order_by("issued_at", "id")
    )
    rows = ticket_times(tickets, today=local_date(now))
    total = Figures()
    lines: dict[str, Figures] = defaultdict(Figures)
    counters: dict[int, Figures] = defaultdict(Figures)
    officers: dict[str, Figures] = defaultdict(Figures)
    days: dict[date, Figures] = defaultdict(Figures)
    heat = [[0 for _ in HOURS] for _ in WEEKDAYS]
    for row in rows:
        ticket = row.ticket
        total.add(row)
        lines[f"{ticket.queue_line.prefix} – {ticket.queue_line.name}"].add(row)
        days[ticket.day].add(row)
        if row.counter is not None:
            counters[row.counter].add(row)
        if row.officer:
            officers[row.officer].add(row)
        issued = timezone.localtime(ticket.issued_at)
        if issued.hour in HOURS:
            heat[issued.weekday()][issued.hour - HOURS.start] += 1
    booked = service_point_appointments(service_point, first, last)
    return HallStatistics(
        hall=service_point,
        first=first,
        last=last,
        wait_target=wait_target_minutes(),
        total=total,
        by_line=sorted(lines.items()),
        by_counter=sorted(counters.items()),
        by_officer=sorted(officers.items()),
        by_day=sorted(days.items()),
        heat=_shaded(heat),
        hours=list(HOURS),
        appointments=booked,
        appointment_no_shows=appointment_no_shows(
            service_point=service_point, first=first, last=last, now=now
        ),
        no_wait=no_wait_visits(service_point=service_point, first=first, last=last),
        no_wait_target=no_wait_target_minutes(),
        rows=rows,
        **_policy_counts(service_point, first, last),
    )


def _policy_counts(
    service_point: ServicePoint, first: date, last: date
) -> dict[str, int]:
    """Receptions at the hall per local day, counted on its policy days."""
    received = (
        Dossier.objects.filter(
            service_point=service_point,
            received_at__date__range=(first, last),
        )
        .annotate(day=TruncDate("received_at", tzinfo=timezone.get_default_timezone()))
        .values_list("day")
        .annotate(count=Count("id"))
    )
    saved = prefilled = 0
    for day, count in received:
        effects = day_effects(service_point_id=service_point.pk, day=day)
        saved += count if effects.no_paper_receipt else 0
        prefilled += count if effects.prefilled_declaration else 0
    return {"paper_receipts_saved": saved, "declarations_prefilled": prefilled}


def _shaded(heat: list[list[int]]) -> list[tuple[str, list[tuple[int, int]]]]:
    busiest = max((count for row in heat for count in row), default=0) or 1
    return [
        (label, [(count, round(100 * count / busiest)) for count in row])
        for label, row in zip(WEEKDAYS, heat, strict=True)
    ]


def service_point_appointments(
    service_point: ServicePoint, first: date, last: date
) -> int:
    return Appointment.objects.filter(
        line__service_point=service_point, day__range=(first, last)
    ).count()


def no_wait_visits(
    *, service_point: ServicePoint, first: date, last: date
) -> list[NoWaitVisit]:
    """No-wait procedures' dossiers received for a ticket of the hall and
    returned: minutes from the ticket's issue to the result, against the target."""
    target = no_wait_target_minutes()
    links = (
        TicketDossier.objects.filter(
            ticket__line__service_point=service_point,
            ticket__day__range=(first, last),
            dossier__procedure__is_no_wait=True,
            dossier__status=DossierStatus.RETURNED,
            dossier__returned_at__isnull=False,
        )
        .select_related("ticket__line", "dossier__procedure")
        .order_by("ticket__issued_at")
    )
    visits = []
    for link in links:
        returned = link.dossier.returned_at
        if returned is None:
            continue
        minutes = _minutes(returned - link.ticket.issued_at)
        visits.append(
            NoWaitVisit(
                dossier_code=link.dossier.code,
                procedure_name=link.dossier.procedure.name,
                ticket_code=link.ticket.code,
                issued_at=link.ticket.issued_at,
                returned_at=returned,
                minutes=minutes,
                missed=minutes > target,
            )
        )
    return visits
