"""Calendar endpoints: the legal deadline for a received time, amount and unit."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from motcua.agencies.selectors import agency_get
from motcua.calendars.selectors import deadline_compute
from motcua.core.errors import InvalidInput

router = Router()


class DeadlineOut(Schema):
    received_at: datetime
    count_started_at: datetime
    deadline_at: datetime
    deadline: str  # ISO 8601 local time to the minute, as the command prints it
    amount: Decimal
    unit: str
    agency: str | None
    paused_working_minutes: int
    # Years crossed with no official holiday announcement imported: provisional.
    provisional_years: list[int]


class DeadlineQuery(Schema):
    received_at: str
    amount: str
    unit: str
    agency: str | None = None
    pause: list[str] = []


def parse_local_datetime(value: str, field: str) -> datetime:
    """Parse ISO 8601; a time without offset is local time (settings.TIME_ZONE)."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise InvalidInput(
            _("Invalid date-time."),
            field_errors={field: _("Use ISO 8601, e.g. 2026-02-12T15:30.")},
        ) from exc
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
    return parsed


def parse_pause(value: str) -> tuple[datetime, datetime]:
    """A pause is ``START,END`` (or ``START/END``), both ISO 8601."""
    separator = "," if "," in value else "/"
    parts = value.split(separator)
    if len(parts) != 2:
        raise InvalidInput(
            _("Invalid pause."),
            field_errors={"pause": _("Give a pause as START,END in ISO 8601.")},
        )
    return parse_local_datetime(parts[0], "pause"), parse_local_datetime(
        parts[1], "pause"
    )


def parse_amount(value: str) -> Decimal:
    try:
        return Decimal(value.strip())
    except InvalidOperation as exc:
        raise InvalidInput(
            _("Invalid amount."),
            field_errors={"amount": _("The amount must be a number, e.g. 5 or 0.5.")},
        ) from exc


@router.get("/deadline", response=DeadlineOut, summary="Compute a legal deadline")
def deadline(request: HttpRequest, params: Query[DeadlineQuery]) -> DeadlineOut:
    """Deadline per SPEC §5; pass `pause=START,END` once per pause."""
    received_at = parse_local_datetime(params.received_at, "received_at")
    pauses = [parse_pause(p) for p in params.pause]
    hours = agency_get(code=params.agency).working_hours() if params.agency else None
    result = deadline_compute(
        received_at=received_at,
        amount=parse_amount(params.amount),
        unit=params.unit,
        pauses=pauses,
        hours=hours,
    )
    local_deadline = timezone.localtime(result.deadline_at)
    return DeadlineOut(
        received_at=received_at,
        count_started_at=result.count_started_at,
        deadline_at=result.deadline_at,
        deadline=local_deadline.isoformat(timespec="minutes"),
        amount=result.amount,
        unit=str(result.unit),
        agency=params.agency,
        paused_working_minutes=result.paused_minutes,
        provisional_years=list(result.provisional_years),
    )
