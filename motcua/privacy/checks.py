"""System checks: every retention period is a whole number of days, or None."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from motcua.privacy.services import RECORD_TYPES


@register()
def retention_settings_check(
    app_configs: Any = None, **kwargs: Any
) -> list[CheckMessage]:
    """``MOTCUA_RETENTION_DAYS`` names known record types with periods of a day
    or more (the public lookup limits look back a day), or None to keep."""
    periods = settings.MOTCUA_RETENTION_DAYS
    errors: list[CheckMessage] = [
        Error(
            f"MOTCUA_RETENTION_DAYS names an unknown record type {name!r}.",
            hint=f"The record types are {', '.join(RECORD_TYPES)}.",
            id="privacy.E001",
        )
        for name in periods
        if name not in RECORD_TYPES
    ]
    errors.extend(
        Error(
            f"MOTCUA_RETENTION_DAYS[{name!r}] is {days!r}: give whole days (1 or "
            "more), or None to keep these records for good.",
            id="privacy.E002",
        )
        for name, days in periods.items()
        if days is not None and (not isinstance(days, int) or days < 1)
    )
    return errors
