"""Benchmark the specialist's worklist and the leader's overview at a city's volume.

Run from the repository root: ``python bench/worklists.py [--requests N]``.

PostgreSQL only, on the database of ``bench/tracking.py`` (``BENCH_DATABASE_URL``,
default ``.../motcua_bench_tracking``): it makes sure the million dossiers of that
bench are loaded (loading them on a first run), then gives one more ward its own
staff and dossiers, made once and reused: ``OPEN`` open dossiers (assigned to five
specialists, waiting for assignment, for a supplement or a fee; deadlines spread
from overdue to a week ahead) and ``CLOSED`` returned ones. Then, through Django's
whole request stack (middleware, view, templates), it times ``--requests`` GETs of
each page after a warm-up, server side, and prints p50, p95 and the queries of one
request:

- the specialist's worklist ``/worklists/mine/`` (first page, time left first),
- the division leader's unit worklist ``/worklists/unit/``,
- the agency leader's overview ``/overview/``.

Target (issue "Public tracking as fast as a primary-key lookup"): p95 <= 100 ms
with 1,000,000 dossiers in the database and 5,000 open in the agency.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import tracking  # noqa: E402 - sets up Django on the bench database
from bench.serving import database_create  # noqa: E402

# isort: split

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from motcua.accounts.models import User  # noqa: E402
from motcua.agencies.models import Agency, StaffAssignment, StaffRole  # noqa: E402
from motcua.core.text import fold  # noqa: E402
from motcua.dossiers.choices import DossierStatus as S  # noqa: E402
from motcua.dossiers.choices import DossierStep  # noqa: E402
from motcua.dossiers.models import Dossier  # noqa: E402
from motcua.dossiers.tests.factories import AgencyFactory  # noqa: E402
from motcua.dossiers.workflow import CLOSED_STATUSES  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]  # Django's test client asks as "testserver"
AGENCY = ("000.00.95.H26", "Ủy ban nhân dân phường Tây Hồ (bench worklists)")
OPEN, CLOSED = 5_000, 20_000
SPECIALISTS = 5
TARGET_P95_MS = 100.0
# Open dossiers by what they wait for: a specialist's work, assignment, the
# applicant's papers or fee (shares of OPEN, by position).
OPEN_MIX = [S.PROCESSING] * 8 + [S.RECEIVED, S.SUPPLEMENT_REQUESTED]


def staff() -> dict[str, User]:
    """The ward's staff (made once): five specialists and their leaders."""
    agency = AgencyFactory.create(code=AGENCY[0], name=AGENCY[1])
    people = {
        "division": ("bench.division", StaffRole.DIVISION_LEADER),
        "leader": ("bench.leader", StaffRole.AGENCY_LEADER),
    }
    for number in range(1, SPECIALISTS + 1):
        people[f"specialist{number}"] = (
            f"bench.specialist{number}",
            StaffRole.SPECIALIST,
        )
    users = {}
    for key, (username, role) in people.items():
        user, made = User.objects.get_or_create(
            username=username, defaults={"full_name": f"{username} (bench)"}
        )
        if made:
            user.password = make_password(None)
            user.save(update_fields=["password"])
        StaffAssignment.objects.get_or_create(user=user, agency=agency, role=role)
        users[key] = user
    return users


def dossiers_make(agency: Agency, users: dict[str, User], now: datetime) -> None:
    """The ward's open and closed dossiers, unless they are there already."""
    have = Dossier.objects.filter(receiving_agency=agency).count()
    if have >= OPEN + CLOSED:
        print(f"data: reused ({have} dossiers of the bench ward)")
        return
    Dossier.objects.filter(receiving_agency=agency).delete()
    procedure = tracking.base_rows().procedure
    specialists = [users[f"specialist{n}"] for n in range(1, SPECIALISTS + 1)]
    rows = []
    for i in range(OPEN + CLOSED):
        opened = i < OPEN
        status = OPEN_MIX[i % len(OPEN_MIX)] if opened else S.RETURNED
        # Open ones received over the last two weeks, due from 3 days ago on.
        received = now - timedelta(minutes=(i % 20_160) if opened else 30_000 + i * 7)
        step = {
            S.PROCESSING: DossierStep.PROCESSING,
            S.RECEIVED: DossierStep.ASSIGNMENT,
            S.SUPPLEMENT_REQUESTED: DossierStep.SUPPLEMENT,
        }.get(status, DossierStep.CLOSED)
        name = tracking.NAMES[i % len(tracking.NAMES)]
        rows.append(
            Dossier(
                code=f"{agency.code}-{received:%y%m%d}-{i + 1:05d}",
                procedure=procedure,
                summary="Đăng ký thường trú (bench)",
                channel=1,
                receiving_agency=agency,
                competent_agency=agency,
                status=status,
                step=step,
                assignee=(
                    specialists[i % SPECIALISTS]
                    if status in (S.PROCESSING, S.SUPPLEMENT_REQUESTED)
                    else None
                ),
                step_started_at=received,
                applicant_kind="person",
                applicant_name=name,
                applicant_folded=fold(name),
                applicant_id_number=f"00119{i:07d}",
                registered_at=received,
                received_at=received,
                count_started_at=received,
                legal_time_amount=Decimal(5),
                legal_time_unit="working_days",
                deadline_at=received
                + timedelta(days=7)
                - timedelta(days=10 * opened)
                + timedelta(minutes=(i * 37) % 14_400),
                paused_since=received if status == S.SUPPLEMENT_REQUESTED else None,
                finished_at=None if opened else received + timedelta(days=4),
                returned_at=None if opened else received + timedelta(days=5),
                return_method="counter",
            )
        )
    Dossier.objects.bulk_create(rows, batch_size=2_000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE dossiers_dossier")
    print(f"data: made {OPEN} open and {CLOSED} closed dossiers of the bench ward")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(name: str, user: User, url: str, requests: int) -> float:
    client = Client()
    client.force_login(user)
    for _ in range(5):  # warm-up: templates, the process's reference rows
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{name}: {url} answered {response.status_code}")
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    p95 = percentile(timings, 0.95)
    print(f"{name} queries: {len(queries)}")
    print(f"{name} p50 ms: {statistics.median(timings):.1f}")
    print(f"{name} p95 ms: {p95:.1f}")
    return p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    args = parser.parse_args()
    database_create(tracking.DATABASE_URL)
    call_command("migrate", verbosity=0)
    tracking.load(tracking.base_rows(), args.dossiers)
    users = staff()
    agency = Agency.objects.get(code=AGENCY[0])
    dossiers_make(agency, users, timezone.now())
    total = Dossier.objects.count()
    open_here = Dossier.objects.filter(receiving_agency=agency).exclude(
        status__in=CLOSED_STATUSES
    )
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"dossiers in database: {total}")
    print(f"open dossiers of the ward: {open_here.count()}")
    print(
        "the specialist's own open dossiers: "
        f"{open_here.filter(assignee=users['specialist1']).count()}"
    )
    pages = [
        ("specialist worklist", users["specialist1"], "/worklists/mine/"),
        ("unit worklist", users["division"], "/worklists/unit/"),
        ("leader overview", users["leader"], "/overview/"),
    ]
    verdicts = []
    for name, user, url in pages:
        p95 = measure(name, user, url, args.requests)
        verdicts.append((name, p95))
    for name, p95 in verdicts:
        verdict = "met" if p95 <= TARGET_P95_MS else "NOT met"
        print(f"{name} p95: target <= {TARGET_P95_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
