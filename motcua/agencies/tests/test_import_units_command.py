"""The ``import_units`` command: a thin shell over ``units_import``."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from motcua.agencies.models import AdministrativeUnit

PROVINCES = """province_code,province_name,province_short_name,province_type,ward_count
01,Thành phố Hà Nội,Hà Nội,thành phố trực thuộc trung ương,1
XX,Tỉnh Lỗi,Lỗi,tỉnh,0
"""
WARDS = """ward_code,ward_name,ward_type,province_code,province_name
00004,Phường Ba Đình,phường,01,Thành phố Hà Nội
"""


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        call_command("import_units", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def unit_dir(tmp_path):
    (tmp_path / "provinces_2025.csv").write_text(PROVINCES, encoding="utf-8")
    (tmp_path / "wards_2025.csv").write_text(WARDS, encoding="utf-8")
    return tmp_path


@pytest.mark.django_db
def test_command_imports_the_parts_and_lists_skipped_rows(unit_dir):
    out, err = _run("--dir", str(unit_dir), "--only", "provinces,wards")

    assert AdministrativeUnit.objects.count() == 2
    assert "1 row(s) skipped" in err
    assert "provinces_2025.csv:3: code 'XX' is not 2 digits" in err
    assert "provinces (2025): 1 created, 0 updated, 0 unchanged" in out
    assert "Done: 2 row(s) created or updated." in out


@pytest.mark.django_db
def test_command_run_twice_says_nothing_changed(unit_dir):
    _run("--dir", str(unit_dir), "--only", "provinces,wards")

    out, _err = _run("--dir", str(unit_dir), "--only", "provinces,wards")

    assert AdministrativeUnit.objects.count() == 2
    assert "communes (2025): 0 created, 0 updated, 1 unchanged" in out
    assert "Nothing changed: the database already matches the files." in out


@pytest.mark.django_db
def test_command_refuses_an_unknown_part(unit_dir):
    with pytest.raises(CommandError, match="districts"):
        _run("--dir", str(unit_dir), "--only", "districts")


@pytest.mark.django_db
def test_command_reads_the_shared_directory_by_default(tmp_path, settings):
    settings.SHARED_DATA_DIR = tmp_path
    (tmp_path / "admin_units").mkdir()
    (tmp_path / "admin_units" / "provinces_2025.csv").write_text(
        PROVINCES, encoding="utf-8"
    )

    _run("--only", "provinces", "-v", "0")

    assert AdministrativeUnit.objects.get().code == "01"
