"""Seed a Hanoi demo: units, agencies, service points, staff and procedures.

Everything made here is DEMO DATA: agency e-IDs, addresses, people and passwords
are invented. Real public data (units, holidays, the commune-level catalogue) is
read from ``settings.SHARED_DATA_DIR`` when it is there, otherwise from the small
hand-made seed in ``motcua/demo/seed/demo_seed.json``. Running it again changes
nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from motcua.demo import seeding


class Command(BaseCommand):
    help = "Seed the demo data (idempotent). Uses ../shared/data when present."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--own-seed",
            action="store_true",
            help="Use only the small demo seed, even if the shared data is present.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = seeding.demo_seed(
            use_shared=not options["own_seed"], stdout=self.stdout, stderr=self.stderr
        )
        for line in summary:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo data ready (password: demo12345)."))
