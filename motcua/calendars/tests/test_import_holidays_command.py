from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.calendars.models import HolidayEntry, HolidayKind

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_holidays", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_importing_the_shared_file_creates_every_entry(holidays_csv):
    out, err = run(str(holidays_csv))
    assert "45 created, 0 updated, 0 unchanged, 0 rejected" in out
    assert err == ""
    assert HolidayEntry.objects.count() == 45
    assert HolidayEntry.objects.get(date="2026-01-10").kind == (
        HolidayKind.MAKEUP_WORKDAY
    )


def test_a_second_import_changes_nothing_and_says_so(holidays_csv):
    run(str(holidays_csv))
    before = list(HolidayEntry.objects.order_by("id").values_list("id", "updated_at"))
    out, _ = run(str(holidays_csv))
    assert "0 created, 0 updated, 45 unchanged" in out
    assert "Nothing changed" in out
    after = list(HolidayEntry.objects.order_by("id").values_list("id", "updated_at"))
    assert after == before


def test_the_default_path_is_the_shared_file(shared_data):
    out, _ = run()
    assert "vn_public_sector_holidays_2024_2026.csv: 45 created" in out


def test_an_edited_row_is_updated_and_hand_entries_are_kept(holidays_csv, tmp_path):
    run(str(holidays_csv))
    HolidayEntry.objects.create(date="2027-01-01", kind="holiday", name_vi="Tết")
    HolidayEntry.objects.filter(date="2026-11-24").update(name_en="old name")
    out, _ = run(str(holidays_csv))
    assert "0 created, 1 updated, 44 unchanged" in out
    assert HolidayEntry.objects.get(date="2026-11-24").name_en == "Vietnam Culture Day"
    assert HolidayEntry.objects.filter(date="2027-01-01").exists()


def test_bad_rows_are_reported_not_fatal(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "date,kind,name_vi\n31/12/2026,holiday,Sai\n2026-12-31,nghi,Sai\n"
        "2026-12-30,holiday,Ngày nghỉ\n",
        encoding="utf-8",
    )
    out, err = run(str(path))
    assert "1 created, 0 updated, 0 unchanged, 2 rejected" in out
    assert "Rejected line 2: bad date “31/12/2026”" in err
    assert "Rejected line 3: unknown kind “nghi”" in err


@pytest.mark.parametrize("content", [None, b"\xff\xfe\x00bad", b"day,kind\n"])
def test_an_unreadable_file_is_a_command_error(tmp_path, content):
    path = tmp_path / "holidays.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError) as caught:
        run(str(path))
    assert "Cannot read" in str(caught.value)
