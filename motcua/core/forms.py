"""Date and time inputs in Vietnamese order (dd/mm/yyyy), whatever the browser.

A native ``<input type="date">`` shows the browser's own order: an office PC, a
kiosk or a TV set to English shows mm/dd/yyyy, which reads 05/03 as the 3rd of
May. These inputs are plain text with a fixed placeholder and pattern, show
dd/mm/yyyy and accept it (and ISO dates, which some clients send) in either
language.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%H:%M %d/%m/%Y",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
]
DATE_PLACEHOLDER = "dd/mm/yyyy"
DATETIME_PLACEHOLDER = "dd/mm/yyyy hh:mm"


class VietnameseDateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "placeholder": DATE_PLACEHOLDER,
                "inputmode": "numeric",
                "pattern": r"\d{1,2}/\d{1,2}/\d{4}",
                "autocomplete": "off",
                **(attrs or {}),
            },
            format="%d/%m/%Y",
        )


class VietnameseDateTimeInput(forms.DateTimeInput):
    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "placeholder": DATETIME_PLACEHOLDER,
                "pattern": r"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}",
                "autocomplete": "off",
                **(attrs or {}),
            },
            format="%d/%m/%Y %H:%M",
        )


def date_field(
    *, attrs: dict[str, Any] | None = None, **kwargs: Any
) -> forms.DateField:
    """A date field shown and typed as dd/mm/yyyy."""
    return forms.DateField(
        input_formats=DATE_INPUT_FORMATS, widget=VietnameseDateInput(attrs), **kwargs
    )


def datetime_field(
    *, attrs: dict[str, Any] | None = None, **kwargs: Any
) -> forms.DateTimeField:
    """A date-and-time field shown and typed as dd/mm/yyyy hh:mm."""
    return forms.DateTimeField(
        input_formats=DATETIME_INPUT_FORMATS,
        widget=VietnameseDateTimeInput(attrs),
        **kwargs,
    )


def date_parse(value: str) -> date | None:
    """Return the date written as dd/mm/yyyy or YYYY-MM-DD, or None."""
    for pattern in DATE_INPUT_FORMATS:
        try:
            return datetime.strptime(value.strip(), pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None
