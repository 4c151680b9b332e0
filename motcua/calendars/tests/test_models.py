from datetime import date

import pytest
from django.db import IntegrityError

from motcua.calendars.models import HolidayEntry, HolidayKind

pytestmark = pytest.mark.django_db


def test_an_entry_reads_as_its_date_and_name():
    entry = HolidayEntry(date=date(2026, 9, 2), kind="holiday", name_vi="Quốc khánh")
    assert str(entry) == "02/09/2026 Quốc khánh"
    assert entry.is_day_off
    assert not HolidayEntry(kind=HolidayKind.MAKEUP_WORKDAY).is_day_off


def test_the_database_refuses_an_unknown_kind():
    with pytest.raises(IntegrityError):
        HolidayEntry.objects.create(date=date(2026, 9, 2), kind="party", name_vi="X")


def test_the_database_refuses_two_entries_for_one_date():
    HolidayEntry.objects.create(date=date(2026, 9, 2), kind="holiday", name_vi="A")
    with pytest.raises(IntegrityError):
        HolidayEntry.objects.create(date=date(2026, 9, 2), kind="holiday", name_vi="B")
