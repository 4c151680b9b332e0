"""Import administrative units and the old→new table: ``manage.py import_units``."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any, TextIO, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.agencies.services.units import PARTS, UnitImportReport, units_import
from motcua.core.errors import InvalidInput


class Command(BaseCommand):
    help = (
        "Import provinces and communes (2025), the pre-2025 three-level list and "
        "the old→new commune table from CSV files."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dir",
            dest="directory",
            type=Path,
            default=None,
            help="Directory of the CSV files (default: SHARED_DATA_DIR/admin_units).",
        )
        parser.add_argument(
            "--only",
            default="",
            help=f"Comma-separated parts to import, among: {', '.join(PARTS)}.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory = options["directory"] or (
            Path(settings.SHARED_DATA_DIR) / "admin_units"
        )
        only = [part.strip() for part in options["only"].split(",") if part.strip()]
        stream = cast(TextIO, self.stderr) if options["verbosity"] > 0 else None
        try:
            report = units_import(directory=directory, only=only, stream=stream)
        except InvalidInput as error:
            raise CommandError(str(error.message)) from error
        self._print(report)

    def _print(self, report: UnitImportReport) -> None:
        for table in report.tables:
            self.stdout.write(
                _("%(label)s: %(created)d created, %(updated)d updated, ")
                % {
                    "label": table.label,
                    "created": table.created,
                    "updated": table.updated,
                }
                + _("%(unchanged)d unchanged") % {"unchanged": table.unchanged}
            )
        if report.problems:
            self.stderr.write(
                _("%(count)d row(s) skipped:") % {"count": len(report.problems)}
            )
            for problem in report.problems:
                self.stderr.write(f"  {problem}")
        if report.changed == 0:
            self.stdout.write(
                _("Nothing changed: the database already matches the files.")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Done: %(count)d row(s) created or updated.")
                    % {"count": report.changed}
                )
            )
