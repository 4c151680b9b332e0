"""The real 2024–2026 calendar, built without the database for the pure tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from motcua.calendars.hours import WorkingHours
from motcua.calendars.sources import (
    apply_announcements,
    holiday_rows_read,
    package_day_sets,
)
from motcua.calendars.workcalendar import WorkCalendar

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_YEAR, LAST_YEAR = 2024, 2026


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware datetime in Vietnam time."""
    return datetime(year, month, day, hour, minute, tzinfo=VN)


@pytest.fixture(scope="session")
def holidays_csv(shared_data: Path) -> Path:
    return shared_data / "holidays" / "vn_public_sector_holidays_2024_2026.csv"


@pytest.fixture(scope="session")
def build_calendar(holidays_csv: Path) -> Callable[..., WorkCalendar]:
    """Build the package + CSV calendar for 2024–2026 with the given hours."""
    rows, rejected = holiday_rows_read(holidays_csv)
    assert rejected == []
    days_off, extra = package_day_sets(FIRST_YEAR, LAST_YEAR)
    apply_announcements(days_off, extra, ((row.date, row.is_day_off) for row in rows))

    def build(hours: WorkingHours | None = None) -> WorkCalendar:
        return WorkCalendar(
            first_date=date(FIRST_YEAR, 1, 1),
            last_date=date(LAST_YEAR, 12, 31),
            days_off=days_off,
            extra_working_days=extra,
            hours=hours or WorkingHours(),
            tz=VN,
        )

    return build


@pytest.fixture(scope="session")
def calendar(build_calendar: Callable[..., WorkCalendar]) -> WorkCalendar:
    return build_calendar()
