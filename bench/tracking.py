"""Benchmark public tracking against a bare primary-key view: prints ``name: value``.

Run from the repository root:
``python bench/tracking.py [--seconds N] [--dossiers N] [--workers N] [--clients N]``.

PostgreSQL only: ``BENCH_DATABASE_URL`` (default
``postgres://motcua:motcua@127.0.0.1:5432/motcua_bench_tracking``; the database is
created if missing). The run migrates it and, unless it already holds them, loads
``--dossiers`` dossiers (default 1,000,000) with plain SQL (``INSERT ... SELECT
generate_series``): four agencies, codes in the real format
``<agency e-ID>-<YYMMDD>-<seq>``, statuses spread by age, deadlines, and the
history events each status implies. The base rows (agencies, service points, the
procedure) come from the test factories. A rerun reuses the rows (a smaller
``--dossiers`` looks up the first N of them); an interrupted or enlarged load adds
the missing ones.

Then it starts gunicorn (sync workers, ``bench.tracking_site.settings``: the local
settings with DEBUG off) on a free local port, warms each target up and then gives
each ``--seconds`` of requests in five turns taken in rotation (so that a slower
moment of a shared machine falls on every target alike), from standard-library
threads, each with its own ``http.client.HTTPConnection``, each request for a
random existing dossier, new ones every turn:

- the tracking page ``GET /tra-cuu/<code>/`` (portal),
- the tracking API ``GET /api/v1/public/dossiers/<code>``,
- a bare Django view ``GET /bench/dossiers/<pk>/`` (``Dossier.objects.get(pk=...)``
  and a two-field JSON answer), served by the same gunicorn and settings.

Only 200 answers count; anything else is printed as an error (and the exit status
is 1). The public lookups are rate-limited per client, so the bench raises
``MOTCUA_PUBLIC_LOOKUP_LIMIT`` through gunicorn's environment and says so. Load
generator, gunicorn and PostgreSQL share the machine: the figures compare the
targets with each other, they are not the capacity of a production server.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import random
import re
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://motcua:motcua@127.0.0.1:5432/motcua_bench_tracking"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
LOOKUP_LIMIT = 10**9
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.tracking_site.settings"
os.environ["DEBUG"] = "0"  # no query log growing in memory, real error pages
os.environ["MOTCUA_PUBLIC_LOOKUP_LIMIT"] = str(LOOKUP_LIMIT)  # inherited by gunicorn
os.environ.setdefault("MOTCUA_DATA_DIR", str(ROOT / "var" / "bench"))
# As in production: rate-limit counters and the cache in Redis, not the database.
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/5")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.serving import (  # noqa: E402
    SERVER,
    database_create,
    get,
    gunicorn,
    workers_rss_mb,
)
from motcua.agencies.models import Agency, ServicePoint  # noqa: E402
from motcua.core.progress import Progress  # noqa: E402
from motcua.core.text import fold  # noqa: E402
from motcua.dossiers.choices import DossierStatus as S  # noqa: E402
from motcua.dossiers.models import Dossier  # noqa: E402
from motcua.dossiers.tests.factories import (  # noqa: E402
    AgencyFactory,
    ServicePointFactory,
    procedure_with_process,
)
from motcua.dossiers.tracking import VIEW_VERSION, public_view_build  # noqa: E402
from motcua.procedures.models import Procedure  # noqa: E402

AGENCIES = [  # e-IDs in the format of Decision 20/2020/QĐ-TTg, kept for the bench
    ("000.00.91.H26", "Ba Đình"),
    ("000.00.92.H26", "Hoàn Kiếm"),
    ("000.00.93.H26", "Cầu Giấy"),
    ("000.00.94.H26", "Đống Đa"),
]
PROCEDURE_CODE = "BENCH.TRACKING"
PER_DAY = 1000  # dossiers per agency and working day: sequences stay at 4 digits
OPEN_DAYS = 15  # dossiers of the last working days are still open
BATCH = 50_000
NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Minh Châu",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Vũ Thị Giang",
    "Đặng Quốc Huy",
    "Bùi Thị Lan",
    "Đỗ Văn Minh",
    "Ngô Thị Ngọc",
    "Dương Văn Phúc",
    "Lý Thị Quỳnh",
]
# Status of the recent (open) and of the older dossiers, picked by number.
OPEN_MIX = [S.RECEIVED] * 2 + [S.PROCESSING] * 6 + [S.SUPPLEMENT_REQUESTED]
OPEN_MIX += [S.FINANCIAL_OBLIGATION]
OLD_MIX = [S.PROCESSING, S.NOT_RECEIVED, S.WITHDRAWN, S.STOPPED]
OLD_MIX += [S.PROCESSED] * 2 + [S.RETURNED] * 19
STEP_OF = [  # indexed by status 1..10
    "online_check",
    "assignment",
    "closed",
    "processing",
    "supplement",
    "payment",
    "closed",
    "closed",
    "result_ready",
    "closed",
]
ONLINE_STATUSES = [S.RECEIVED, S.NOT_RECEIVED]  # filed on the portal
STAFF = {  # who acts in each role (names only: the bench has no staff accounts)
    "reception_officer": "Phạm Thu Hà",
    "division_leader": "Trần Quang Dũng",
    "specialist": "Lê Thị Mai",
    "agency_leader": "Nguyễn Đức Thắng",
    "clerk": "Hoàng Thị Yến",
}


@dataclass(frozen=True)
class Event:
    action: str
    from_status: int | None
    to_status: int
    from_step: str
    to_step: str
    minutes: int  # after registration
    role: str = "reception_officer"
    data: Mapping[str, object] = field(default_factory=dict)


REGISTER = Event("register_online", None, S.REGISTERED, "", "online_check", 0, "")
COUNTER_DATA = {"channel": 1, "counter": True}
COUNTER = Event("receive", None, S.RECEIVED, "", "assignment", 0, data=COUNTER_DATA)
ASSIGN = Event("assign", 2, 4, "assignment", "processing", 60, "division_leader")
PROCESSED = [
    COUNTER,
    ASSIGN,
    Event("forward", 4, 4, "processing", "approval", 2880, "specialist"),
    Event("approve", 4, 4, "approval", "issuing", 4320, "agency_leader"),
    Event("issue_result", 4, 9, "issuing", "result_ready", 5760, "clerk"),
]
ITEMS = {"items": ["Bản sao giấy tờ chứng minh chỗ ở hợp pháp"]}
# The history each status implies (the real services' actions and steps).
PLANS: dict[int, list[Event]] = {
    S.RECEIVED: [
        REGISTER,
        Event("receive", 1, 2, "online_check", "assignment", 30, data={"channel": 2}),
    ],
    S.NOT_RECEIVED: [REGISTER, Event("refuse", 1, 3, "online_check", "closed", 60)],
    S.PROCESSING: [COUNTER, ASSIGN],
    S.SUPPLEMENT_REQUESTED: [
        COUNTER,
        ASSIGN,
        Event(
            "request_supplement",
            4,
            5,
            "processing",
            "supplement",
            1440,
            "specialist",
            ITEMS,
        ),
    ],
    S.FINANCIAL_OBLIGATION: [
        COUNTER,
        ASSIGN,
        Event("request_payment", 4, 6, "processing", "payment", 1440, "specialist"),
    ],
    S.WITHDRAWN: [
        COUNTER,
        ASSIGN,
        Event("withdraw", 4, 7, "processing", "closed", 2880),
    ],
    S.STOPPED: [
        COUNTER,
        ASSIGN,
        Event("stop", 4, 8, "processing", "closed", 2880, "agency_leader"),
    ],
    S.PROCESSED: PROCESSED,
    S.RETURNED: [
        *PROCESSED,
        Event("return_result", 9, 10, "result_ready", "closed", 8640),
    ],
}

DOSSIER_INSERT = """
WITH numbers AS (
    SELECT i,
           ((i - 1) %% cardinality(%(agencies)s::bigint[]))::int + 1 AS a,
           (i - 1) / cardinality(%(agencies)s::bigint[]) AS k
    FROM generate_series(%(first)s::bigint, %(last)s::bigint) AS i
), days AS (
    SELECT i, a, k %% %(per_day)s + 1 AS seq, k / %(per_day)s AS d FROM numbers
), rows AS (
    SELECT days.*,
           %(anchor)s::date + ((d / 5) * 7 + d %% 5)::int AS day,
           CASE WHEN %(last_day)s - d < %(open_days)s
                THEN (%(open_mix)s::int[])[i %% cardinality(%(open_mix)s::int[]) + 1]
                ELSE (%(old_mix)s::int[])[i %% cardinality(%(old_mix)s::int[]) + 1]
           END AS status
    FROM days
), timed AS (
    SELECT rows.*,
           ((day + time '08:00' + seq * interval '25 seconds')
                AT TIME ZONE %(tz)s) AS reception,
           status = ANY(%(online)s::int[]) AS online,
           1 + (i %% cardinality(%(names)s::text[]))::int AS n
    FROM rows
), stamped AS (
    -- Online dossiers were registered half an hour before the reception time.
    SELECT timed.*,
           reception - online::int * interval '30 minutes' AS registered,
           CASE WHEN status <> 3 THEN reception END AS received
    FROM timed
), new AS (
    INSERT INTO dossiers_dossier (
        code, procedure_id, case_heading, summary, channel, receiving_agency_id,
        service_point_id, competent_agency_id, status, step, process_position,
        step_started_at, applicant_kind, applicant_name, applicant_id_number,
        applicant_birth_date, applicant_address, applicant_phone, applicant_email,
        filer_name, filer_id_number, filer_phone, authorisation_paper,
        applicant_folded, registered_at, received_at, count_started_at,
        legal_time_amount, legal_time_unit, legal_time_unit_assumed, deadline_at,
        paused_since,
        paused_minutes, supplement_count, finished_at, returned_at, return_method,
        return_address, result_number, result_issued_at, version, public_view,
        created_at, updated_at
    )
    SELECT
        (%(codes)s::text[])[a] || '-' || to_char(day, 'YYMMDD') || '-'
            || lpad(seq::text, 4, '0'),
        %(procedure)s, '', 'Đăng ký thường trú tại ' || (%(wards)s::text[])[a],
        CASE WHEN online THEN 2 ELSE 1 END,
        (%(agencies)s::bigint[])[a], (%(points)s::bigint[])[a],
        (%(agencies)s::bigint[])[a], status, (%(steps)s::text[])[status],
        CASE WHEN status = 4 THEN 1 ELSE 0 END,
        registered + (%(last_minutes)s::int[])[status] * interval '1 minute',
        'person', (%(names)s::text[])[n], '0011' || lpad((90000000 + i)::text, 8, '0'),
        date '1960-01-01' + (i %% 15000)::int,
        'Số ' || (1 + i %% 200) || ' phố Hàng Bạc, ' || (%(wards)s::text[])[a]
            || ', Hà Nội',
        '09' || lpad((i %% 100000000)::text, 8, '0'), '', '', '', '', '',
        (%(folded)s::text[])[n], registered,
        received, received, 5, 'working_days', false,
        -- Five working days after a weekday reception is the same time a week later.
        received + interval '7 days',
        CASE WHEN status IN (5, 6) THEN registered + interval '1 day' END,
        0, (status = 5)::int,
        CASE WHEN status IN (9, 10) THEN registered + interval '4 days' END,
        CASE WHEN status = 10 THEN registered + interval '6 days' END,
        CASE WHEN online THEN 'online' ELSE 'counter' END, '',
        CASE WHEN status IN (9, 10) THEN seq || '/GXN-UBND' ELSE '' END,
        CASE WHEN status IN (9, 10) THEN registered + interval '4 days' END,
        (%(versions)s::int[])[status], '{}'::jsonb, registered,
        registered + (%(last_minutes)s::int[])[status] * interval '1 minute'
    FROM stamped
    ORDER BY i
    RETURNING id, status, registered_at, receiving_agency_id
)
INSERT INTO dossiers_dossierevent (
    dossier_id, sequence, action, at, actor_name, actor_role, actor_agency_id,
    from_status, to_status, from_step, to_step, judgement, note, data
)
SELECT new.id, plan.sequence, plan.action,
       new.registered_at + plan.minutes * interval '1 minute',
       plan.actor_name, plan.role,
       CASE WHEN plan.role = '' THEN NULL ELSE new.receiving_agency_id END,
       plan.from_status, plan.to_status, plan.from_step, plan.to_step,
       CASE WHEN plan.sequence > 1 THEN 'on_time' ELSE '' END, '', plan.data
FROM new JOIN bench_event_plan AS plan ON plan.status = new.status
"""


# The public view each loaded dossier's events give (``dossiers.tracking``), as
# its events would have written it; ``views_check`` compares a sample with the
# product's own build. Times in Vietnam's fixed +07:00, as ``isoformat`` writes.
PUBLIC_VIEW_FILL = """
UPDATE dossiers_dossier AS d SET public_view = jsonb_build_object(
    'version', %(version)s::int,
    'steps', e.steps,
    'todo', jsonb_build_object(
        'kind', CASE d.status WHEN 5 THEN 'supplement' WHEN 6 THEN 'pay'
                              WHEN 9 THEN 'collect' ELSE 'nothing' END,
        'items', CASE WHEN d.status = 5 THEN e.items ELSE '[]'::jsonb END,
        'fees', '[]'::jsonb),
    'apology_reason', '')
FROM (
    SELECT dossier_id,
           jsonb_agg(jsonb_build_array(
               action,
               to_char(at AT TIME ZONE %(tz)s, 'YYYY-MM-DD"T"HH24:MI:SS') || '+07:00'
           ) ORDER BY sequence, id) AS steps,
           COALESCE((array_agg(data -> 'items' ORDER BY sequence DESC) FILTER (
               WHERE action IN ('request_supplement', 'request_supplement_at_reception')
           ))[1], '[]'::jsonb) AS items
    FROM dossiers_dossierevent
    WHERE dossier_id IN (
        SELECT id FROM dossiers_dossier
        WHERE public_view = '{}'::jsonb AND receiving_agency_id = ANY(%(agencies)s)
    )
    GROUP BY dossier_id
) AS e
WHERE e.dossier_id = d.id
"""


@dataclass(frozen=True)
class Base:
    agencies: list[Agency]
    points: list[ServicePoint]
    procedure: Procedure


def base_rows() -> Base:
    """The agencies, their service points and the procedure (made once, reused)."""
    agencies = [
        AgencyFactory.create(code=code, name=f"Ủy ban nhân dân phường {ward} (bench)")
        for code, ward in AGENCIES
    ]
    points = []
    for number, agency in enumerate(agencies, start=1):
        code = f"BENCH-TRACKING-{number}"
        point = ServicePoint.objects.filter(code=code).first()
        points.append(
            point
            or ServicePointFactory.create(
                agency=agency,
                code=code,
                name=f"Bộ phận Một cửa {agency.name}",
                address=f"Số {number} phố Tràng Tiền, Hà Nội",
            )
        )
    procedure = Procedure.objects.filter(code=PROCEDURE_CODE).first()
    return Base(
        agencies, points, procedure or procedure_with_process(code=PROCEDURE_CODE)
    )


def columns_missing() -> list[str]:
    """NOT NULL dossier columns without a default that the load does not fill."""
    listed = re.search(r"INSERT INTO dossiers_dossier \(([^)]*)\)", DOSSIER_INSERT)
    assert listed is not None
    filled = {column.strip() for column in listed.group(1).split(",")}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = "
            "'dossiers_dossier' AND is_nullable = 'NO' AND column_default IS NULL"
        )
        required = {row[0] for row in cursor.fetchall()}
    return sorted(required - filled - {"id"})


def plan_table() -> None:
    """The events of each status as a temporary table the load joins with."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS bench_event_plan (status int, "
            "sequence int, action text, from_status int, to_status int, "
            "from_step text, to_step text, minutes int, role text, actor_name text, "
            "data jsonb)"
        )
        cursor.execute("TRUNCATE bench_event_plan")
        cursor.executemany(
            "INSERT INTO bench_event_plan VALUES (%s, %s, %s, %s, %s, %s, %s, %s, "
            "%s, %s, %s)",
            [
                (
                    status,
                    sequence,
                    e.action,
                    e.from_status,
                    e.to_status,
                    e.from_step,
                    e.to_step,
                    e.minutes,
                    e.role,
                    STAFF.get(e.role, ""),
                    json.dumps(e.data),
                )
                for status, events in PLANS.items()
                for sequence, e in enumerate(events, start=1)
            ],
        )


def working_day(anchor: date, index: int) -> date:
    """The ``index``-th working day (Monday to Friday) from Monday ``anchor``."""
    return anchor + timedelta(days=(index // 5) * 7 + index % 5)


def first_monday(count: int) -> date:
    """The Monday from which ``count`` dossiers end before today."""
    days = math.ceil(count / (PER_DAY * len(AGENCIES)))
    today = timezone.localdate()
    anchor = today - timedelta(days=today.weekday()) - timedelta(weeks=days // 5 + 1)
    while working_day(anchor + timedelta(weeks=1), days - 1) < today:
        anchor += timedelta(weeks=1)
    return anchor


def bench_dossiers(agency_ids: Sequence[int]) -> tuple[int, date | None]:
    """How many bench dossiers exist and the day of the first."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), min(registered_at) FROM dossiers_dossier "
            "WHERE receiving_agency_id = ANY(%s)",
            [list(agency_ids)],
        )
        count, first = cursor.fetchone()
    return count, timezone.localdate(first) if first is not None else None


def load_params(base: Base, wanted: int, anchor: date) -> dict[str, Any]:
    """The parameters of ``DOSSIER_INSERT`` but the batch's numbers."""
    return {
        "agencies": [agency.pk for agency in base.agencies],
        "points": [point.pk for point in base.points],
        "codes": [agency.code for agency in base.agencies],
        "wards": ["phường " + ward for _, ward in AGENCIES],
        "procedure": base.procedure.pk,
        "per_day": PER_DAY,
        "anchor": anchor,
        "last_day": (wanted - 1) // len(base.agencies) // PER_DAY,
        "open_days": OPEN_DAYS,
        "open_mix": [int(s) for s in OPEN_MIX],
        "old_mix": [int(s) for s in OLD_MIX],
        "online": [int(s) for s in ONLINE_STATUSES],
        "steps": STEP_OF,
        "names": NAMES,
        "folded": [fold(name) for name in NAMES],
        "versions": [len(PLANS.get(status, [REGISTER])) for status in range(1, 11)],
        "last_minutes": [
            PLANS.get(status, [REGISTER])[-1].minutes for status in range(1, 11)
        ],
        "tz": settings.TIME_ZONE,
    }


def views_fill(agency_ids: Sequence[int]) -> None:
    """Write the public view of every bench dossier that has none yet (a load, or
    rows loaded before the view existed)."""
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            PUBLIC_VIEW_FILL,
            {
                "version": VIEW_VERSION,
                "tz": settings.TIME_ZONE,
                "agencies": list(agency_ids),
            },
        )
        filled = cursor.rowcount
    if filled:
        took = time.perf_counter() - started
        print(f"data: public views written for {filled} dossiers in {took:.0f} s")


def views_check(ids: Sequence[int], sample: int = 200) -> None:
    """Compare the stored public view of a random sample with the product's own
    build from the history; a difference stops the bench."""
    chosen = random.Random(7).sample(list(ids), min(sample, len(ids)))
    differ = [
        dossier.pk
        for dossier in Dossier.objects.filter(pk__in=chosen)
        if dossier.public_view != public_view_build(dossier)
    ]
    print(
        f"public views checked against the history: {len(chosen) - len(differ)}"
        f"/{len(chosen)} match"
    )
    if differ:
        raise SystemExit(f"stored public views differ from the history: {differ[:5]}")


def load(base: Base, wanted: int) -> None:
    """Insert dossiers until ``wanted`` exist, with their events and public
    views; then ANALYZE."""
    agency_ids = [agency.pk for agency in base.agencies]
    have, first_day = bench_dossiers(agency_ids)
    if have >= wanted:
        print(f"data: reused ({have} bench dossiers already loaded)")
        views_fill(agency_ids)
        return
    missing = columns_missing()
    if missing:
        raise SystemExit(f"the dossier load does not fill: {', '.join(missing)}")
    # A resumed or enlarged load keeps the first day, so the codes stay unique.
    params = load_params(base, wanted, first_day or first_monday(wanted))
    plan_table()
    if have:
        print(f"data: resuming after {have} bench dossiers")
    progress = Progress("dossiers loaded", wanted - have, every=BATCH)
    started = time.perf_counter()
    for first in range(have + 1, wanted + 1, BATCH):
        last = min(first + BATCH - 1, wanted)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(DOSSIER_INSERT, {**params, "first": first, "last": last})
        progress.step(last - first + 1)
    if progress.done % BATCH:  # the last batch was not printed yet
        progress.finish()
    views_fill(agency_ids)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE dossiers_dossier")
        cursor.execute("ANALYZE dossiers_dossierevent")
    took = time.perf_counter() - started
    print(f"data: loaded {wanted - have} dossiers in {took:.0f} s")


# Serving -----------------------------------------------------------------------


# Load generation ---------------------------------------------------------------


@dataclass
class Outcome:
    """Latencies (seconds) of the 200 answers and the count of everything else."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    elapsed: float = 0.0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed

    def ms(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def client(
    port: int, path_of: Callable[[random.Random], str], until: float, seed: int
) -> Outcome:
    """Send requests on one connection until ``until``, a random dossier each."""
    rng = random.Random(seed)
    outcome = Outcome()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.perf_counter() < until:
        path = path_of(rng)
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as error:
            conn.close()  # the next request reconnects
            outcome.errors[type(error).__name__] += 1
            continue
        took = time.perf_counter() - started
        if response.status == 200:
            outcome.latencies.append(took)
        else:
            outcome.errors[f"HTTP {response.status}"] += 1
    conn.close()
    return outcome


def hammer(
    port: int,
    path_of: Callable[[random.Random], str],
    seconds: float,
    clients: int,
    *,
    seed: int = 0,
) -> Outcome:
    """Run ``clients`` threads for ``seconds``; merge what they measured."""
    started = time.perf_counter()
    until = started + seconds
    results: list[Outcome] = []
    lock = threading.Lock()

    def run(seed: int) -> None:
        outcome = client(port, path_of, until, seed)
        with lock:
            results.append(outcome)

    threads = [
        threading.Thread(target=run, args=(seed + number,)) for number in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = Outcome(elapsed=time.perf_counter() - started)
    for outcome in results:
        total.latencies += outcome.latencies
        total.errors.update(outcome.errors)
    return total


@dataclass(frozen=True)
class Target:
    name: str
    path_of: Callable[[random.Random], str]
    marker: bytes  # in every right answer


def targets(ids: list[int], codes: list[str]) -> list[Target]:
    def page(rng: random.Random) -> str:
        return f"/tra-cuu/{rng.choice(codes)}/"

    def api(rng: random.Random) -> str:
        return f"/api/v1/public/dossiers/{rng.choice(codes)}"

    def bare(rng: random.Random) -> str:
        return f"/bench/dossiers/{rng.choice(ids)}/"

    return [
        Target("tracking page", page, b'id="status-label"'),
        Target("tracking api", api, b'"status_label"'),
        Target("bare pk view", bare, b'"status"'),
    ]


ROUNDS = 5  # the targets take turns, so a slower minute of the machine hits all


def measure(
    port: int, targets: Sequence[Target], seconds: float, clients: int
) -> dict[str, Outcome]:
    """Check one answer of each target and warm up, then measure them in turns.

    ``seconds`` per target, in ``ROUNDS`` turns (forward, then backward), each
    turn with new random dossiers: the rows looked up stay cold.
    """
    for target in targets:
        sample = target.path_of(random.Random(0))
        status, body = get(port, sample)
        if status != 200 or target.marker not in body:
            raise SystemExit(
                f"{target.name}: {sample} answered {status}: {body[:300]!r}"
            )
        hammer(port, target.path_of, min(2.0, seconds / 5), clients, seed=10_000)
    totals = {target.name: Outcome() for target in targets}
    for turn in range(ROUNDS):
        order = targets if turn % 2 == 0 else list(reversed(targets))
        for target in order:
            outcome = hammer(
                port, target.path_of, seconds / ROUNDS, clients, seed=1000 * turn
            )
            total = totals[target.name]
            total.latencies += outcome.latencies
            total.errors.update(outcome.errors)
            total.elapsed += outcome.elapsed
    return totals


def report(name: str, outcome: Outcome) -> None:
    errors = sum(outcome.errors.values())
    detail = ", ".join(f"{kind}: {n}" for kind, n in outcome.errors.most_common())
    print(f"{name} requests: {len(outcome.latencies)}")
    print(f"{name} errors: {errors}" + (f" ({detail})" if detail else ""))
    if outcome.latencies:
        print(f"{name} requests per second: {outcome.rate:.1f}")
        print(f"{name} p50 ms: {outcome.ms(0.50):.1f}")
        print(f"{name} p99 ms: {outcome.ms(0.99):.1f}")


# Requests per second against the bare view's (issue targets; ADR 0012).
TARGET_RATIO = {"tracking page": 0.7, "tracking api": 1.0}
TARGET_P99_RATIO = {"tracking api": 1.2}  # of the bare view's p99
TARGET_P99_MS = {"tracking page": 25.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per target")
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--clients", type=int, default=4, help="client threads")
    args = parser.parse_args()
    database_create(DATABASE_URL)
    call_command("migrate", verbosity=0)
    base = base_rows()
    load(base, args.dossiers)
    agency_ids = [agency.pk for agency in base.agencies]
    with connection.cursor() as cursor:
        cursor.execute(  # ids follow the load's numbers: the first N are i <= N
            "SELECT id, code FROM dossiers_dossier WHERE receiving_agency_id = ANY(%s) "
            "ORDER BY id LIMIT %s",
            [agency_ids, args.dossiers],
        )
        rows = cursor.fetchall()
        cursor.execute("SELECT count(*) FROM dossiers_dossier")
        (dossiers,) = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM dossiers_dossierevent")
        (events,) = cursor.fetchone()
    connection.close()
    ids, codes = [row[0] for row in rows], [row[1] for row in rows]
    views_check(ids)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"dossiers looked up (random, existing): {len(rows)}")
    print(f"dossiers in database: {dossiers}")
    print(f"dossier events in database: {events}")
    print(f"server: gunicorn, {args.workers} sync workers, DEBUG off")
    print(f"load generator: {args.clients} threads on the same {os.cpu_count()} cores")
    print(
        "public lookup limit raised for the bench: "
        f"MOTCUA_PUBLIC_LOOKUP_LIMIT={LOOKUP_LIMIT} (gunicorn's environment), "
        f"failure limit {settings.MOTCUA_PUBLIC_LOOKUP_FAILURE_LIMIT} (bench settings)"
    )
    with gunicorn(args.workers, f"/bench/dossiers/{ids[0]}/") as port:
        outcomes = measure(port, targets(ids, codes), args.seconds, args.clients)
        for name, outcome in outcomes.items():
            report(name, outcome)
        sizes = workers_rss_mb(SERVER["master"])
        if sizes:
            print(
                f"gunicorn worker memory after the run (RSS MB): max {max(sizes):.0f}, "
                f"each {', '.join(f'{size:.0f}' for size in sizes)}"
            )
    bare = outcomes["bare pk view"]
    for name in ("tracking page", "tracking api"):
        outcome = outcomes[name]
        if outcome.latencies and bare.latencies:
            goal = TARGET_RATIO[name]
            ratio = outcome.rate / bare.rate
            verdict = "met" if ratio >= goal else "NOT met"
            print(
                f"{name} / bare pk view rate: {ratio:.2f} (target >= {goal}: {verdict})"
            )
            print(f"{name} / bare pk view p50: {outcome.ms(0.5) / bare.ms(0.5):.1f}")
            p99_ratio = outcome.ms(0.99) / bare.ms(0.99)
            print(f"{name} / bare pk view p99: {p99_ratio:.2f}")
            if name in TARGET_P99_RATIO:
                goal = TARGET_P99_RATIO[name]
                verdict = "met" if p99_ratio <= goal else "NOT met"
                print(f"{name} p99 / bare pk view p99: target <= {goal}: {verdict}")
            if name in TARGET_P99_MS:
                goal = TARGET_P99_MS[name]
                verdict = "met" if outcome.ms(0.99) <= goal else "NOT met"
                print(f"{name} p99: target <= {goal:.0f} ms: {verdict}")
    if any(outcome.errors for outcome in outcomes.values()):
        raise SystemExit("some requests failed (see the errors above)")


if __name__ == "__main__":
    main()
