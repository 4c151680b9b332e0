"""Which years the official holiday announcements cover (pure code, no ORM).

The government announces each year's Tết, swapped days and make-up Saturdays in
the year before (Labour Code 2019 Art. 112(3)). Until a year's announcement is
imported, its days off come from the ``holidays`` package's rules alone: right as
a fallback, but a deadline counted through such a year is provisional, and the
officer and the citizen are told so ("tính theo lịch nghỉ dự kiến").
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date


def years_without_announcement(
    start: date, end: date, announced: Collection[int]
) -> tuple[int, ...]:
    """The years from ``start``'s to ``end``'s (both included) not in ``announced``."""
    first, last = sorted((start.year, end.year))
    return tuple(year for year in range(first, last + 1) if year not in announced)


def announcement_due_years(
    today: date, announced: Collection[int], *, due_from: tuple[int, ...]
) -> list[int]:
    """Years whose announcement should be in the table by ``today`` but is not.

    This year's is always due; next year's from ``due_from`` (month, day) on.
    """
    wanted = [today.year]
    if (today.month, today.day) >= due_from:
        wanted.append(today.year + 1)
    return [year for year in wanted if year not in announced]
