"""``manage.py remind_appointments``: send tomorrow's booking reminders.

For cron where celery beat does not run (hourly is enough; a booking is
reminded once)::

    0 * * * * cd /srv/motcua && .venv/bin/python manage.py remind_appointments
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from motcua.queueing.services import appointments_remind


class Command(BaseCommand):
    help = "Send the day-before reminder of every booking of tomorrow."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = appointments_remind(now=timezone.now())
        self.stdout.write(f"Reminders sent: {sent}")
