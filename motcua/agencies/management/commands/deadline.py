"""``manage.py deadline``: compute a dossier's deadline from the command line.

Example::

    manage.py deadline --received-at 2026-02-12T15:30 --amount 5 --unit working_days

The last line is the deadline in ISO 8601 local time, to the minute.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.agencies.selectors import agency_get
from motcua.calendars.deadlines import TimeUnit, parse_unit
from motcua.calendars.hours import WorkingHours
from motcua.calendars.selectors import deadline_compute
from motcua.core.errors import DomainError

USAGE_ERROR = 2


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=USAGE_ERROR)


def _parse_instant(value: str, what: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise _fail(
            _(
                "%(what)s “%(value)s” is not an ISO 8601 date-time "
                "(e.g. 2026-02-12T15:30)."
            )
            % {"what": what, "value": value}
        ) from None
    if timezone.is_naive(parsed):
        # A time without an offset is local time (settings.TIME_ZONE).
        parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
    return parsed


def _parse_amount(value: str) -> Decimal:
    try:
        return Decimal(value.strip())
    except InvalidOperation:
        raise _fail(
            _("Amount “%(value)s” is not a number (e.g. 5 or 0.5).") % {"value": value}
        ) from None


def _agency_hours(code: str | None) -> WorkingHours | None:
    if code is None:
        return None
    try:
        return agency_get(code=code.strip()).working_hours()
    except DomainError:
        raise _fail(_("No agency has the code “%(code)s”.") % {"code": code}) from None


def _minute(value: datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="minutes")


class Command(BaseCommand):
    help = _(
        "Compute the deadline of a dossier from when it was received, the processing "
        "time and any pauses. The last line printed is the deadline."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--received-at",
            required=True,
            help=_("when the complete dossier was received (ISO 8601; local time)"),
        )
        parser.add_argument("--amount", required=True, help=_("e.g. 5 or 0.5"))
        parser.add_argument(
            "--unit", required=True, help=", ".join(unit.value for unit in TimeUnit)
        )
        parser.add_argument("--agency", help=_("agency code: use its working hours"))
        parser.add_argument(
            "--pause",
            nargs=2,
            action="append",
            default=[],
            metavar=("START", "END"),
            help=_("a pause of the clock (supplement, payment); may repeat"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        received_at = _parse_instant(options["received_at"], _("Received at"))
        amount = _parse_amount(options["amount"])
        pauses = [
            (
                _parse_instant(start, _("Pause start")),
                _parse_instant(end, _("Pause end")),
            )
            for start, end in options["pause"]
        ]
        try:
            parse_unit(options["unit"])  # before any database work
            hours = _agency_hours(options["agency"])
            result = deadline_compute(
                received_at=received_at,
                amount=amount,
                unit=options["unit"],
                pauses=pauses,
                hours=hours,
            )
        except DomainError as error:
            raise _fail(str(error.message)) from None
        except DatabaseError as error:
            raise CommandError(
                _("The database is not ready (run manage.py migrate): %(error)s")
                % {"error": error}
            ) from None
        lines = [
            _("Received at: %(at)s") % {"at": _minute(received_at)},
            _("Count starts at: %(at)s") % {"at": _minute(result.count_started_at)},
            _("Time allowed: %(amount)s %(unit)s")
            % {"amount": result.amount, "unit": result.unit.value},
            _("Paused: %(minutes)d working minutes (deadline without pauses: %(at)s)")
            % {
                "minutes": result.paused_minutes,
                "at": _minute(result.unpaused_deadline_at),
            },
            _minute(result.deadline_at),
        ]
        if result.provisional:
            # Before the deadline, which stays the last line (scripts read it).
            lines.insert(
                -1,
                _(
                    "Provisional: no official holiday announcement imported for "
                    "%(years)s (computed on the expected holiday calendar)."
                )
                % {"years": ", ".join(map(str, result.provisional_years))},
            )
        self.stdout.write("\n".join(lines))
