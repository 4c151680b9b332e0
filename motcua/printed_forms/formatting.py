"""Dates, times and labels as Vietnamese official papers print them."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from motcua.printed_forms.data import EARLY, LATE, ON_TIME

# The forms are legal papers in Vietnamese (Circular 03/2025/TT-VPCP, Annex I), so
# these words are fixed text, not translatable messages.
JUDGEMENT_LABELS = {
    EARLY: "Trước hạn",
    ON_TIME: "Đúng hạn",
    LATE: "Quá hạn",
}


def _local(value: datetime) -> datetime:
    return timezone.localtime(value)


def long_date(value: date | datetime) -> str:
    """Return "ngày 05 tháng 3 năm 2026" for a form's place-and-date line.

    Decree 30/2020/NĐ-CP, Annex I: a day below 10 and the months 1 and 2 take a
    leading zero.
    """
    day = _local(value).date() if isinstance(value, datetime) else value
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(value: date | datetime | None) -> str:
    """Return "05/03/2026" (empty for None)."""
    if value is None:
        return ""
    day = _local(value).date() if isinstance(value, datetime) else value
    return day.strftime("%d/%m/%Y")


def spoken_datetime(value: datetime | None) -> str:
    """Return "08 giờ 30 phút, ngày 05/03/2026" in local time (empty for None)."""
    if value is None:
        return ""
    local = _local(value)
    return f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}"


def short_datetime(value: datetime | None) -> str:
    """Return "08:30 05/03/2026" in local time, for table cells (empty for None)."""
    if value is None:
        return ""
    return f"{_local(value):%H:%M %d/%m/%Y}"


def judgement_label(value: str) -> str:
    """Return "Trước hạn", "Đúng hạn" or "Quá hạn"; other values as given."""
    return JUDGEMENT_LABELS.get(value, value)
