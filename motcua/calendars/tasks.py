"""Background entry points of the calendar (thin: one selector call each)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from motcua.calendars.selectors import calendar_coverage_gaps

logger = logging.getLogger(__name__)


@shared_task(name="calendars.coverage_check")  # type: ignore[untyped-decorator]
def calendar_coverage_check() -> list[int]:
    """Warn staff when a year lacks the official holiday announcement."""
    gaps = calendar_coverage_gaps(today=timezone.localdate())
    for year in gaps:
        logger.warning(
            "The holiday table has no official announcement for %s: deadlines use "
            "the holidays package only. Import the announcement (import_holidays).",
            year,
        )
    return gaps
