"""Read catalogue files: JSON lines, plain or gzip-compressed."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from motcua.procedures.records import ERROR_KEY, LINE_KEY


def _open(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def catalogue_records(
    path: Path, *, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    """Yield each non-empty line of ``path`` as a record tagged with its line.

    A line that is not a JSON object is yielded as ``{"_line": n, "_error": …}``
    so that the import reports it and carries on.
    """
    count = 0
    with _open(path) as lines:
        for number, line in enumerate(lines, start=1):
            if limit is not None and count >= limit:
                return
            if not line.strip():
                continue
            count += 1
            yield _decode(line, number)


def _decode(line: str, number: int) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return {LINE_KEY: number, ERROR_KEY: f"invalid JSON ({error.msg})"}
    if not isinstance(record, dict):
        return {LINE_KEY: number, ERROR_KEY: "not a JSON object"}
    record[LINE_KEY] = number
    return record


def count_lines(path: Path) -> int:
    """Count the non-empty lines (for progress totals)."""
    with _open(path) as lines:
        return sum(1 for line in lines if line.strip())
