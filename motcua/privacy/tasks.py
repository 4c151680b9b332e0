"""Background entry point: the daily retention purge (celery beat).

Nothing depends on it having run: a record kept a day longer is only kept a day
longer.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from motcua.privacy.services import retention_purge


@shared_task(name="privacy.retention_purge")  # type: ignore[untyped-decorator]
def retention_purge_task() -> dict[str, int | None]:
    """Delete what ``MOTCUA_RETENTION_DAYS`` no longer keeps."""
    return retention_purge(now=timezone.now())
