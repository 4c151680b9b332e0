"""Benchmark the front hall: tickets issued and called per second, and how soon
a display shows a call. Prints ``name: value`` lines.

Run from the repository root: ``python bench/hall.py [--seconds N]``. Uses the
PostgreSQL database ``BENCH_DATABASE_URL`` (default ``motcua_bench_hall`` on the
local server; created and migrated if missing) with 3 halls and 20 counters:

1. **Throughput.** One kiosk process per hall issues tickets as fast as it can
   while 20 counter processes (one officer each, with an open session) call the
   next ticket, serve it and call again ("next" finishes the one served), all
   through the product's services, for ``--seconds``. Prints tickets issued and
   called per second and the p50/p95 of a call.
2. **Display latency.** gunicorn with 2 sync workers and Redis (as in
   production) serves the hall displays; 12 simulated displays (4 per hall) poll
   ``/sanh/<key>/bang/?v=`` every second, each starting at a random instant as
   real screens do, while an officer calls a ticket every 0.7 s at a random
   counter. For every call and every display of its hall: the time from the
   call's commit to the display's first answer with the new board. The target
   (within 2 s) is the issue's; the poll period bounds it from below.

Load generator, gunicorn and PostgreSQL share the machine.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import random
import re
import statistics
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://motcua:motcua@127.0.0.1:5432/motcua_bench_hall"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.tracking_site.settings"
os.environ["DEBUG"] = "0"
os.environ.setdefault("MOTCUA_DATA_DIR", str(ROOT / "var" / "bench"))
# As in production: the cache and the rate limits in Redis.
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/6")
os.environ["MOTCUA_PUBLIC_LOOKUP_LIMIT"] = str(10**9)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.serving import database_create, get, gunicorn  # noqa: E402
from motcua.agencies.models import Counter, StaffRole  # noqa: E402
from motcua.dossiers.tests.factories import (  # noqa: E402
    AgencyFactory,
    ServicePointFactory,
    staff,
)
from motcua.queueing.models import (  # noqa: E402
    CounterSession,
    DeviceKind,
    HallBoard,
    HallDevice,
    ServiceLine,
    Ticket,
    TicketSequence,
)
from motcua.queueing.selectors import hall_version  # noqa: E402
from motcua.queueing.services import (  # noqa: E402
    counter_open,
    ticket_act,
    ticket_call_next,
    ticket_issue,
)
from motcua.queueing.workflow import TicketAction  # noqa: E402

HALLS = 3
COUNTERS = (7, 7, 6)  # 20 in all
LINES = ("A", "B", "C", "D")
DISPLAYS_PER_HALL = 4
POLL_SECONDS = 1.0
CALL_EVERY = 0.7
TARGET_LATENCY_MS = 2000.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def halls_make() -> list[dict[str, Any]]:
    """Three halls (made once, reused): lines, counters, officers, displays."""
    halls = []
    for number in range(HALLS):
        code = f"BENCH-HALL-{number}"
        agency = AgencyFactory.create(code=f"000.00.{90 + number}.H99")
        point = ServicePointFactory._meta.model.objects.filter(code=code).first()
        if point is None:
            point = ServicePointFactory.create(code=code, agency=agency)
        lines = [
            ServiceLine.objects.get_or_create(
                service_point=point, prefix=prefix, defaults={"name": f"Dòng {prefix}"}
            )[0]
            for prefix in LINES
        ]
        counters = [
            Counter.objects.get_or_create(service_point=point, number=n)[0]
            for n in range(1, COUNTERS[number] + 1)
        ]
        officers = []
        for counter in counters:
            username = f"bench-hall{number}-counter{counter.number}"
            officers.append(
                staff(point.agency, StaffRole.RECEPTION_OFFICER, username=username)
            )
        displays = [
            HallDevice.objects.get_or_create(
                service_point=point,
                kind=DeviceKind.HALL_DISPLAY,
                name=f"display {d}",
            )[0]
            for d in range(DISPLAYS_PER_HALL)
        ]
        halls.append(
            {
                "point": point,
                "lines": lines,
                "counters": counters,
                "officers": officers,
                "displays": displays,
            }
        )
    return halls


def fresh_day(halls: list[dict[str, Any]]) -> list[CounterSession]:
    """Forget earlier runs' tickets and sessions; open every counter."""
    points = [hall["point"] for hall in halls]
    Ticket.objects.filter(line__service_point__in=points).delete()
    TicketSequence.objects.filter(line__service_point__in=points).delete()
    CounterSession.objects.filter(counter__service_point__in=points).delete()
    HallBoard.objects.filter(service_point__in=points).delete()
    now = timezone.now() - timedelta(minutes=1)
    return [
        counter_open(counter=counter, officer=officer, now=now, lines=hall["lines"])
        for hall in halls
        for counter, officer in zip(hall["counters"], hall["officers"], strict=True)
    ]


# 1. Throughput -----------------------------------------------------------------


def kiosk_run(args: tuple[list[int], float]) -> tuple[int, list[float]]:
    line_ids, until = args
    connections.close_all()
    lines = list(ServiceLine.objects.filter(pk__in=line_ids))
    rng = random.Random(line_ids[0])
    took = []
    while time.monotonic() < until:
        started = time.perf_counter()
        ticket_issue(line=rng.choice(lines), now=timezone.now())
        took.append(time.perf_counter() - started)
    connections.close_all()
    return len(took), took


def counter_run(args: tuple[int, float]) -> tuple[int, list[float]]:
    session_id, until = args
    connections.close_all()
    session = CounterSession.objects.select_related("counter", "officer").get(
        pk=session_id
    )
    took = []
    while time.monotonic() < until:
        started = time.perf_counter()
        ticket = ticket_call_next(session=session, now=timezone.now())
        if ticket is None:
            time.sleep(0.01)  # nobody waits: as an officer would, look again
            continue
        ticket_act(
            ticket_id=ticket.pk,
            action=TicketAction.SERVE,
            session=session,
            now=timezone.now(),
        )
        took.append(time.perf_counter() - started)
    connections.close_all()
    return len(took), took


def throughput(halls: list[dict[str, Any]], seconds: float) -> None:
    sessions = fresh_day(halls)
    connections.close_all()
    until = time.monotonic() + seconds
    context = multiprocessing.get_context("fork")
    with context.Pool(HALLS + len(sessions)) as pool:
        kiosks = pool.map_async(
            kiosk_run,
            [([line.pk for line in hall["lines"]], until) for hall in halls],
        )
        counters = pool.map_async(counter_run, [(s.pk, until) for s in sessions])
        issued = kiosks.get()
        called = counters.get()
    issues = sum(n for n, _t in issued)
    calls = sum(n for n, _t in called)
    call_times = [t for _n, times in called for t in times]
    issue_times = [t for _n, times in issued for t in times]
    print(f"halls: {HALLS}, counters: {len(sessions)}, kiosks: {HALLS}")
    print(f"tickets issued per second: {issues / seconds:.1f}")
    print(f"tickets called and served per second: {calls / seconds:.1f}")
    if issue_times:
        print(f"issue p50 ms: {1000 * statistics.median(issue_times):.1f}")
        print(f"issue p95 ms: {1000 * percentile(issue_times, 0.95):.1f}")
    if call_times:
        print(f"call+serve p50 ms: {1000 * statistics.median(call_times):.1f}")
        print(f"call+serve p95 ms: {1000 * percentile(call_times, 0.95):.1f}")


# 2. Display latency ----------------------------------------------------------

VERSION = re.compile(rb'data-version="(\d+)"')


class Calls:
    """Calls made (hall, version, commit instant) and what displays saw."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.made: list[tuple[int, int, float]] = []
        self.latencies: list[float] = []
        self.polls = {"changed": 0, "unchanged": 0, "errors": 0}
        self.poll_times: list[float] = []


def display(port: int, key: str, hall: int, calls: Calls, until: float) -> None:
    rng = random.Random(key)
    time.sleep(rng.random() * POLL_SECONDS)  # screens are not in step
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    shown = -1
    seen_calls: set[int] = set()
    next_poll = time.monotonic()
    while time.monotonic() < until:
        started = time.perf_counter()
        try:
            conn.request("GET", f"/sanh/{key}/bang/?v={shown}")
            response = conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            conn.close()
            with calls.lock:
                calls.polls["errors"] += 1
            continue
        arrived = time.monotonic()
        with calls.lock:
            calls.poll_times.append(time.perf_counter() - started)
            if response.status == 200:
                found = VERSION.search(body)
                shown = int(found.group(1)) if found else shown
                calls.polls["changed"] += 1
                for index, (call_hall, version, at) in enumerate(calls.made):
                    if (
                        call_hall == hall
                        and version <= shown
                        and index not in seen_calls
                    ):
                        seen_calls.add(index)
                        calls.latencies.append(arrived - at)
            elif response.status == 204:
                calls.polls["unchanged"] += 1
            else:
                calls.polls["errors"] += 1
        next_poll += POLL_SECONDS
        time.sleep(max(0.0, next_poll - time.monotonic()))
    conn.close()


def latency(halls: list[dict[str, Any]], seconds: float) -> None:
    sessions = fresh_day(halls)
    by_hall = [
        [s for s in sessions if s.counter.service_point_id == hall["point"].pk]
        for hall in halls
    ]
    for hall in halls:  # a queue long enough for the whole run
        for number in range(int(seconds / CALL_EVERY) + 5):
            ticket_issue(line=hall["lines"][number % len(LINES)], now=timezone.now())
    connections.close_all()
    probe = f"/sanh/{halls[0]['displays'][0].key}/"
    with gunicorn(2, probe, log_name="hall") as port:
        calls = Calls()
        until = time.monotonic() + seconds + 2 * POLL_SECONDS
        threads = [
            threading.Thread(
                target=display, args=(port, device.key, number, calls, until)
            )
            for number, hall in enumerate(halls)
            for device in hall["displays"]
        ]
        for thread in threads:
            thread.start()
        time.sleep(POLL_SECONDS)  # every display shows the board once
        rng = random.Random(7)
        stop = time.monotonic() + seconds
        while time.monotonic() < stop:
            number = rng.randrange(HALLS)
            session = rng.choice(by_hall[number])
            ticket_call_next(session=session, now=timezone.now())
            at = time.monotonic()
            version = hall_version(halls[number]["point"].pk)
            with calls.lock:
                calls.made.append((number, version, at))
            time.sleep(CALL_EVERY)
        for thread in threads:
            thread.join()
        status, _body = get(port, probe)
    expected = len(calls.made) * DISPLAYS_PER_HALL
    print(
        f"server: gunicorn, 2 sync workers, Redis; displays: {len(threads)},"
        f" polling every {POLL_SECONDS:.0f} s"
    )
    print(
        f"calls: {len(calls.made)}; display updates seen: {len(calls.latencies)}"
        f" of {expected}"
    )
    print(
        f"polls: {calls.polls['unchanged']} unchanged (204),"
        f" {calls.polls['changed']} changed, {calls.polls['errors']} errors"
    )
    if calls.poll_times:
        print(f"poll p50 ms: {1000 * statistics.median(calls.poll_times):.1f}")
        print(f"poll p95 ms: {1000 * percentile(calls.poll_times, 0.95):.1f}")
    if calls.latencies:
        p50 = 1000 * statistics.median(calls.latencies)
        p95 = 1000 * percentile(calls.latencies, 0.95)
        print(f"display latency p50 ms: {p50:.0f}")
        print(f"display latency p95 ms: {p95:.0f}")
        verdict = "met" if p95 <= TARGET_LATENCY_MS and status == 200 else "NOT met"
        print(
            f"display latency p95 {p95:.0f} ms, target <= {TARGET_LATENCY_MS:.0f} ms:"
            f" {verdict}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per part")
    args = parser.parse_args()
    database_create(DATABASE_URL)
    call_command("migrate", verbosity=0)
    halls = halls_make()
    print(f"database: {DATABASE_URL.rsplit('@', 1)[-1]}")
    throughput(halls, args.seconds)
    latency(halls, args.seconds)


if __name__ == "__main__":
    main()
