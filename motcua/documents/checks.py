"""System checks: the forms' typeface is installed on this server; the grace
period of the orphan file purge is long enough."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register

from motcua.documents.fonts import (
    FORM_FONT_FAMILIES,
    FORM_FONT_PACKAGE,
    form_font_installed,
)


@register()
def form_font_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn when neither Times New Roman nor Liberation Serif is installed."""
    if form_font_installed():
        return []
    return [
        Warning(
            "The printed forms' typeface ({}) is not installed: receipts and "
            "registers print in a fallback font with another layout.".format(
                " or ".join(FORM_FONT_FAMILIES)
            ),
            hint=f"Install it, e.g. apt-get install {FORM_FONT_PACKAGE}.",
            id="documents.W001",
        )
    ]


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
            id="documents.E001",
        )
    ]
