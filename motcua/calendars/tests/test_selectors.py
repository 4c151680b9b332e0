from datetime import date, time
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from motcua.calendars import selectors
from motcua.calendars.hours import WorkingHours
from motcua.calendars.models import HolidayEntry, HolidayKind
from motcua.calendars.selectors import (
    day_sets_get,
    deadline_compute,
    deadline_state_get,
    work_calendar_get,
)
from motcua.calendars.timeliness import OpenState
from motcua.calendars.workcalendar import CalendarRangeError

from .conftest import VN, local

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(holidays_csv):
    call_command("import_holidays", str(holidays_csv), stdout=None)


@pytest.mark.parametrize(("year", "days"), [(2024, 251), (2025, 250), (2026, 249)])
def test_the_database_calendar_has_the_published_working_days(imported, year, days):
    calendar = work_calendar_get()
    assert calendar.working_days_between(date(year, 1, 1), date(year, 12, 31)) == days


def test_without_the_table_the_package_misses_the_2026_new_year_swap():
    calendar = work_calendar_get()
    assert calendar.is_working_day(date(2026, 1, 2))
    assert not calendar.is_working_day(date(2026, 1, 10))


def test_the_calendar_covers_the_configured_years(settings):
    settings.MOTCUA_CALENDAR_FIRST_YEAR = 2024
    settings.MOTCUA_CALENDAR_LAST_YEAR = 2026
    calendar = work_calendar_get()
    assert (calendar.first_date, calendar.last_date) == (
        date(2024, 1, 1),
        date(2026, 12, 31),
    )
    assert calendar.tz == VN
    with pytest.raises(CalendarRangeError):
        calendar.is_working_day(date(2027, 1, 4))


def test_a_table_row_wins_over_the_package_and_the_cache_sees_it():
    assert not work_calendar_get().is_working_day(date(2026, 11, 24))
    entry = HolidayEntry.objects.create(
        date=date(2026, 11, 24), kind=HolidayKind.MAKEUP_WORKDAY, name_vi="Đi làm"
    )
    assert work_calendar_get().is_working_day(date(2026, 11, 24))
    entry.kind = HolidayKind.HOLIDAY
    entry.save()
    assert not work_calendar_get().is_working_day(date(2026, 11, 24))
    HolidayEntry.objects.create(
        date=date(2026, 3, 2), kind=HolidayKind.SWAPPED_DAY_OFF, name_vi="Nghỉ"
    )
    assert not work_calendar_get().is_working_day(date(2026, 3, 2))
    assert date(2026, 3, 2) in day_sets_get()[0]


def test_the_calendar_is_built_once_while_the_table_is_unchanged(
    django_assert_num_queries,
):
    first = work_calendar_get()
    with django_assert_num_queries(1):
        assert work_calendar_get() is first
    custom = WorkingHours(cutoff=time(16))
    assert work_calendar_get(hours=custom) is not first
    assert len(selectors._calendars) == 2


def test_deadline_compute_uses_the_default_or_the_given_hours(imported):
    result = deadline_compute(
        received_at=local(2026, 2, 12, 15, 30),
        amount=Decimal(5),
        unit="working_days",
    )
    assert result.deadline_at == local(2026, 2, 26, 17)
    late_cutoff = WorkingHours(cutoff=time(16))
    result = deadline_compute(
        received_at=local(2026, 2, 12, 15, 30),
        amount=Decimal(1),
        unit="working_hours",
        pauses=[(local(2026, 2, 12, 15, 30), local(2026, 2, 12, 16))],
        hours=late_cutoff,
    )
    assert result.count_started_at == local(2026, 2, 12, 15, 30)
    assert result.paused_minutes == 30
    assert result.deadline_at == local(2026, 2, 12, 17)


def test_due_soon_follows_the_setting(settings):
    deadline_at = local(2026, 3, 4, 17)
    now = local(2026, 3, 3, 16)  # 9 working hours left
    assert deadline_state_get(now=now, deadline_at=deadline_at) == OpenState.ON_TIME
    settings.MOTCUA_DUE_SOON_WORKING_HOURS = 16
    assert deadline_state_get(now=now, deadline_at=deadline_at) == OpenState.DUE_SOON


def test_a_recent_read_reuses_the_table_state_for_a_few_seconds(
    monkeypatch, django_assert_num_queries
):
    clock = [1000.0]
    monkeypatch.setattr(selectors, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    selectors.table_state_forget()
    first = work_calendar_get(recent=True)
    with django_assert_num_queries(0):
        assert work_calendar_get(recent=True) is first
    with django_assert_num_queries(1):  # a read that writes deadlines never lags
        work_calendar_get()
    saturday = date(2026, 11, 28)
    assert not first.is_working_day(saturday)
    # Another process's import: no signal reaches this one (bulk_create sends none).
    HolidayEntry.objects.bulk_create(
        [HolidayEntry(date=saturday, kind=HolidayKind.MAKEUP_WORKDAY, name_vi="Đi làm")]
    )
    clock[0] += selectors.RECENT_SECONDS - 0.1
    with django_assert_num_queries(0):
        lagging = work_calendar_get(recent=True)
    assert not lagging.is_working_day(saturday)
    clock[0] += 0.2
    fresh = work_calendar_get(recent=True)
    assert fresh.is_working_day(saturday)
    assert lagging is not fresh
    selectors.table_state_forget()
    with django_assert_num_queries(1):
        work_calendar_get(recent=True)


def test_a_holiday_saved_in_this_process_is_seen_at_once_by_a_recent_read(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(selectors, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    selectors.table_state_forget()
    saturday = date(2026, 11, 28)
    assert not work_calendar_get(recent=True).is_working_day(saturday)
    HolidayEntry.objects.create(
        date=saturday, kind=HolidayKind.MAKEUP_WORKDAY, name_vi="Đi làm"
    )
    assert work_calendar_get(recent=True).is_working_day(saturday)
