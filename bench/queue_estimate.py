"""How far off the wait estimate was on a recorded day. Prints ``name: value``.

Run from the repository root: ``python bench/queue_estimate.py [--seed N]``.
Replays a day at one hall through the product's services on a simulated clock
(a throwaway SQLite file under var/bench/, or ``DATABASE_URL``): arrivals from
07:30 to 16:30 with a morning and an afternoon peak, two lines, four counters
(one serving both lines: half a counter for each), service times that vary as
real ones do (log-normal, 4–25 minutes), a walk of half a minute to the
counter. At each ticket's issue it records what the phone was told
(``ticket_wait_estimate``); afterwards it compares with the wait the event log
shows (issue to first call). The day is random but fixed by ``--seed``.
"""

from __future__ import annotations

import argparse
import heapq
import math
import random
import statistics
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.serving import local_environment  # noqa: E402

local_environment("queue_estimate")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from motcua.agencies.models import Counter, StaffRole  # noqa: E402
from motcua.dossiers.tests.factories import (  # noqa: E402
    ServicePointFactory,
    staff,
    vn,
)
from motcua.queueing.models import CounterSession, ServiceLine, Ticket  # noqa: E402
from motcua.queueing.selectors import ticket_wait_estimate  # noqa: E402
from motcua.queueing.services import (  # noqa: E402
    counter_open,
    ticket_act,
    ticket_call_next,
    ticket_issue,
)
from motcua.queueing.workflow import TicketAction  # noqa: E402

DAY = (2026, 3, 3)  # a Tuesday
# Arrivals per hour, from 07:00: a morning and an afternoon peak.
ARRIVALS = {7: 10, 8: 40, 9: 48, 10: 36, 11: 20, 13: 24, 14: 40, 15: 32, 16: 14}
WALK = timedelta(seconds=30)


@dataclass
class Told:
    low: int | None
    high: int | None


def at(hour: int, minute: float = 0) -> datetime:
    return vn(*DAY, hour) + timedelta(minutes=minute)


def service_minutes(rng: random.Random) -> float:
    return min(25.0, max(4.0, rng.lognormvariate(math.log(9), 0.45)))


def hall() -> tuple[list[ServiceLine], list[CounterSession]]:
    point = ServicePointFactory.create()
    lines = [
        ServiceLine.objects.create(service_point=point, prefix=p, name=f"Dòng {p}")
        for p in ("A", "B")
    ]
    sessions = []
    for number, served in ((1, [0]), (2, [0]), (3, [1]), (4, [0, 1])):
        counter = Counter.objects.create(service_point=point, number=number)
        officer = staff(point.agency, StaffRole.RECEPTION_OFFICER)
        sessions.append(
            counter_open(
                counter=counter,
                officer=officer,
                now=at(7, 25),
                lines=[lines[i] for i in served],
            )
        )
    return lines, sessions


def replay(seed: int) -> dict[int, Told]:
    rng = random.Random(seed)
    lines, sessions = hall()
    events: list[tuple[datetime, int, str, int]] = []
    order = 0
    for hour, rate in ARRIVALS.items():
        minute = 0.0
        while True:
            minute += rng.expovariate(rate / 60)
            if minute >= 60 or (hour == 16 and minute >= 30):
                break
            order += 1
            which = 0 if rng.random() < 0.6 else 1
            events.append((at(hour, minute), order, "arrive", which))
    for index in range(len(sessions)):
        order += 1
        events.append((at(7, 30), order, "free", index))
    heapq.heapify(events)
    told: dict[int, Told] = {}
    closing = at(17, 30)
    while events:
        now, _n, kind, index = heapq.heappop(events)
        if kind == "arrive":
            ticket = ticket_issue(line=lines[index], now=now)
            estimate = ticket_wait_estimate(ticket, now=now)
            told[ticket.pk] = Told(
                estimate.low if estimate else None, estimate.high if estimate else None
            )
            continue
        session = sessions[index]
        called = ticket_call_next(session=session, now=now)
        order += 1
        if called is None:
            if now < closing:
                heapq.heappush(
                    events, (now + timedelta(minutes=1), order, "free", index)
                )
            continue
        ticket_act(
            ticket_id=called.pk,
            action=TicketAction.SERVE,
            session=session,
            now=now + WALK,
        )
        done = now + WALK + timedelta(minutes=service_minutes(rng))
        heapq.heappush(events, (done, order, "free", index))
    return told


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seed", type=int, default=20260303)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    told = replay(args.seed)
    inside = misses = 0
    errors: list[float] = []
    unknown = 0
    for ticket in Ticket.objects.filter(pk__in=told).prefetch_related("spans"):
        calls = sorted(s.started_at for s in ticket.spans.all() if s.status == "called")
        if not calls:
            continue
        waited = (calls[0] - ticket.issued_at).total_seconds() / 60
        said = told[ticket.pk]
        if said.low is None or said.high is None:
            unknown += 1
            continue
        if said.low <= waited <= said.high:
            inside += 1
            errors.append(0.0)
        else:
            misses += 1
            errors.append(min(abs(waited - said.low), abs(waited - said.high)))
    judged = inside + misses
    print(f"day replayed: {len(told)} tickets, 2 lines, 4 counters (seed {args.seed})")
    print(f"tickets told no estimate (the line had served nobody yet): {unknown}")
    if judged:
        print(f"wait within the range told: {100 * inside / judged:.0f}% of {judged}")
        print(f"minutes outside the range, median: {statistics.median(errors):.1f}")
        p90 = sorted(errors)[int(0.9 * (len(errors) - 1))]
        print(f"minutes outside the range, p90: {p90:.1f}")


if __name__ == "__main__":
    main()
