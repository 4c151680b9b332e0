"""Background entry point: close dossiers not supplemented in time (celery beat).

Until it runs, the closing date is derived from the dates
(``services.unsupplemented.supplement_close_due_at``).
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from motcua.dossiers.services.unsupplemented import dossiers_close_unsupplemented


@shared_task(name="dossiers.close_unsupplemented")  # type: ignore[untyped-decorator]
def close_unsupplemented() -> list[str]:
    """Close the dossiers whose supplement period has ended; return their codes."""
    return dossiers_close_unsupplemented(now=timezone.now())
