"""``manage.py retention_purge``: delete what is kept past its retention period.

Example (daily, for cron where celery beat does not run)::

    30 2 * * * cd /srv/motcua && .venv/bin/python manage.py retention_purge

Prints, per record type, how many records went (or that the type is kept for
good); ``--only TYPE`` purges one type. The periods are ``MOTCUA_RETENTION_DAYS``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.privacy.services import RECORD_TYPES, retention_days, retention_purge


class Command(BaseCommand):
    help = "Delete the records kept past their retention period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--only",
            choices=RECORD_TYPES,
            help="Purge only this record type.",
        )

    def _progress(self, name: str, done: int, total: int) -> None:
        self.stdout.write(f"  {name}: {done}/{total}")

    def handle(self, *args: Any, **options: Any) -> None:
        periods = retention_days()
        done = retention_purge(
            now=timezone.now(), only=options["only"], progress=self._progress
        )
        for name, count in done.items():
            if count is None:
                self.stdout.write(_("%(type)s: kept for good.") % {"type": name})
            else:
                self.stdout.write(
                    _("%(type)s: %(count)d deleted (kept %(days)d days).")
                    % {"type": name, "count": count, "days": periods[name]}
                )
