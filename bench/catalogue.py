"""Benchmark the catalogue: full import, then ~500 searches.

Run from the repository root: ``python bench/catalogue.py``. Uses a throwaway
SQLite file under var/bench/ unless DATABASE_URL is set. Prints ``name: value``.
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
if "DATABASE_URL" not in os.environ:
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    database = bench_dir / "catalogue.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from motcua.procedures.models import Procedure  # noqa: E402
from motcua.procedures.selectors import procedure_search  # noqa: E402
from motcua.procedures.services import catalogue_import  # noqa: E402
from motcua.procedures.sources import catalogue_records  # noqa: E402

QUERIES = [
    "đăng ký khai sinh",
    "dang ky khai sinh",
    "ĐĂNG KÝ THƯỜNG TRÚ",
    "thuong tru",
    "cấp giấy phép xây dựng",
    "giay phep xay dung",
    "chứng thực",
    "chung thuc ban sao",
    "hộ tịch",
    "đất đai",
    "dat dai",
    "kết hôn",
    "ket hon",
    "căn cước",
    "can cuoc",
    "hộ chiếu",
    "thị thực",
    "doanh nghiệp",
    "dang ky doanh nghiep",
    "thuế",
    "khiếu nại",
    "tố cáo",
    "xe",
    "bien so xe",
    "môi trường",
    "đăng kiểm",
    "1.004222",
    "1.001193",
    "2.001218",
    "1.000",
    "giấy",
    "cấp",
    "sinh",
    "nhà ở",
]


def main() -> None:
    call_command("migrate", verbosity=0, interactive=False)
    path = Path(settings.SHARED_DATA_DIR) / "procedures" / "tthc_catalog.jsonl.gz"
    print(f"database engine: {connection.vendor}")
    # Peak resident memory of the process (tracemalloc would slow the import 4×).
    started = time.perf_counter()
    report = catalogue_import(records=catalogue_records(path))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"catalogue records: {report.total}")
    print(f"catalogue procedures in database: {Procedure.objects.count()}")
    print(f"catalogue import seconds: {seconds:.2f}")
    print(f"catalogue import peak memory (process RSS) MB: {peak / 1e6:.1f}")
    run_searches()


def run_searches(count: int = 500) -> None:
    rng = random.Random(7)
    queries = [rng.choice(QUERIES) for _ in range(count)]
    timings = []
    tracemalloc.start()
    for query in queries:
        started = time.perf_counter()
        list(procedure_search(query=query)[:25])
        timings.append((time.perf_counter() - started) * 1000)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    timings.sort()
    print(f"catalogue searches: {count}")
    print(f"catalogue search p50 ms: {statistics.median(timings):.2f}")
    print(f"catalogue search p95 ms: {timings[int(0.95 * len(timings)) - 1]:.2f}")
    print(f"catalogue search peak memory MB: {peak / 1e6:.1f}")


if __name__ == "__main__":
    main()
