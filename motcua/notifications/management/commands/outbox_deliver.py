"""``manage.py outbox_deliver``: one delivery pass over the outbox (for cron).

Example (every minute)::

    * * * * * cd /srv/motcua && .venv/bin/python manage.py outbox_deliver

Prints ``sent N, failed N, given up N``; exits 0 even when some messages failed
(they stay in the outbox, staff see them in the admin).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.notifications.delivery import outbox_deliver_due


class Command(BaseCommand):
    help = "Send the outbox messages that are due (one pass)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit",
            type=int,
            default=100,
            help="Send at most this many messages (default 100).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        limit: int = options["limit"]
        if limit < 1:
            raise CommandError(_("--limit must be at least 1."), returncode=2)
        report = outbox_deliver_due(now=timezone.now(), limit=limit)
        self.stdout.write(
            _("Outbox: sent %(sent)d, failed %(failed)d, given up %(gave_up)d.")
            % {"sent": report.sent, "failed": report.failed, "gave_up": report.gave_up}
        )
