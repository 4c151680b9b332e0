"""Background entry point: delete stale online drafts (celery beat, daily).

Nothing depends on it having run: a stale draft is only clutter.
"""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from motcua.submissions.services import submissions_purge


@shared_task(name="submissions.drafts_purge")  # type: ignore[untyped-decorator]
def drafts_purge() -> int:
    """Delete drafts untouched for ``MOTCUA_DRAFT_RETENTION_DAYS``."""
    days: int = settings.MOTCUA_DRAFT_RETENTION_DAYS
    return submissions_purge(now=timezone.now(), older_than=timedelta(days=days))
