"""Background entry points of the outbox (Celery).

Without Redis (``CELERY_TASK_ALWAYS_EAGER``) ``outbox_deliver.delay()`` runs in the
process right after the commit that wrote the message. With Redis, schedule the
task every minute in celery beat as well: messages written while the worker or
Redis was down then go out as soon as both are back.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from motcua.notifications.delivery import outbox_deliver_due


@shared_task(name="notifications.outbox_deliver")  # type: ignore[untyped-decorator]
def outbox_deliver(limit: int = 100) -> int:
    """Send what is due in the outbox; return how many were sent."""
    return outbox_deliver_due(now=timezone.now(), limit=limit).sent
