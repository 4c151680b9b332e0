"""Benchmark the counter reception request: prints ``name: value`` lines.

Run from the repository root: ``python bench/counter.py [REQUESTS]``. Seeds the
demo (own seed) in a throwaway database, logs in as the reception officer and
POSTs the counter form through Django's full request stack (middleware, form,
service, redirect), timing the server side of each request; then times the
dossier page the officer lands on. Uses a SQLite file under var/bench/ unless
DATABASE_URL is set.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ["DEBUG"] = "0"
os.environ.setdefault("MOTCUA_DATA_DIR", str(ROOT / "var" / "bench"))
if "DATABASE_URL" not in os.environ:
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    database = bench_dir / "counter.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from motcua.accounts.models import User  # noqa: E402
from motcua.agencies.models import Agency, ServicePoint  # noqa: E402
from motcua.dossiers.intake import checklist_items  # noqa: E402
from motcua.procedures.models import Procedure  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--own-seed", verbosity=0, stdout=io.StringIO())
    client = Client()
    client.force_login(User.objects.get(username="reception"))
    procedure = Procedure.objects.get(code="1.004873")
    ward = Agency.objects.get(code="H26.00004")
    point = ServicePoint.objects.get(code="HN-CN01")
    papers = [str(d.pk) for d in checklist_items(procedure, "")]
    timings, page_timings = [], []
    for n in range(requests):
        data = {
            "service_point": str(point.pk),
            "procedure": procedure.code,
            "competent_agency": str(ward.pk),
            "papers": papers,
            "applicant_kind": "person",
            "applicant_id_number": f"00109{n:07d}",
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
    print(f"database engine: {connection.vendor}")
    print(f"counter reception requests: {requests}")
    print(f"counter reception p50 ms: {statistics.median(timings):.1f}")
    print(f"counter reception p95 ms: {percentile(timings, 0.95):.1f}")
    print(f"dossier page p50 ms: {statistics.median(page_timings):.1f}")
    print(f"dossier page p95 ms: {percentile(page_timings, 0.95):.1f}")


if __name__ == "__main__":
    main()
