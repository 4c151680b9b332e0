"""System check: the forms' typeface is installed on this server."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Warning, register

from motcua.printed_forms.fonts import (
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
            id="printed_forms.W001",
        )
    ]
