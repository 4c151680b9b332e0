"""System check: the grace period of the orphan file purge is long enough."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


@register()
def orphan_grace_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Refuse a grace period under an hour: the purge of files no row refers to
    would delete uploads whose transaction has not committed yet."""
    hours = settings.MOTCUA_ORPHAN_FILE_GRACE_HOURS
    if isinstance(hours, int) and hours >= 1:
        return []
    return [
        Error(
            "MOTCUA_ORPHAN_FILE_GRACE_HOURS must be a whole number of hours, at "
            "least 1.",
            hint="Leave it unset for the default of 24 hours.",
            id="files.E001",
        )
    ]
