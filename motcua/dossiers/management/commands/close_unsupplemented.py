"""``manage.py close_unsupplemented``: close dossiers not supplemented in time.

Example (hourly, where celery beat does not run)::

    5 * * * * cd /srv/motcua && .venv/bin/python manage.py close_unsupplemented

Prints the codes closed. The period is each procedure's
``supplement_close_working_days`` (empty: never closed).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.dossiers.services.unsupplemented import dossiers_close_unsupplemented


class Command(BaseCommand):
    help = "Close the dossiers whose supplement period has ended."

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"  {done}/{total}")

    def handle(self, *args: Any, **options: Any) -> None:
        closed = dossiers_close_unsupplemented(
            now=timezone.now(), progress=self._progress
        )
        for code in closed:
            self.stdout.write(code)
        self.stdout.write(_("Closed %(count)d dossiers.") % {"count": len(closed)})
