from datetime import date

import pytest

from motcua.calendars.models import HolidayEntry, HolidayKind
from motcua.calendars.selectors import calendar_coverage_gaps
from motcua.calendars.tasks import calendar_coverage_check

pytestmark = pytest.mark.django_db


def add_announcement(day: date) -> None:
    HolidayEntry.objects.create(
        date=day, kind=HolidayKind.HOLIDAY, name_vi="Tết Dương lịch", name_en="New Year"
    )


def test_the_next_year_is_due_from_the_first_of_december():
    add_announcement(date(2026, 1, 1))
    assert calendar_coverage_gaps(today=date(2026, 11, 30)) == []
    assert calendar_coverage_gaps(today=date(2026, 12, 1)) == [2027]
    assert calendar_coverage_gaps(today=date(2026, 12, 31)) == [2027]
    add_announcement(date(2027, 1, 1))
    assert calendar_coverage_gaps(today=date(2026, 12, 1)) == []


def test_this_year_is_always_due():
    assert calendar_coverage_gaps(today=date(2026, 1, 2)) == [2026]


def test_the_day_the_next_year_is_due_is_a_setting(settings):
    settings.MOTCUA_CALENDAR_ANNOUNCEMENT_DUE = (10, 1)
    add_announcement(date(2026, 1, 1))
    assert calendar_coverage_gaps(today=date(2026, 9, 30)) == []
    assert calendar_coverage_gaps(today=date(2026, 10, 1)) == [2027]
    add_announcement(date(2027, 1, 1))
    assert calendar_coverage_gaps(today=date(2026, 10, 1)) == []


def test_the_task_runs_in_process_and_reports_missing_years(caplog):
    result = calendar_coverage_check.delay().get()
    assert result
    assert "import_holidays" in caplog.text
