# ruff: noqa: E501 - the inline CSV fixtures keep the real files' long lines.
"""Importing administrative units: small hand-written files and the real ones."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from motcua.agencies.models import (
    AdministrativeUnit,
    UnitGeneration,
    UnitLevel,
    UnitSuccession,
)
from motcua.agencies.services.units import units_import
from motcua.core.errors import InvalidInput

PROVINCES = """province_code,province_name,province_short_name,province_type,ward_count
01,Thành phố Hà Nội,Hà Nội,thành phố trực thuộc trung ương,2
1,Tỉnh Sai Mã,Sai,tỉnh,0
"""
WARDS = """ward_code,ward_name,ward_type,province_code,province_name
00004,Phường Ba Đình,phường,01,Thành phố Hà Nội
00070,Phường Hoàn Kiếm,phường,01,Thành phố Hà Nội
00099,Xã Không Tỉnh,xã,99,Tỉnh Không Có
00070,Phường Trùng Mã,phường,01,Thành phố Hà Nội
"""
PRE2025 = """province_code,province_name,district_code,district_name,ward_code,ward_name,ward_level
01,Thành phố Hà Nội,001,Quận Ba Đình,00001,Phường Phúc Xá,Phường
01,Thành phố Hà Nội,001,Quận Ba Đình,00004,Phường Trúc Bạch,Phường
01,Thành phố Hà Nội,002,Quận Hoàn Kiếm,00037,Phường Phúc Tân,Phường
31,Thành phố Hải Phòng,318,Huyện Bạch Long Vĩ,,,Huyện
01,Thành phố Hà Nội,002,Quận Hoàn Kiếm,,Phường Không Mã,Phường
"""
MAPPING = """new_province_code,new_province_name,new_ward_code,new_ward_name,old_ward_code,old_ward_name,old_district_code,old_district_name,old_province_code,old_province_name,note
01,Hà Nội,00004,Phường Ba Đình,00004,Phường Trúc Bạch,001,Quận Ba Đình,01,Hà Nội,Nhập toàn bộ
01,Hà Nội,00070,Phường Hoàn Kiếm,00037,Phường Phúc Tân,002,Quận Hoàn Kiếm,01,Hà Nội,Nhập một phần
01,Hà Nội,00004,Phường Ba Đình,09999,Phường Ma,001,Quận Ba Đình,01,Hà Nội,Nhập toàn bộ
01,Hà Nội,00004,Phường Ba Đình,,,318,Huyện Bạch Long Vĩ,31,Hải Phòng,Sắp xếp toàn bộ huyện
01,Hà Nội,00004,Phường Ba Đình,00004,Phường Trúc Bạch,001,Quận Ba Đình,01,Hà Nội,Nhập toàn bộ
"""


@pytest.fixture
def unit_dir(tmp_path):
    files = {
        "provinces_2025.csv": PROVINCES,
        "wards_2025.csv": WARDS,
        "units_pre2025.csv": PRE2025,
        "ward_mapping_2025_new_old.csv": MAPPING,
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _problems(report):
    return [(p.file, p.line, p.reason) for p in report.problems]


@pytest.mark.django_db
def test_import_takes_good_rows_and_reports_each_bad_one_with_file_and_line(unit_dir):
    report = units_import(directory=unit_dir)

    assert report.counts("provinces_2025").created == 1
    assert report.counts("communes_2025").created == 2
    assert report.counts("provinces_pre2025").created == 2
    assert report.counts("districts_pre2025").created == 3
    assert report.counts("communes_pre2025").created == 3
    assert report.counts("successions").created == 3
    problems = _problems(report)
    assert [(f, line) for f, line, _ in problems] == [
        ("provinces_2025.csv", 3),
        ("wards_2025.csv", 4),
        ("wards_2025.csv", 5),
        ("units_pre2025.csv", 6),
        ("ward_mapping_2025_new_old.csv", 4),
        ("ward_mapping_2025_new_old.csv", 6),
    ]
    assert "'99'" in problems[1][2]
    assert "09999" in problems[4][2]


@pytest.mark.django_db
def test_imported_units_have_parents_kinds_and_folded_search_text(unit_dir):
    units_import(directory=unit_dir)

    ba_dinh = AdministrativeUnit.objects.get(
        generation=UnitGeneration.TWO_LEVEL, level=UnitLevel.COMMUNE, code="00004"
    )
    assert ba_dinh.parent is not None and ba_dinh.parent.code == "01"
    assert ba_dinh.kind == "phường"
    assert ba_dinh.search_text == "phuong ba dinh"
    truc_bach = AdministrativeUnit.objects.get(
        generation=UnitGeneration.THREE_LEVEL, level=UnitLevel.COMMUNE, code="00004"
    )
    assert truc_bach.parent is not None and truc_bach.parent.name == "Quận Ba Đình"
    assert truc_bach.parent.kind == "quận"
    island = AdministrativeUnit.objects.get(level=UnitLevel.DISTRICT, code="318")
    assert island.kind == "huyện"


@pytest.mark.django_db
def test_a_whole_district_turned_special_zone_succeeds_as_the_district(unit_dir):
    units_import(directory=unit_dir)

    island = AdministrativeUnit.objects.get(level=UnitLevel.DISTRICT, code="318")
    succession = UnitSuccession.objects.get(old_unit=island)
    assert succession.new_unit.code == "00004"
    assert succession.note == "Sắp xếp toàn bộ huyện"


@pytest.mark.django_db
def test_a_second_import_changes_nothing_and_says_so(unit_dir):
    units_import(directory=unit_dir)
    before = list(AdministrativeUnit.objects.order_by("id").values())

    again = units_import(directory=unit_dir)

    assert again.changed == 0
    assert all(t.created == t.updated == 0 for t in again.tables)
    assert list(AdministrativeUnit.objects.order_by("id").values()) == before


@pytest.mark.django_db
def test_a_renamed_unit_is_updated_in_place(unit_dir):
    units_import(directory=unit_dir)
    (unit_dir / "wards_2025.csv").write_text(
        WARDS.replace("Phường Ba Đình", "Phường Ba Đình Mới"), encoding="utf-8"
    )

    report = units_import(directory=unit_dir, only=["wards"])

    assert report.counts("communes_2025").updated == 1
    unit = AdministrativeUnit.objects.get(generation="2025", code="00004")
    assert unit.search_text == "phuong ba dinh moi"


@pytest.mark.django_db
def test_only_imports_the_parts_asked_for(unit_dir):
    report = units_import(directory=unit_dir, only=["provinces"])

    assert [t.key for t in report.tables] == ["provinces_2025"]
    assert AdministrativeUnit.objects.count() == 1


@pytest.mark.django_db
def test_an_unknown_part_is_refused():
    with pytest.raises(InvalidInput, match="districts"):
        units_import(directory=Path("."), only=["districts"])


@pytest.mark.django_db
def test_a_missing_directory_is_refused(tmp_path):
    with pytest.raises(InvalidInput):
        units_import(directory=tmp_path / "nowhere")


@pytest.mark.django_db
def test_a_missing_file_or_column_is_reported_not_raised(tmp_path):
    (tmp_path / "provinces_2025.csv").write_text("code,name\n01,Hà Nội\n")

    report = units_import(directory=tmp_path)

    reasons = {p.file: p.reason for p in report.problems}
    assert "province_type" in reasons["provinces_2025.csv"]
    assert "wards_2025.csv" in reasons
    assert AdministrativeUnit.objects.count() == 0


@pytest.mark.django_db
def test_progress_is_written_to_the_stream(unit_dir):
    stream = io.StringIO()

    units_import(directory=unit_dir, stream=stream)

    assert "wards_2025.csv: 4/4" in stream.getvalue()


@pytest.mark.slow
@pytest.mark.django_db
def test_the_real_files_give_the_official_counts(shared_data):
    started = time.monotonic()
    report = units_import(directory=shared_data / "admin_units")
    elapsed = time.monotonic() - started

    def count(generation, level):
        return AdministrativeUnit.objects.filter(
            generation=generation, level=level
        ).count()

    assert count(UnitGeneration.TWO_LEVEL, UnitLevel.PROVINCE) == 34
    assert count(UnitGeneration.TWO_LEVEL, UnitLevel.COMMUNE) == 3321
    assert count(UnitGeneration.THREE_LEVEL, UnitLevel.PROVINCE) == 63
    assert count(UnitGeneration.THREE_LEVEL, UnitLevel.DISTRICT) == 696
    # 10,056 lines: 10,051 communes and 5 island districts without communes.
    assert count(UnitGeneration.THREE_LEVEL, UnitLevel.COMMUNE) == 10051
    # 10,571 rows: 11 name old codes missing from the 2025-01-04 list, 1 has no code.
    assert UnitSuccession.objects.count() == 10571 - 12
    assert len(report.problems) == 12
    assert {p.file for p in report.problems} == {"ward_mapping_2025_new_old.csv"}
    assert elapsed < 60


@pytest.mark.slow
@pytest.mark.django_db
def test_the_real_files_import_again_without_changes(shared_data):
    units_import(directory=shared_data / "admin_units")

    again = units_import(directory=shared_data / "admin_units")

    assert again.changed == 0
