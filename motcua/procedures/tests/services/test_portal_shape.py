"""Records in the national portal's own shape import as completely as the crawl.

The portal publishes the same glued texts as the shared crawl, under
``cach_thuc_thuc_hien``, ``thanh_phan_ho_so``, ``ket_qua_xu_ly`` and
``can_cu_phap_ly`` (no ``_raw`` suffix) and without the crawler's ``parsed_*``
fields; levels and agencies may come as one text.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from motcua.procedures.choices import Channel, OnlineLevel, TimeUnit
from motcua.procedures.models import Procedure
from motcua.procedures.papers import TABLE_HEADER
from motcua.procedures.services import catalogue_import

pytestmark = pytest.mark.django_db

_RAW_KEYS = (
    "cach_thuc_thuc_hien",
    "thanh_phan_ho_so",
    "ket_qua_xu_ly",
    "can_cu_phap_ly",
)


def portal_shape(record: dict[str, Any]) -> dict[str, Any]:
    """The record as the portal publishes it: raw keys renamed, no parsed fields."""
    shaped = {
        key: value
        for key, value in record.items()
        if not key.startswith("parsed_") and not key.endswith("_raw")
    }
    for key in _RAW_KEYS:
        shaped[key] = record.get(f"{key}_raw", "")
    return shaped


def _portal_record() -> dict[str, Any]:
    return {
        "ma_thu_tuc": "9.000001",
        "ten_thu_tuc": "Thủ tục đăng ký khai sinh (mẫu cổng)",
        "cap_thuc_hien": "Cấp xã",
        "loai_thu_tuc": "TTHC được giao luật quy định chi tiết",
        "linh_vuc": "Hộ tịch",
        "co_quan_thuc_hien_danh_muc": "Ủy ban nhân dân xã, phường, đặc khu",
        "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tả"
        "Trực tiếp1 Ngày làm việcMiễn phíNộp tại Bộ phận Một cửa."
        "Trực tuyến1 Ngày làm việcMiễn phíNộp qua Cổng Dịch vụ công.",
        "thanh_phan_ho_so": f"* Giấy tờ phải nộp:{TABLE_HEADER}"
        "- Giấy chứng sinh.1 bản chính"
        "- Văn bản ủy quyền trong trường hợp ủy quyền thực hiện việc đăng ký."
        "1 bản chính"
        f"* Giấy tờ phải xuất trình:{TABLE_HEADER}- Thẻ căn cước.1 bản chính"
        f"--{TABLE_HEADER}- Tờ khai đăng ký khai sinh theo mẫu.TK1.docx1 bản chính",
        "ket_qua_xu_ly": "Giấy khai sinh bản chínhMã: KQ.G01.000064",
        "can_cu_phap_ly": "Tên văn bản pháp lýMã văn bản"
        "Luật Hộ tịch60/2014/QH13Nghị định 123/2015/NĐ-CP123/2015/NĐ-CP",
    }


def test_a_record_in_the_portals_shape_gets_its_channels_papers_and_results():
    report = catalogue_import(records=[_portal_record()])

    procedure = Procedure.objects.get(code="9.000001")
    assert report.created == 1
    assert procedure.level_commune
    assert procedure.listed_agencies == ["Ủy ban nhân dân xã, phường, đặc khu"]
    assert (procedure.legal_time_amount, procedure.legal_time_unit) == (
        Decimal(1),
        TimeUnit.WORKING_DAYS,
    )
    assert procedure.online_level == OnlineLevel.FULL
    assert [c.channel for c in procedure.channels.order_by("position")] == [
        Channel.IN_PERSON,
        Channel.ONLINE,
    ]
    papers = [
        (d.name, d.is_shown, bool(d.condition), d.form_template)
        for d in procedure.papers.order_by("position")
    ]
    assert papers == [
        ("Giấy chứng sinh.", False, False, ""),
        (
            "Văn bản ủy quyền trong trường hợp ủy quyền thực hiện việc đăng ký.",
            False,
            True,
            "",
        ),
        ("Thẻ căn cước.", True, False, ""),
        ("Tờ khai đăng ký khai sinh theo mẫu.", False, False, "TK1.docx"),
    ]
    assert [r.code for r in procedure.results.all()] == ["KQ.G01.000064"]
    assert [i["code"] for i in procedure.legal_instruments] == [
        "60/2014/QH13",
        "123/2015/NĐ-CP",
    ]
    kinds = {issue["kind"] for issue in procedure.parse_issues}
    assert not kinds & {"documents_unparsed", "no_processing_time", "no_field"}


def _snapshot(code: str) -> dict[str, Any]:
    procedure = Procedure.objects.get(code=code)
    return {
        "time": (procedure.legal_time_amount, procedure.legal_time_unit),
        "online": procedure.online_level,
        "levels": procedure.levels,
        "same_day": (procedure.is_no_wait, procedure.is_same_day),
        "instruments": procedure.legal_instruments,
        "channels": list(
            procedure.channels.order_by("position").values_list(
                "channel", "time_amount", "time_unit", "fee_amount_vnd"
            )
        ),
        "papers": list(
            procedure.papers.order_by("position").values_list(
                "case_heading", "name", "originals", "copies", "is_note", "is_shown"
            )
        ),
        "results": list(procedure.results.order_by("position").values_list("code")),
    }


@pytest.mark.parametrize("code", ["1.001193", "1.004222", "1.000894", "1.004873"])
def test_a_shared_record_imports_the_same_in_the_portals_shape(shared_data: Path, code):
    path = shared_data / "procedures" / "tthc_catalog_cap_xa.jsonl"
    with path.open(encoding="utf-8") as lines:
        record = next(r for r in map(json.loads, lines) if r.get("ma_thu_tuc") == code)
    catalogue_import(records=[record])
    crawled = _snapshot(code)
    Procedure.objects.filter(code=code).delete()

    catalogue_import(records=[portal_shape(record)])

    assert _snapshot(code) == crawled
    assert crawled["papers"] and crawled["channels"] and crawled["time"][0]
