"""Whole numbers read from requests (paths, query strings, form fields): one rule.

Only ASCII digits count ("²" and "١" pass ``str.isdigit`` but are no input we
take), and a number must fit the database's ``bigint`` (PostgreSQL refuses a
larger one with an error, not an empty answer). What does not qualify reads as
"no number", which callers treat as "not found" or "not chosen".
"""

from __future__ import annotations

import re

BIGINT_MAX = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")


def request_int(value: object) -> int | None:
    """``value`` as a non-negative int that fits a bigint, else None."""
    text = str(value if value is not None else "").strip()
    if not _DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if number <= BIGINT_MAX else None


class IdConverter:
    """Path converter ``<id:name>``: like ``<int:…>`` but within a bigint, so an
    oversized number is a 404, never a database error."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = request_int(value)
        if number is None:
            raise ValueError(value)
        return number

    def to_url(self, value: int) -> str:
        return str(value)
