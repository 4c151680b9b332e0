from datetime import date

import pytest

from motcua.calendars.models import HolidayKind
from motcua.calendars.sources import (
    apply_announcements,
    holiday_rows_read,
    package_day_sets,
)
from motcua.core.errors import InvalidInput

HEADER = "date,weekday,year,kind,name_vi,name_en,source,confidence,note\n"


def write(tmp_path, body, header=HEADER):
    path = tmp_path / "holidays.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_the_shared_file_reads_without_rejects(holidays_csv):
    rows, rejected = holiday_rows_read(holidays_csv)
    assert rejected == []
    assert len(rows) == 45
    culture_day = next(row for row in rows if row.date == date(2026, 11, 24))
    assert culture_day.kind == HolidayKind.HOLIDAY
    assert culture_day.name_vi == "Ngày Văn hóa Việt Nam"
    assert culture_day.is_day_off


def test_bad_rows_are_rejected_with_their_line_and_reason(tmp_path):
    path = write(
        tmp_path,
        "2026-13-01,,2026,holiday,Sai ngày,,,,\n"
        "2026-01-10,Sat,2026,workday,Làm bù,,,,\n"
        "2026-01-11,Sun,2026,holiday,,,,,\n"
        "2026-01-12,Sun,2026,holiday,Sai thứ,,,,\n"
        f"2026-01-13,Tue,2026,holiday,{'x' * 256},,,,\n"
        "2026-01-10,Sat,2026,makeup_workday,Làm bù,Make-up,VPCP,high,note\n"
        "2026-01-10,Sat,2026,makeup_workday,Làm bù lần hai,,,,\n",
    )
    rows, rejected = holiday_rows_read(path)
    assert [row.date for row in rows] == [date(2026, 1, 10)]
    assert not rows[0].is_day_off
    assert rows[0].line == 7
    reasons = {row.line: row.reason for row in rejected}
    assert "bad date" in reasons[2]
    assert "unknown kind" in reasons[3]
    assert "name_vi" in reasons[4]
    assert "weekday" in reasons[5]
    assert "longer than" in reasons[6]
    assert "repeated (first on line 7)" in reasons[8]


def test_a_file_with_only_the_required_columns_is_read(tmp_path):
    path = write(tmp_path, "2027-01-01,holiday,Tết Dương lịch\n", "date,kind,name_vi\n")
    rows, rejected = holiday_rows_read(path)
    assert (rows[0].name_en, rows[0].source, rejected) == ("", "", [])


def test_a_file_without_the_required_columns_is_refused(tmp_path):
    with pytest.raises(InvalidInput) as caught:
        holiday_rows_read(write(tmp_path, "", "day,kind\n"))
    assert "date, name_vi" in str(caught.value)


def test_the_package_knows_swaps_and_make_up_saturdays():
    days_off, extra = package_day_sets(2025, 2026)
    assert date(2025, 5, 2) in days_off
    assert extra == {date(2025, 4, 26), date(2026, 8, 22)}


def test_announcements_win_over_the_package():
    days_off, extra = {date(2026, 1, 1)}, {date(2026, 8, 22)}
    apply_announcements(
        days_off, extra, [(date(2026, 1, 1), False), (date(2026, 8, 22), True)]
    )
    assert (days_off, extra) == ({date(2026, 8, 22)}, {date(2026, 1, 1)})
