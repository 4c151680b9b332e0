"""A re-import of the catalogue never overwrites what staff corrected by hand,
and keeps the paper rows that drafts and dossiers point at."""

from __future__ import annotations

from decimal import Decimal

import pytest

from motcua.procedures.choices import TimeUnit
from motcua.procedures.models import Procedure, RequiredPaper
from motcua.procedures.papers import TABLE_HEADER
from motcua.procedures.services import catalogue_import, procedure_save
from motcua.procedures.tests.conftest import HEADER, make_record

pytestmark = pytest.mark.django_db

PAPERS = (
    f"--{TABLE_HEADER}Giấy chứng sinh.1 bản chính"
    "Tờ khai đăng ký khai sinh.1 bản chính"
    "Văn bản ủy quyền trong trường hợp ủy quyền.1 bản chính"
)


def _record(**changes: str) -> dict[str, object]:
    values = {
        "cach_thuc_thuc_hien_raw": HEADER + "Trực tiếp3Miễn phí",
        "thanh_phan_ho_so_raw": PAPERS,
        **changes,
    }
    return make_record("1.004746", "Đăng ký lại khai sinh", **values)


def test_a_unit_set_by_staff_survives_a_reimport_and_the_difference_is_reported():
    catalogue_import(records=[_record()])
    procedure = Procedure.objects.get(code="1.004746")
    assert "time_without_unit" in {i["kind"] for i in procedure.parse_issues}
    procedure.legal_time_unit = TimeUnit.WORKING_HOURS
    procedure.name = "Đăng ký lại khai sinh (tên do cán bộ sửa)"
    procedure_save(procedure=procedure, edited=["legal_time_unit", "name"])

    report = catalogue_import(
        records=[
            _record(
                ten_thu_tuc="Thủ tục đăng ký lại khai sinh",
                cach_thuc_thuc_hien_raw=HEADER + "Trực tiếp5 Ngày làm việcMiễn phí",
            )
        ]
    )

    procedure.refresh_from_db()
    assert procedure.name == "Đăng ký lại khai sinh (tên do cán bộ sửa)"
    assert procedure.legal_time_unit == TimeUnit.WORKING_HOURS
    assert procedure.legal_time_amount == Decimal(5)  # not corrected: imported
    assert sorted(report.kept_staff_values) == [
        ("1.004746", "legal_time_unit"),
        ("1.004746", "name"),
    ]
    assert "  1.004746: name" in report.summary_lines()
    kept = [
        i["detail"] for i in procedure.parse_issues if i["kind"] == "staff_value_kept"
    ]
    assert sorted(kept) == ["legal_time_unit", "name"]


def test_papers_corrected_by_staff_are_not_rewritten():
    catalogue_import(records=[_record()])
    procedure = Procedure.objects.get(code="1.004746")
    RequiredPaper.objects.filter(procedure=procedure, position=3).update(
        condition="", name="Văn bản ủy quyền (bắt buộc theo quy chế của phường)."
    )
    procedure_save(procedure=procedure, edited=["documents"])

    report = catalogue_import(
        records=[_record(ten_thu_tuc="Đăng ký lại khai sinh (mới)")]
    )

    names = list(procedure.papers.order_by("position").values_list("name", flat=True))
    assert names[2] == "Văn bản ủy quyền (bắt buộc theo quy chế của phường)."
    assert ("1.004746", "documents") in report.kept_staff_values


def test_a_reimport_keeps_the_rows_of_papers_still_listed_and_drops_the_others():
    catalogue_import(records=[_record()])
    procedure = Procedure.objects.get(code="1.004746")
    before = dict(procedure.papers.values_list("name", "pk"))

    catalogue_import(
        records=[
            _record(
                thanh_phan_ho_so_raw=f"--{TABLE_HEADER}Tờ khai đăng ký khai sinh."
                "1 bản chínhGiấy chứng sinh.1 bản chínhGiấy tờ mới.1 bản chính"
            )
        ]
    )

    after = list(procedure.papers.order_by("position").values_list("name", "pk"))
    assert [name for name, _pk in after] == [
        "Tờ khai đăng ký khai sinh.",
        "Giấy chứng sinh.",
        "Giấy tờ mới.",
    ]
    assert after[0][1] == before["Tờ khai đăng ký khai sinh."]
    assert after[1][1] == before["Giấy chứng sinh."]
    assert not RequiredPaper.objects.filter(
        pk=before["Văn bản ủy quyền trong trường hợp ủy quyền."]
    ).exists()
