"""Benchmark dossier reception and worklists: prints ``name: value`` lines.

Run from the repository root: ``python bench/dossiers.py [RECEPTIONS_PER_WORKER]``.
Two worker threads, each with its own database connection, receive dossiers at
one agency through ``dossier_create_at_counter`` at the same instant; the codes
must come out unique and gap-free. Then the queries of a worklist page and of the
menu counts are measured for 10 and for 200 rows.

Uses a throwaway SQLite file under var/bench/ unless DATABASE_URL is set (SQLite
serialises writers, so its figure is not a concurrency test). On PostgreSQL the
run creates its own agency, so repeated runs do not disturb each other.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ["DEBUG"] = "0"  # no query log growing in memory
os.environ.setdefault("MOTCUA_DATA_DIR", str(ROOT / "var" / "bench"))
if "DATABASE_URL" not in os.environ:
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    database = bench_dir / "dossiers.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from motcua.agencies.models import StaffRole  # noqa: E402
from motcua.dossiers.inputs import ApplicantInput  # noqa: E402
from motcua.dossiers.selectors import (  # noqa: E402
    dossier_worklist,
    dossier_worklist_counts,
)
from motcua.dossiers.services import dossier_assign  # noqa: E402
from motcua.dossiers.tests.factories import (  # noqa: E402
    AgencyFactory,
    ServicePointFactory,
    all_ticks,
    procedure_with_process,
    staff,
    vn,
)

WORKERS = 2
NOW = vn(2026, 3, 2, 9)


class Setup:
    """A fresh agency with its staff, a service point and a procedure."""

    def __init__(self) -> None:
        tag = f"{os.getpid()}{int(time.time()) % 100000}"
        self.agency = AgencyFactory.create(code=f"000.00.{tag}.H01")
        self.point = ServicePointFactory.create(agency=self.agency, code=f"BENCH{tag}")
        self.procedure = procedure_with_process(code=f"BENCH.{tag}")
        self.ticks = all_ticks(self.procedure)
        self.officers = [
            staff(self.agency, StaffRole.RECEPTION_OFFICER, username=f"o{i}-{tag}")
            for i in range(WORKERS)
        ]
        self.division = staff(
            self.agency, StaffRole.DIVISION_LEADER, username=f"d{tag}"
        )
        self.specialist = staff(self.agency, StaffRole.SPECIALIST, username=f"s{tag}")

    def receive(self, worker: int) -> str:
        from motcua.dossiers.services import dossier_create_at_counter

        # No phone or e-mail: the outbox and its delivery are measured elsewhere.
        applicant = ApplicantInput(name="Nguyễn Văn An", id_number="001090000001")
        return dossier_create_at_counter(
            actor=self.officers[worker],
            now=NOW,
            procedure=self.procedure,
            service_point=self.point,
            applicant=applicant,
            papers=self.ticks,
            competent_agency=self.agency,
        ).code


def run_workers(count: int, work: Callable[[int], list[str]]) -> list[str]:
    barrier = threading.Barrier(count)
    results: list[list[str]] = [[] for _ in range(count)]
    errors: list[BaseException] = []

    def target(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(index)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return [code for batch in results for code in batch]


def gap_free(codes: list[str]) -> bool:
    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in codes)
    return len(set(codes)) == len(codes) and numbers == list(range(1, len(codes) + 1))


def queries_of(func: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        func()
    return len(captured)


def worklist_page(setup: Setup) -> int:
    """Render the columns of one worklist page (up to 200 rows); return its rows."""
    rows = [
        (
            d.code,
            d.procedure.name,
            d.assignee,
            d.competent_agency.code,
            d.deadline_state,
        )
        for d in dossier_worklist(user=setup.specialist, kind="mine", now=NOW)[:200]
    ]
    return len(rows)


def add_assigned(setup: Setup, count: int) -> None:
    for _ in range(count):
        dossier_assign(
            dossier_code=setup.receive(0),
            actor=setup.division,
            now=NOW,
            assignee=setup.specialist,
        )


def measure_worklists() -> None:
    setup = Setup()
    have = 0
    for rows in (10, 200):
        add_assigned(setup, rows - have)
        have = rows
        assert worklist_page(setup) == rows
        page = queries_of(lambda: worklist_page(setup))
        menu = queries_of(
            lambda: dossier_worklist_counts(user=setup.specialist, now=NOW)
        )
        print(f"worklist page queries ({rows} rows): {page}")
        print(f"menu count queries ({rows} rows): {menu}")


def main() -> None:
    per_worker = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    call_command("migrate", verbosity=0)
    setup = Setup()
    vendor = connection.vendor
    print(f"database: {vendor}")
    if vendor == "sqlite":
        print("note: SQLite serialises writers; concurrency is not really tested")
    print(f"workers: {WORKERS} threads")
    started = time.perf_counter()
    codes = run_workers(
        WORKERS, lambda i: [setup.receive(i) for _ in range(per_worker)]
    )
    elapsed = time.perf_counter() - started
    print(f"receptions: {len(codes)}")
    print(f"receptions per second: {len(codes) / elapsed:.1f}")
    print(f"codes unique and gap-free: {'yes' if gap_free(codes) else 'no'}")
    measure_worklists()


if __name__ == "__main__":
    main()
