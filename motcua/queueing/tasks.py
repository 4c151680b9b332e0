"""Background entry point: the day-before reminders of bookings (celery beat).

Nothing depends on it having run: a booking is valid whether or not it was
reminded, and a no-show is read from the dates.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from motcua.queueing.services import appointments_remind


@shared_task(name="queueing.appointments_remind")  # type: ignore[untyped-decorator]
def appointments_remind_task() -> int:
    """Remind tomorrow's bookings not yet reminded; return how many."""
    return appointments_remind(now=timezone.now())
