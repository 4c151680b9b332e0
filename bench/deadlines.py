"""Benchmark deadline arithmetic: prints computations per second and peak memory.

Run from the repository root: ``python bench/deadlines.py [COUNT]``. The same
COUNT cases (a third of them paused) are computed in five rounds; the best round
is judged against the target, the median printed beside it. The calendar
is built without the database, from the ``holidays`` package for the configured
years and the shared announcements CSV (package only if the file is missing).
"""

from __future__ import annotations

import os
import random
import resource
import sys
import time
import tracemalloc
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.conf import settings  # noqa: E402

from motcua.calendars.deadlines import compute_deadline  # noqa: E402
from motcua.calendars.selectors import default_working_hours  # noqa: E402
from motcua.calendars.sources import (  # noqa: E402
    apply_announcements,
    holiday_rows_read,
    package_day_sets,
)
from motcua.calendars.workcalendar import WorkCalendar  # noqa: E402

CSV = Path(settings.SHARED_DATA_DIR) / "holidays"
CSV /= "vn_public_sector_holidays_2024_2026.csv"
ROUNDS = 5
TARGET_RATE = 200_000  # in one process (issue "Public tracking as fast as ...")
UNITS = (
    (
        "working_days",
        [Decimal("0.5"), Decimal(1), Decimal(5), Decimal(15), Decimal(30)],
    ),
    ("working_hours", [Decimal(1), Decimal(4), Decimal(8), Decimal(40)]),
    ("days", [Decimal(1), Decimal(7), Decimal(30), Decimal(60)]),
    ("months", [Decimal(1), Decimal(3)]),
    ("same_day", [Decimal(1)]),
)


def day_sets() -> tuple[set[date], set[date], str]:
    first, last = (
        settings.MOTCUA_CALENDAR_FIRST_YEAR,
        settings.MOTCUA_CALENDAR_LAST_YEAR,
    )
    days_off, extra = package_day_sets(first, last)
    source = "holidays package"
    if CSV.is_file():
        rows, _rejected = holiday_rows_read(CSV)
        apply_announcements(days_off, extra, ((r.date, r.is_day_off) for r in rows))
        source += " + " + CSV.name
    return days_off, extra, source


def build_calendar(days_off: set[date], extra: set[date]) -> WorkCalendar:
    return WorkCalendar(
        first_date=date(settings.MOTCUA_CALENDAR_FIRST_YEAR, 1, 1),
        last_date=date(settings.MOTCUA_CALENDAR_LAST_YEAR, 12, 31),
        days_off=days_off,
        extra_working_days=extra,
        hours=default_working_hours(),
        tz=ZoneInfo(settings.TIME_ZONE),
    )


Case = tuple[datetime, Decimal, str, list[tuple[datetime, datetime]]]


def make_cases(count: int, tz: ZoneInfo) -> list[Case]:
    rng = random.Random(20260212)
    start = datetime(2024, 1, 1, tzinfo=tz)
    span = int((datetime(2027, 1, 1, tzinfo=tz) - start).total_seconds() // 60)
    cases: list[Case] = []
    for _ in range(count):
        received_at = start + timedelta(minutes=rng.randrange(span))
        unit, amounts = rng.choice(UNITS)
        pauses: list[tuple[datetime, datetime]] = []
        if rng.random() < 0.3:  # about a third of dossiers wait for a supplement
            begin = received_at + timedelta(hours=rng.randrange(1, 72))
            pauses.append((begin, begin + timedelta(hours=rng.randrange(1, 200))))
        cases.append((received_at, rng.choice(amounts), unit, pauses))
    return cases


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    began = time.perf_counter()
    days_off, extra, source = day_sets()
    sets_built = time.perf_counter() - began
    began = time.perf_counter()
    calendar = build_calendar(days_off, extra)
    built = time.perf_counter() - began
    tracemalloc.start()
    build_calendar(days_off, extra)
    calendar_bytes = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    cases = make_cases(count, calendar.tz)
    rounds: list[float] = []
    for _round in range(ROUNDS):  # the same cases each round; the best is printed
        began = time.perf_counter()
        for received_at, amount, unit, pauses in cases:
            compute_deadline(
                calendar,
                received_at=received_at,
                amount=amount,
                unit=unit,
                pauses=pauses,
            )
        rounds.append(time.perf_counter() - began)
    elapsed = min(rounds)
    rate = count / elapsed
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"calendar: {calendar.first_date} to {calendar.last_date} ({source})")
    print(f"day sets (package + file) ms: {sets_built * 1000:.1f}")
    print(f"calendar build ms: {built * 1000:.1f}")
    print(f"calendar build peak memory KiB: {calendar_bytes / 1024:.0f}")
    print(f"deadline computations: {count} a round, {ROUNDS} rounds")
    print(f"deadline computations/s: {rate:.0f} (best round)")
    median = sorted(rounds)[ROUNDS // 2]
    print(f"deadline computations/s, median round: {count / median:.0f}")
    print(f"microseconds per computation: {elapsed / count * 1e6:.1f}")
    verdict = "met" if rate >= TARGET_RATE else "NOT met"
    print(f"deadline computations/s: target >= {TARGET_RATE}: {verdict}")
    print(f"peak memory (max RSS) MiB: {peak_kib / 1024:.1f}")


if __name__ == "__main__":
    main()
