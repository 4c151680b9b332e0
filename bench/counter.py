"""Benchmark the counter reception request: prints ``name: value`` lines.

Run from the repository root: ``python bench/counter.py [REQUESTS] [--officers N]``.
Seeds the demo (own seed) in a throwaway database, then N reception officers of the
same counter (default 2; one process each, as N server workers would serve them)
POST the counter form at the same time through Django's full request stack
(middleware, form, service, redirect), REQUESTS in all, timing the server side of
each request; then each times the dossier page it lands on. Uses a SQLite file
under var/bench/ unless DATABASE_URL is set (SQLite serialises writers: run it
with ``--officers 1``). The target (p95 <= 150 ms with 2 officers on
PostgreSQL) is from the issue "Public tracking as fast as a primary-key lookup".
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import statistics
import sys
import time
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.serving import local_environment  # noqa: E402

local_environment("counter")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402

from motcua.accounts.models import User  # noqa: E402
from motcua.agencies.models import Agency, ServicePoint, StaffAssignment  # noqa: E402
from motcua.dossiers.intake import checklist_items  # noqa: E402
from motcua.procedures.models import Procedure  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


TARGET_P95_MS = 150.0


def officers_make(count: int) -> list[str]:
    """The demo's reception officer and ``count - 1`` colleagues at her counter."""
    first = User.objects.get(username="reception")
    names = [first.username]
    for number in range(2, count + 1):
        user, _made = User.objects.get_or_create(
            username=f"reception{number}",
            defaults={"full_name": f"Cán bộ tiếp nhận {number} (bench)"},
        )
        for role in StaffAssignment.objects.filter(user=first):
            StaffAssignment.objects.get_or_create(
                user=user, agency=role.agency, role=role.role
            )
        names.append(user.username)
    return names


def officer(
    number: int, username: str, requests: int, start: Barrier, results: Any
) -> None:
    """One officer's session: ``requests`` receptions, each followed by its page."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    procedure = Procedure.objects.get(code="1.004873")
    ward = Agency.objects.get(code="H26.00004")
    point = ServicePoint.objects.get(code="HN-CN01")
    papers = [str(d.pk) for d in checklist_items(procedure, "")]
    timings, page_timings = [], []
    start.wait()
    for n in range(requests):
        data = {
            "service_point": str(point.pk),
            "procedure": procedure.code,
            "competent_agency": str(ward.pk),
            "papers": papers,
            "applicant_kind": "person",
            "applicant_id_number": f"00109{number}{n:06d}",
            "applicant_name": "Nguyễn Văn Bình",
            "applicant_address": "Số 1 phố Mẫu, Phường Ba Đình, Hà Nội",
            "applicant_phone": "0912345678",
            "return_method": "counter",
        }
        started = time.perf_counter()
        response = client.post("/counter/", data)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 302:
            raise SystemExit(f"counter request failed: {response.status_code}")
        started = time.perf_counter()
        page = client.get(response["Location"])
        page_timings.append((time.perf_counter() - started) * 1000)
        if page.status_code != 200:
            raise SystemExit(f"dossier page failed: {page.status_code}")
    connection.close()
    results.put((timings, page_timings))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("requests", nargs="?", type=int, default=100)
    parser.add_argument("--officers", type=int, default=2)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--own-seed", verbosity=0, stdout=io.StringIO())
    names = officers_make(args.officers)
    vendor = connection.vendor
    connections.close_all()  # each officer's process opens its own connection
    context = multiprocessing.get_context("fork")
    start, results = context.Barrier(len(names)), context.Queue()
    shares = [args.requests // len(names)] * len(names)
    shares[0] += args.requests - sum(shares)
    processes = [
        context.Process(target=officer, args=(n, name, share, start, results))
        for n, (name, share) in enumerate(zip(names, shares, strict=True), start=1)
    ]
    for process in processes:
        process.start()
    timings: list[float] = []
    page_timings: list[float] = []
    for _process in processes:
        posts, pages = results.get(timeout=600)
        timings += posts
        page_timings += pages
    for process in processes:
        process.join()
        if process.exitcode:
            raise SystemExit(f"an officer's process failed (exit {process.exitcode})")
    p95 = percentile(timings, 0.95)
    print(f"database engine: {vendor}")
    print(f"officers at the same time: {len(names)} (one process each)")
    print(f"counter reception requests: {len(timings)}")
    print(f"counter reception p50 ms: {statistics.median(timings):.1f}")
    print(f"counter reception p95 ms: {p95:.1f}")
    print(f"dossier page p50 ms: {statistics.median(page_timings):.1f}")
    print(f"dossier page p95 ms: {percentile(page_timings, 0.95):.1f}")
    if vendor == "postgresql" and len(names) >= 2:
        verdict = "met" if p95 <= TARGET_P95_MS else "NOT met"
        print(f"counter reception p95: target <= {TARGET_P95_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
