"""``manage.py import_holidays [PATH]``: load each year's holiday announcements.

Then recounts the deadlines the announcement moves for open dossiers, each with
an event in its history (``motcua.dossiers.services.calendar_changes``); it lives
with the dossiers for that reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.calendars.sources import holiday_rows_read
from motcua.core.errors import InvalidInput
from motcua.core.progress import Progress
from motcua.dossiers.services.calendar_changes import holiday_announcement_import

DEFAULT_FILE = Path("holidays") / "vn_public_sector_holidays_2024_2026.csv"


class Command(BaseCommand):
    help = _(
        "Import holidays, days off and make-up working days from a CSV file. "
        "Running it again with the same file changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            help=_("CSV file (default: the shared data's holiday file)"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"] or Path(settings.SHARED_DATA_DIR) / DEFAULT_FILE
        try:
            rows, rejected = holiday_rows_read(path)
        except (OSError, UnicodeDecodeError, InvalidInput) as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
            ) from error
        progress: Progress | None = None

        def report(done: int, total: int) -> None:
            nonlocal progress
            if progress is None:
                progress = Progress(
                    _("Recounting open dossiers"),
                    total,
                    stream=cast(TextIO, self.stderr),
                )
            progress.step()

        result = holiday_announcement_import(
            rows=rows, source=path.name, now=timezone.now(), progress=report
        )
        if progress is not None:
            progress.finish()
        summary = result.summary
        for row in rejected:
            self.stderr.write(
                _("Rejected line %(line)d: %(reason)s")
                % {"line": row.line, "reason": row.reason}
            )
        self.stdout.write(
            _(
                "%(path)s: %(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged, %(rejected)d rejected."
            )
            % {
                "path": path,
                "created": summary.created,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
                "rejected": len(rejected),
            }
        )
        if not summary.changed:
            self.stdout.write(_("Nothing changed: the table already matches the file."))
        for change in result.changes:
            self.stdout.write(
                _("Deadline of %(code)s moved: %(before)s → %(after)s")
                % {
                    "code": change.code,
                    "before": timezone.localtime(change.before).strftime(
                        "%H:%M %d/%m/%Y"
                    ),
                    "after": timezone.localtime(change.after).strftime(
                        "%H:%M %d/%m/%Y"
                    ),
                }
            )
        self.stdout.write(
            _("Open dossiers whose deadline moved: %(count)d.")
            % {"count": len(result.changes)}
        )
