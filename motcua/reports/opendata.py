"""Open data of a period as CSV and JSON (issue "citizen portal" §5).

The CSV starts with a UTF-8 byte order mark so that Excel shows Vietnamese
correctly; cells that a spreadsheet would run as a formula are quoted with ``'``.
Column names are stable English keys, the same in CSV and JSON.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from typing import Any

from motcua.reports.selectors import PeriodFigures, PeriodRow, rate

COLUMNS = (
    "procedure_code",
    "procedure_name",
    "received",
    "processed",
    "early",
    "on_time",
    "late",
    "returned",
)
BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def period_csv(figures: PeriodFigures) -> str:
    """Return the rows of ``figures`` as CSV text, starting with a BOM."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in figures.rows:
        values = asdict(row)
        writer.writerow([_cell(values[column]) for column in COLUMNS])
    return out.getvalue()


def _totals(rows: tuple[PeriodRow, ...]) -> dict[str, Any]:
    totals = {key: sum(getattr(row, key) for row in rows) for key in COLUMNS[2:]}
    on_time_rate = rate(
        early=totals["early"], on_time=totals["on_time"], late=totals["late"]
    )
    return {
        **totals,
        "on_time_rate": None if on_time_rate is None else float(on_time_rate),
    }


def period_json(figures: PeriodFigures) -> dict[str, Any]:
    """Return ``figures`` as a JSON-ready mapping with totals and the period."""
    return {
        "scope": figures.subject.scope,
        "code": figures.subject.code,
        "name": figures.subject.name,
        "start": figures.start.isoformat(),
        "end": figures.end.isoformat(),
        "end_excluded": True,
        "columns": list(COLUMNS),
        "rows": [asdict(row) for row in figures.rows],
        "totals": _totals(figures.rows),
    }
