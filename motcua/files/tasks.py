"""Background entry point: the daily purge of stored files no row refers to.

Nothing depends on it having run: a file nobody refers to only takes space.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from motcua.files.orphans import orphan_files_purge


@shared_task(name="files.orphan_files_purge")  # type: ignore[untyped-decorator]
def orphan_files_purge_task() -> dict[str, int | bool]:
    """Delete the stored files past their grace period that no row refers to."""
    return orphan_files_purge(now=timezone.now()).as_dict()
