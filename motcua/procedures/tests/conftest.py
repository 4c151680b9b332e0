"""Small inline catalogue records for the procedure tests."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"


def make_record(code: str, name: str, **extra: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "ma_thu_tuc": code,
        "ten_thu_tuc": name,
        "so_quyet_dinh": "QĐ/1",
        "cap_thuc_hien": ["Cấp xã"],
        "loai_thu_tuc": "TTHC được giao luật quy định chi tiết",
        "linh_vuc": "Hộ tịch",
        "doi_tuong_thuc_hien": "Công dân Việt Nam",
        "co_quan_ban_hanh": "Bộ Tư pháp",
        "co_quan_thuc_hien_danh_muc": [],
        "co_quan_co_tham_quyen": "UBND cấp xã",
        "co_quan_thuc_hien": "UBND cấp xã",
        "cach_thuc_thuc_hien_raw": HEADER + "Trực tiếp3 Ngày làm việcMiễn phí",
        "thanh_phan_ho_so_raw": "",
        "can_cu_phap_ly_raw": "",
        "ket_qua_xu_ly_raw": "Giấy chứng nhậnMã: KQ.G01.000001",
        "parsed_processing_modes": [],
        "parsed_documents": [
            {
                "case": None,
                "documents": [
                    {"name": "Tờ khai.TK01.docx", "originals": 1, "copies": 0},
                    {"name": "Lưu ý: xuất trình căn cước", "originals": 0, "copies": 0},
                ],
            }
        ],
        "parsed_results": [],
        "detail_url": "https://dichvucong.gov.vn/x",
        "source_group": "bo-tu-phap",
    }
    record.update(extra)
    return record


@pytest.fixture
def small_catalogue() -> list[dict[str, Any]]:
    nfd = unicodedata.normalize("NFD", "Đăng ký khai sinh")
    return [
        make_record("1.001193", nfd),
        make_record("1.000894", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con"),
        make_record(
            "1.004222", "Thủ tục đăng ký khai sinh lưu động", linh_vuc="Cư trú"
        ),
        make_record(
            "1.004227",
            "Đăng ký kết hôn",
            cap_thuc_hien=["Cấp tỉnh"],
            cach_thuc_thuc_hien_raw=HEADER + "Trực tuyến1 GiờMiễn phí",
        ),
        make_record("2.000001", "Khai sinh cho trẻ em bị bỏ rơi có đăng ký"),
    ]
