from __future__ import annotations

from datetime import UTC, date, datetime

from motcua.printed_forms.formatting import (
    judgement_label,
    long_date,
    short_date,
    short_datetime,
    spoken_datetime,
)
from motcua.printed_forms.tests.conftest import local


def test_a_long_date_pads_days_below_ten_and_the_first_two_months():
    assert long_date(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert long_date(date(2026, 11, 25)) == "ngày 25 tháng 11 năm 2026"
    assert long_date(date(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"


def test_datetimes_print_in_vietnam_time():
    # 17:30 UTC is 00:30 the next day in Hanoi.
    late_evening = datetime(2026, 3, 4, 17, 30, tzinfo=UTC)

    assert spoken_datetime(late_evening) == "00 giờ 30 phút, ngày 05/03/2026"
    assert short_datetime(late_evening) == "00:30 05/03/2026"
    assert short_date(late_evening) == "05/03/2026"
    assert long_date(late_evening) == "ngày 05 tháng 3 năm 2026"


def test_missing_dates_print_empty():
    assert spoken_datetime(None) == ""
    assert short_datetime(None) == ""
    assert short_date(None) == ""


def test_judgements_print_as_the_form_words():
    assert judgement_label("early") == "Trước hạn"
    assert judgement_label("on_time") == "Đúng hạn"
    assert judgement_label("late") == "Quá hạn"
    assert judgement_label("") == ""
    assert spoken_datetime(local(2026, 3, 5, 8, 5)) == "08 giờ 05 phút, ngày 05/03/2026"
