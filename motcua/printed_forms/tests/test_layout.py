"""The forms as printed, read back line by line (Circular 03/2025/TT-VPCP,
Annex I; the heading as Decree 30/2020/NĐ-CP lays it out)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from motcua.core.testing import system_package_missing
from motcua.printed_forms.data import (
    LATE,
    ON_TIME,
    ApologyData,
    ControlSheetData,
    Filer,
    FormData,
    FormHeader,
    HandOverRow,
    PaperItem,
    Party,
    ReceiptData,
    RefusalData,
    StopNoticeData,
    SupplementRequestData,
)
from motcua.printed_forms.fonts import FORM_FONT_PACKAGE, form_font_installed
from motcua.printed_forms.rendering import form_pdf
from motcua.printed_forms.tests.conftest import CODE, NFC_NAME, TRACKING_URL, local

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"


@pytest.fixture(autouse=True)
def form_font() -> None:
    """Line breaks depend on the font: these tests need the forms' own."""
    if not form_font_installed():
        system_package_missing(FORM_FONT_PACKAGE, what="The forms' font")


def pages(pdf: bytes) -> list[list[str]]:
    """The text lines of each page, spaces collapsed."""
    return [
        [" ".join(line.split()) for line in page.extract_text().splitlines()]
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def receipt(header: FormHeader, applicant: Party, papers: int) -> ReceiptData:
    return ReceiptData(
        header=header,
        dossier_code=CODE,
        tracking_url=TRACKING_URL,
        applicant=applicant,
        filer=Filer(
            name="Lê Văn Đức",
            id_number="001085000456",
            phone="0987654321",
            authorisation_paper="Giấy ủy quyền số 12/UQ ngày 01/3/2026",
        ),
        procedure_name="Thủ tục đăng ký khai sinh",
        request="",
        received_at=local(2026, 3, 5, 8, 30),
        appointment_at=local(2026, 3, 5, 17, 0),
        legal_time="Trong ngày",
        papers=tuple(
            PaperItem(f"Tờ khai đăng ký khai sinh theo mẫu quy định ({n})", originals=1)
            for n in range(1, papers + 1)
        ),
        sets=1,
        return_place="Quầy số 3, Trung tâm Phục vụ hành chính công phường Ba Đình",
        return_method="Trực tiếp",
        register_book="2026",
        register_entry="128",
        receiving_officer="Trần Văn Bình",
    )


def control_sheet(header: FormHeader) -> ControlSheetData:
    long_note = (
        "Chờ ý kiến Sở Xây dựng về việc thẩm định thiết kế; đã gửi văn bản "
        "số 123/UBND ngày 05/3/2026"
    )
    return ControlSheetData(
        header=header,
        dossier_code=CODE,
        tracking_url=TRACKING_URL,
        applicant_name=NFC_NAME,
        procedure_name="Cấp giấy phép xây dựng",
        lead_agency="UBND phường Hoàn Kiếm",
        coordinating_agencies=("Sở Xây dựng",),
        received_at=local(2026, 3, 5, 8, 30),
        appointment_at=local(2026, 3, 12, 17),
        rows=(
            HandOverRow(
                giver="Trần Văn Bình",
                giver_unit="Bộ phận Một cửa",
                receiver="Ngô Thu Hà",
                receiver_unit="Phòng Kinh tế",
                handed_at=local(2026, 3, 5, 9),
                judgement=ON_TIME,
                note=long_note,
            ),
            HandOverRow(
                giver="Ngô Thu Hà",
                giver_unit="Phòng Kinh tế",
                receiver="Đặng Quốc Việt",
                receiver_unit="Lãnh đạo UBND",
                handed_at=local(2026, 3, 13, 10, 5),
                judgement=LATE,
            ),
        ),
    )


def every_form(header: FormHeader, applicant: Party) -> dict[str, FormData]:
    return {
        "01": receipt(header, applicant, papers=3),
        "02": SupplementRequestData(
            header=header,
            dossier_code=CODE,
            tracking_url=TRACKING_URL,
            applicant=applicant,
            procedure_name="Đăng ký khai sinh",
            items=("Giấy chứng sinh bản chính",),
            reason="Hồ sơ thiếu giấy tờ theo quy định",
            contact_officer="Phạm Thị Hương",
            contact_phone="024 3826 1234",
            officer="Phạm Thị Hương",
        ),
        "03": RefusalData(
            header=header,
            dossier_code=CODE,
            tracking_url=TRACKING_URL,
            applicant=applicant,
            procedure_name="Cấp phiếu lý lịch tư pháp",
            reasons=("Thủ tục không thuộc thẩm quyền giải quyết",),
            officer="Trần Văn Bình",
        ),
        "04": ApologyData(
            header=header,
            dossier_code=CODE,
            tracking_url=TRACKING_URL,
            applicant=applicant,
            procedure_name="Cấp giấy phép xây dựng",
            received_at=local(2026, 3, 5, 8, 30),
            original_appointment_at=local(2026, 3, 12, 17),
            new_appointment_at=local(2026, 3, 19, 17),
            reason="Phải lấy ý kiến của Sở Xây dựng",
            head_title="Chủ tịch",
            head_name="Hoàng Minh Sơn",
        ),
        "05": StopNoticeData(
            header=header,
            dossier_code=CODE,
            tracking_url=TRACKING_URL,
            applicant=applicant,
            procedure_name="Cấp giấy phép xây dựng",
            requested_on=date(2026, 3, 4),
            reason="Người nộp xin rút hồ sơ",
            received_at=local(2026, 3, 2, 9, 15),
            returned_papers=("Bản vẽ thiết kế xây dựng",),
            officer="Trần Văn Bình",
        ),
        "06": control_sheet(header),
    }


@pytest.mark.parametrize("number", ["01", "02", "03", "04", "05", "06"])
def test_the_national_motto_is_one_line_on_every_form(header, applicant, number):
    lines = pages(form_pdf(every_form(header, applicant)[number]))[0]

    assert MOTTO in lines
    assert MOTTO_2 in lines
    assert f"Mẫu số {number}" in lines


def test_form_04_carries_the_title_of_circular_03_2025(header, applicant):
    text = " ".join(pages(form_pdf(every_form(header, applicant)["04"]))[0])

    # The title may wrap beside the QR code; Circular 01/2018's is gone.
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "PHIẾU XIN LỖI" not in text


def test_an_ordinary_receipt_fits_one_page_with_its_signatures(header, applicant):
    [page] = pages(form_pdf(receipt(header, applicant, papers=6)))

    assert "Vào Sổ theo dõi hồ sơ, Quyển số: 2026, Số thứ tự: 128" in page
    assert {"NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ"} <= set(page)
    assert "Trần Văn Bình" in page and "Lê Văn Đức" in page


def test_a_long_receipt_never_leaves_the_signatures_alone_on_a_page(header, applicant):
    printed = pages(form_pdf(receipt(header, applicant, papers=14)))

    assert len(printed) == 2
    last = printed[-1]
    assert "Trần Văn Bình" in last
    # The closing items go over with the signatures.
    assert any(line.startswith("5. Thời gian trả kết quả") for line in last)
    assert any(line.startswith("2. Số lượng hồ sơ") for line in last)


def test_a_note_on_the_control_sheet_leaves_the_other_columns_whole(header):
    lines = pages(form_pdf(control_sheet(header)))[0]

    # Names and units stay whole in their columns (a note once squeezed them
    # to a few letters a line).
    for text in ("Trần Văn Bình", "Ngô Thu Hà", "Bộ phận Một cửa", "Đặng Quốc Việt"):
        assert any(text in line for line in lines), text
    assert any("Chờ ý kiến Sở Xây dựng" in line for line in lines)
