"""``manage.py purge_orphan_files``: delete stored files no row refers to.

Example (daily, for cron where celery beat does not run)::

    45 2 * * * cd /srv/motcua && .venv/bin/python manage.py purge_orphan_files

Only files last modified ``MOTCUA_ORPHAN_FILE_GRACE_HOURS`` ago or earlier go (an
upload whose transaction has not committed yet is younger). ``--dry-run`` lists
what would be deleted and deletes nothing. Progress goes to stderr, the report
to stdout.
"""

from __future__ import annotations

from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.progress import Progress
from motcua.files.orphans import orphan_files_purge, orphan_grace


class Command(BaseCommand):
    help = "Delete the stored files that no dossier, paper or draft refers to."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("List the files that would be deleted; delete nothing."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        progress = Progress(
            _("Stored files checked"), None, stream=cast(TextIO, self.stderr)
        )
        report = orphan_files_purge(
            now=timezone.now(), dry_run=dry_run, progress=progress.step
        )
        progress.finish()
        if dry_run or options["verbosity"] >= 2:
            for name in report.names:
                self.stdout.write(name)
        values = {
            "checked": report.checked,
            "referenced": report.referenced,
            "recent": report.recent,
            "hours": int(orphan_grace().total_seconds() // 3600),
            "deleted": report.deleted,
            "bytes": report.bytes_freed,
        }
        self.stdout.write(
            _(
                "%(checked)d files checked: %(referenced)d in use, %(recent)d not "
                "in use but younger than %(hours)d hours (kept)."
            )
            % values
        )
        if dry_run:
            message = _(
                "Dry run: %(deleted)d files (%(bytes)d bytes) would be deleted."
            )
        else:
            message = _("%(deleted)d files deleted, %(bytes)d bytes freed.")
        self.stdout.write(message % values)
