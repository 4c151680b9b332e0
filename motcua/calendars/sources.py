"""Where days off come from: the ``holidays`` package and the announcements CSV.

No ORM here: the selectors feed the table's rows in, the benchmark the CSV's.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import holidays
from django.utils.translation import gettext as _

from motcua.calendars.models import HolidayKind
from motcua.core.errors import InvalidInput

REQUIRED_COLUMNS = ("date", "kind", "name_vi")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_NAME_MAX = 255


@dataclass(frozen=True, slots=True)
class HolidayRow:
    """A valid row of the announcements file."""

    line: int
    date: date
    kind: HolidayKind
    name_vi: str
    name_en: str = ""
    source: str = ""
    note: str = ""

    @property
    def is_day_off(self) -> bool:
        return self.kind != HolidayKind.MAKEUP_WORKDAY


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row that was not imported, with its line number in the file and why."""

    line: int
    reason: str


def package_day_sets(first_year: int, last_year: int) -> tuple[set[date], set[date]]:
    """Return the days off and the make-up working days the package knows.

    The package implements Labour Code 2019 Art. 111–112 and each year's swaps.
    """
    country = holidays.country_holidays("VN", years=range(first_year, last_year + 1))
    days_off = set(country.keys())
    extra = {d for d in country.weekend_workdays if first_year <= d.year <= last_year}
    return days_off, extra


def apply_announcements(
    days_off: set[date], extra: set[date], entries: Iterable[tuple[date, bool]]
) -> None:
    """Apply ``(date, is_day_off)`` announcements on top of the day sets, in place.

    An announcement wins over whatever the package says about that day.
    """
    for day, is_day_off in entries:
        if is_day_off:
            days_off.add(day)
            extra.discard(day)
        else:
            extra.add(day)
            days_off.discard(day)


def _row_problem(raw: dict[str, str]) -> str | None:
    try:
        day = date.fromisoformat(raw["date"])
    except ValueError:
        return _("bad date “%(value)s” (expected YYYY-MM-DD)") % {"value": raw["date"]}
    if raw["kind"] not in HolidayKind.values:
        return _("unknown kind “%(value)s” (expected one of: %(kinds)s)") % {
            "value": raw["kind"],
            "kinds": ", ".join(HolidayKind.values),
        }
    if not raw["name_vi"]:
        return _("the Vietnamese name (name_vi) is empty")
    if any(len(raw.get(name, "")) > _NAME_MAX for name in ("name_vi", "name_en")):
        return _("a name is longer than %(max)d characters") % {"max": _NAME_MAX}
    weekday = raw.get("weekday", "")
    if weekday and weekday != _WEEKDAYS[day.weekday()]:
        return _("weekday “%(value)s” does not match the date (%(day)s)") % {
            "value": weekday,
            "day": _WEEKDAYS[day.weekday()],
        }
    return None


def _clean(raw: dict[str, str | None]) -> dict[str, str]:
    return {key: (value or "").strip() for key, value in raw.items() if key}


def _parse_row(
    clean: dict[str, str], line: int, seen: dict[date, int]
) -> HolidayRow | RejectedRow:
    problem = _row_problem(clean)
    if problem is not None:
        return RejectedRow(line=line, reason=problem)
    day = date.fromisoformat(clean["date"])
    if day in seen:
        reason = _("the date is repeated (first on line %(line)d)") % {
            "line": seen[day]
        }
        return RejectedRow(line=line, reason=reason)
    seen[day] = line
    return HolidayRow(
        line=line,
        date=day,
        kind=HolidayKind(clean["kind"]),
        name_vi=clean["name_vi"],
        name_en=clean.get("name_en", ""),
        source=clean.get("source", ""),
        note=clean.get("note", ""),
    )


def holiday_rows_read(path: Path) -> tuple[list[HolidayRow], list[RejectedRow]]:
    """Read an announcements CSV (columns as in ``shared/data/holidays``).

    Returns the valid rows and the rejected ones; a bad row never stops the read.

    Raises:
        OSError, UnicodeDecodeError: the file cannot be read.
        InvalidInput: a required column is missing.
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return holiday_rows_parse(handle)


def holiday_rows_parse(
    handle: Iterable[str],
) -> tuple[list[HolidayRow], list[RejectedRow]]:
    """Parse announcement CSV lines (an open file or an upload's decoded text).

    Raises:
        InvalidInput: a required column is missing.
    """
    rows: list[HolidayRow] = []
    rejected: list[RejectedRow] = []
    seen: dict[date, int] = {}
    reader = csv.DictReader(handle)
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        message = _("The file lacks the columns: %(columns)s.") % {
            "columns": ", ".join(missing)
        }
        raise InvalidInput(message, field_errors={"path": message})
    for raw in reader:
        parsed = _parse_row(_clean(raw), reader.line_num, seen)
        if isinstance(parsed, RejectedRow):
            rejected.append(parsed)
        else:
            rows.append(parsed)
    return rows, rejected
