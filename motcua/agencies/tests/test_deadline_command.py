import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.agencies.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def announcements(shared_data):
    path = shared_data / "holidays" / "vn_public_sector_holidays_2024_2026.csv"
    call_command("import_holidays", str(path), stdout=StringIO())


def deadline(*args):
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue().strip().splitlines()


def test_the_briefs_example_ends_on_thursday_after_tet():
    lines = deadline(
        "--received-at", "2026-02-12T15:30", "--amount", "5", "--unit", "working_days"
    )
    assert lines[-1] == "2026-02-26T17:00+07:00"
    assert "Count starts at: 2026-02-13T08:00+07:00" in lines


def test_an_offset_in_the_input_is_honoured():
    lines = deadline(
        "--received-at", "2026-03-02T02:00Z", "--amount", "2", "--unit", "working_hours"
    )
    assert lines[-1] == "2026-03-02T11:00+07:00"


def test_pauses_repeat_and_move_the_deadline():
    lines = deadline(
        "--received-at", "2026-03-02T08:00",
        "--amount", "1", "--unit", "working_days",
        "--pause", "2026-03-02T09:00", "2026-03-02T10:00",
        "--pause", "2026-03-02T13:00", "2026-03-02T14:00",
    )  # fmt: skip
    assert lines[-1] == "2026-03-03T10:00+07:00"
    assert any("Paused: 120 working minutes" in line for line in lines)


def test_an_agency_uses_its_own_hours():
    Agency.objects.create(
        code="000.00.00.H30",
        name="UBND tỉnh",
        kind="peoples_committee",
        level="province",
        work_start="07:30",
        lunch_start="11:30",
        lunch_end="13:30",
        work_end="17:00",
        reception_cutoff="16:00",
    )
    lines = deadline(
        "--received-at", "2026-03-02T15:30", "--amount", "0.5",
        "--unit", "working_days", "--agency", "000.00.00.H30",
    )  # fmt: skip
    # 7.5 h day; counting starts at 15:30 (before the 16:00 cut-off).
    assert lines[-1] == "2026-03-03T09:45+07:00"  # 90 + 135 = 225 minutes


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--received-at", "12/02/2026", "--amount", "5"], "not an ISO 8601"),
        (["--received-at", "2026-02-12T15:30", "--amount", "five"], "not a number"),
        (["--received-at", "2026-02-12T15:30", "--amount", "-1"], "positive"),
        (["--received-at", "2030-02-12T15:30", "--amount", "5"], "outside"),
        (
            ["--received-at", "2026-02-12T15:30", "--amount", "5", "--agency", "X.1"],
            "No agency has the code",
        ),
        (
            [
                "--received-at", "2026-02-12T15:30", "--amount", "5",
                "--pause", "2026-02-13T10:00", "2026-02-13T09:00",
            ],
            "ends before it starts",
        ),
        (
            [
                "--received-at", "2026-02-12T15:30", "--amount", "5",
                "--pause", "2026-02-13T10:00", "tomorrow",
            ],
            "Pause end",
        ),
    ],
)  # fmt: skip
def test_bad_input_is_a_usage_error_with_exit_code_2(args, words, settings):
    settings.MOTCUA_CALENDAR_FIRST_YEAR = 2024
    settings.MOTCUA_CALENDAR_LAST_YEAR = 2026
    with pytest.raises(CommandError) as caught:
        deadline(*args, "--unit", "working_days")
    assert words in str(caught.value)
    assert caught.value.returncode == 2


def test_an_unknown_unit_is_a_usage_error():
    with pytest.raises(CommandError) as caught:
        deadline(
            "--received-at", "2026-02-12T15:30", "--amount", "5", "--unit", "weeks"
        )
    assert "Unknown time unit" in str(caught.value)


def run_shell(settings, tmp_path, *args):
    # The arguments are this module's own literals.
    return subprocess.run(
        [sys.executable, "manage.py", "deadline", "--skip-checks", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
            "MOTCUA_DATA_DIR": str(tmp_path),
            "PATH": "",
        },
    )


def test_from_the_shell_an_unmigrated_database_is_one_line_not_a_traceback(
    settings, tmp_path
):
    completed = run_shell(
        settings, tmp_path, "--received-at", "2026-02-12T15:30", "--amount", "5",
        "--unit", "working_days",
    )  # fmt: skip
    assert completed.returncode == 1
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1
    # From the shell, messages are in the site language (Vietnamese first).
    assert "Cơ sở dữ liệu chưa sẵn sàng" in lines[0]


def test_from_the_shell_a_bad_unit_is_reported_before_any_database_work(
    settings, tmp_path
):
    completed = run_shell(
        settings, tmp_path, "--received-at", "2026-02-12T15:30", "--amount", "5",
        "--unit", "weeks",
    )  # fmt: skip
    assert completed.returncode == 2
    assert "Đơn vị thời gian “weeks” không hợp lệ" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_from_the_shell_bad_input_prints_one_line_and_exits_2(settings, tmp_path):
    completed = run_shell(
        settings, tmp_path, "--received-at", "2026-02-12T15:30", "--amount", "x",
        "--unit", "days",
    )  # fmt: skip
    assert completed.returncode == 2
    assert completed.stderr.strip().splitlines() == [
        "CommandError: Số lượng “x” không phải là số (ví dụ: 5 hoặc 0.5)."
    ]
