"""Gap-free counters taken under a row lock, and the local day they count in.

A counter is a row (``last_value``) keyed by what it counts for (an agency and a
day, a queue line and a day). The row is created with ``get_or_create`` inside the
caller's transaction and locked with ``SELECT … FOR UPDATE``; two first-of-the-day
takes racing on PostgreSQL make one INSERT fail on the unique constraint, and that
side retries the lock (the row then exists). Must run inside
``transaction.atomic``, so a rolled-back take leaves no gap.

Days are local (Asia/Ho_Chi_Minh, ``settings.TIME_ZONE``): a count that restarts
at UTC midnight would restart at 07:00 in Vietnam.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, models, transaction

_RETRIES = 3


Counter = TypeVar("Counter", bound=models.Model)


def local_date(at: datetime) -> date:
    """Return the date of ``at`` in the project's time zone (Vietnam)."""
    return at.astimezone(ZoneInfo(settings.TIME_ZONE)).date()


def counter_next(model: type[Counter], **key: Any) -> int:
    """Lock (creating if needed) the counter row ``key`` and return its next value."""
    for attempt in range(_RETRIES):
        try:
            with transaction.atomic():
                row, _created = (
                    model._default_manager.select_for_update().get_or_create(**key)
                )
            break
        except IntegrityError:
            if attempt == _RETRIES - 1:
                raise
    # The row is locked by this transaction: its value is current.
    counter: Any = row
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return int(counter.last_value)
