"""Processing times the law sets where the catalogue gives a bare number.

Pure data. The catalogue publishes "1" (no unit) for the civil-status
registrations the Civil Status Law requires to be done at once; read as one
working day, the counter would promise tomorrow what the law asks today. Where a
record's time has no unit and the law gives the time, the import takes the law's
(and reports ``time_from_law``); a unit the catalogue does give is never
overridden, and staff may still correct either in the admin.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from motcua.procedures.choices import TimeUnit


@dataclass(frozen=True, slots=True)
class StatutoryTime:
    amount: Decimal
    unit: TimeUnit
    basis: str  # the article, shown in the import report


_SAME_DAY = Decimal(1)

STATUTORY_TIMES: Mapping[str, StatutoryTime] = {
    # "Ngay sau khi nhận đủ giấy tờ … ghi nội dung khai sinh vào Sổ hộ tịch".
    "1.001193": StatutoryTime(
        _SAME_DAY, TimeUnit.SAME_DAY, "Luật Hộ tịch 2014 Điều 16 khoản 2"
    ),
    # Same day; up to 5 working days only when the conditions must be verified
    # (recorded as an extension by the specialist, not as the legal time).
    "1.000894": StatutoryTime(
        _SAME_DAY, TimeUnit.SAME_DAY, "Luật Hộ tịch 2014 Điều 18 khoản 2"
    ),
    # Same day; verification, when needed, takes at most 3 working days.
    "1.000656": StatutoryTime(
        _SAME_DAY, TimeUnit.SAME_DAY, "Luật Hộ tịch 2014 Điều 34 khoản 2"
    ),
}


def statutory_time(code: str) -> StatutoryTime | None:
    """The law's time for procedure ``code`` (the national code before any
    agency suffix: ``1.001193.000.00.00.H26`` reads as ``1.001193``)."""
    return STATUTORY_TIMES.get(".".join(code.split(".")[:2]))
