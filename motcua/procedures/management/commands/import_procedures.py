"""python manage.py import_procedures [PATH] [--limit N]"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from motcua.core.progress import Progress
from motcua.procedures.services import catalogue_import
from motcua.procedures.sources import catalogue_records, count_lines


class Command(BaseCommand):
    help = "Import the national procedure catalogue (JSON lines, optionally .gz)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            default=Path(settings.SHARED_DATA_DIR)
            / "procedures"
            / "tthc_catalog.jsonl.gz",
        )
        parser.add_argument("--limit", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        limit: int | None = options["limit"]
        if not path.is_file():
            raise CommandError(_("No catalogue file at %(path)s") % {"path": path})
        total = count_lines(path)
        if limit is not None:
            total = min(total, limit)
        progress = Progress(
            _("Procedures"), total, stream=cast(TextIO, self.stderr), every=500
        )
        report = catalogue_import(
            records=catalogue_records(path, limit=limit), progress=progress
        )
        for line in report.summary_lines():
            self.stdout.write(line)
