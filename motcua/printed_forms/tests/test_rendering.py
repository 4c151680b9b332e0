from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader

from motcua.core.errors import InvalidInput
from motcua.core.testing import system_package_missing
from motcua.printed_forms.data import (
    EARLY,
    LATE,
    ON_TIME,
    ApologyData,
    ControlSheetData,
    Filer,
    FormHeader,
    HandOverRow,
    PaperItem,
    ReceiptData,
    RefusalData,
    RegisterData,
    RegisterRow,
    StopNoticeData,
    SupplementRequestData,
)
from motcua.printed_forms.fonts import FORM_FONT_PACKAGE, form_font_installed
from motcua.printed_forms.rendering import form_html, form_pdf, qr_data_uri
from motcua.printed_forms.tests.conftest import (
    CODE,
    NFC_NAME,
    TONES,
    TONES_UPPER,
    TRACKING_URL,
    flat,
    local,
)


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return flat(" ".join(page.extract_text() for page in reader.pages))


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """Map each font's name to whether its file is embedded in the PDF."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return fonts


@pytest.fixture
def receipt(header, applicant) -> ReceiptData:
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
        procedure_name="Cấp giấy phép xây dựng nhà ở riêng lẻ",
        request=TONES + " " + TONES_UPPER,
        received_at=local(2026, 3, 5, 8, 30),
        appointment_at=local(2026, 3, 12, 17, 0),
        legal_time="05 ngày làm việc",
        papers=(
            PaperItem("Đơn đề nghị cấp giấy phép xây dựng", originals=1),
            PaperItem("Bản vẽ thiết kế xây dựng", copies=2),
        ),
        sets=1,
        return_place="Quầy số 3, Trung tâm Phục vụ hành chính công",
        return_method="Trực tiếp",
        register_book="01/2026",
        register_entry="128",
        receiving_officer="Trần Văn Bình",
    )


def test_the_receipt_shows_every_field_in_vietnamese(receipt):
    text = pdf_text(form_pdf(receipt))

    for expected in (
        "Mẫu số 01",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 05 tháng 3 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {CODE}",
        NFC_NAME,
        "001190000123",
        "Số 12 phố Hàng Bạc",
        "0912345678",
        "tuyet@example.vn",
        "Lê Văn Đức",
        "Giấy ủy quyền số 12/UQ",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "Đơn đề nghị cấp giấy phép xây dựng",
        "Bản vẽ thiết kế xây dựng",
        "05 ngày làm việc",
        "08 giờ 30 phút, ngày 05/03/2026",
        "17 giờ 00 phút, ngày 12/03/2026",
        "Quầy số 3",
        "Quyển số: 01/2026, Số thứ tự: 128",
        "Trần Văn Bình",
        "Số: 15",
        TONES,
        TONES_UPPER,
    ):
        assert expected in text, expected


def test_a_name_typed_in_nfd_prints_composed(receipt):
    html = form_html(receipt)

    assert NFC_NAME in html
    assert NFC_NAME in pdf_text(form_pdf(receipt))


def test_the_footer_shows_the_brand_and_hotline(receipt):
    text = pdf_text(form_pdf(receipt))

    assert "Một cửa số Hà Nội" in text
    assert "Đường dây nóng: 1900 1234" in text


def test_the_unit_falls_back_to_the_brand_unit_name(receipt, header, brand):
    brand["unit_name"] = "Bộ phận Một cửa phường Hoàn Kiếm"
    without_unit = FormHeader(
        parent_agency=header.parent_agency,
        unit="",
        place=header.place,
        issued_on=header.issued_on,
    )
    data = ReceiptData(**{**receipt.__dict__, "header": without_unit})

    assert "Bộ phận Một cửa phường Hoàn Kiếm đã tiếp nhận" in pdf_text(form_pdf(data))


def test_the_fonts_are_embedded_and_times_compatible(receipt):
    if not form_font_installed():
        system_package_missing(FORM_FONT_PACKAGE, what="The forms' font")
    fonts = embedded_fonts(form_pdf(receipt))

    assert fonts
    assert all(fonts.values()), fonts
    # Subset names look like "SWSLVQ+Liberation-Serif-Bold".
    families = {name.split("+")[-1].replace("-", "") for name in fonts}
    assert any(f.startswith(("LiberationSerif", "TimesNewRoman")) for f in families)


def test_the_qr_code_encodes_the_tracking_url(receipt):
    # zbarimg is not installed: compare with segno's own rendering of the URL.
    html = form_html(receipt)

    assert qr_data_uri(TRACKING_URL) in html
    assert qr_data_uri(TRACKING_URL).startswith("data:image/svg+xml")
    assert qr_data_uri(TRACKING_URL + "x") not in html


def test_forms_print_on_a4_portrait(receipt):
    page = PdfReader(io.BytesIO(form_pdf(receipt))).pages[0]

    assert round(float(page.mediabox.width)) == 595
    assert round(float(page.mediabox.height)) == 842


def test_the_supplement_request_lists_every_item_numbered(header, applicant):
    data = SupplementRequestData(
        header=header,
        dossier_code=CODE,
        tracking_url=TRACKING_URL,
        applicant=applicant,
        procedure_name="Đăng ký khai sinh",
        items=(
            "Bản sao giấy chứng nhận kết hôn",
            "Giấy chứng sinh bản chính",
            "Văn bản ủy quyền có chứng thực",
        ),
        reason="Hồ sơ thiếu giấy tờ theo quy định",
        contact_officer="Phạm Thị Hương",
        contact_phone="024 3826 1234",
        officer="Phạm Thị Hương",
    )

    text = pdf_text(form_pdf(data))

    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Mẫu số 02" in text
    assert "Số: ……/PBS" in text or "Số: 15/PBS" in text
    assert CODE in text
    assert NFC_NAME in text
    assert "Đăng ký khai sinh" in text
    assert "1. Bản sao giấy chứng nhận kết hôn" in text
    assert "2. Giấy chứng sinh bản chính" in text
    assert "3. Văn bản ủy quyền có chứng thực" in text
    assert "Lý do: Hồ sơ thiếu giấy tờ theo quy định" in text
    assert "024 3826 1234" in text
    assert "NGƯỜI HƯỚNG DẪN" in text


def test_the_refusal_gives_its_reasons(header, applicant):
    data = RefusalData(
        header=header,
        dossier_code=CODE,
        tracking_url=TRACKING_URL,
        applicant=applicant,
        procedure_name="Cấp phiếu lý lịch tư pháp",
        reasons=(
            "Thủ tục không thuộc thẩm quyền giải quyết",
            "Người yêu cầu không đủ điều kiện",
        ),
        officer="Trần Văn Bình",
    )

    text = pdf_text(form_pdf(data))

    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Số: 15/PTC" in text
    assert "1. Thủ tục không thuộc thẩm quyền giải quyết" in text
    assert "2. Người yêu cầu không đủ điều kiện" in text
    assert NFC_NAME in text
    assert "001190000123" in text
    assert "NGƯỜI NỘP HỒ SƠ" in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text


def test_the_apology_gives_both_dates_and_the_head_signs(header, applicant):
    data = ApologyData(
        header=header,
        dossier_code=CODE,
        tracking_url=TRACKING_URL,
        applicant=applicant,
        procedure_name="Cấp giấy phép xây dựng",
        received_at=local(2026, 3, 5, 8, 30),
        original_appointment_at=local(2026, 3, 12, 17),
        new_appointment_at=local(2026, 3, 19, 17),
        reason="Phải lấy ý kiến của Sở Xây dựng",
        head_title="Giám đốc",
        head_name="Hoàng Minh Sơn",
    )

    text = pdf_text(form_pdf(data))

    # Circular 03/2025 Annex I, form 04 (not Circular 01/2018's title).
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "PHIẾU XIN LỖI" not in text
    assert "Số: 15/PXL" in text
    assert f"Kính gửi: Ông/Bà/Tổ chức {NFC_NAME}" in text
    assert "17 giờ 00 phút, ngày 12/03/2026" in text
    assert "17 giờ 00 phút, ngày 19/03/2026" in text
    assert "Lý do: Phải lấy ý kiến của Sở Xây dựng" in text
    assert "GIÁM ĐỐC" in text
    assert "Hoàng Minh Sơn" in text


def test_the_stop_notice_lists_the_papers_returned(header, applicant):
    data = StopNoticeData(
        header=header,
        dossier_code=CODE,
        tracking_url=TRACKING_URL,
        applicant=applicant,
        procedure_name="Cấp giấy phép xây dựng",
        requested_on=date(2026, 3, 4),
        reason="Người nộp xin rút hồ sơ để bổ sung thiết kế",
        received_at=local(2026, 3, 2, 9, 15),
        returned_papers=(
            "Bản vẽ thiết kế xây dựng",
            "Giấy chứng nhận quyền sử dụng đất",
        ),
        officer="Trần Văn Bình",
    )

    text = pdf_text(form_pdf(data))

    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "Mẫu số 05" in text
    assert "Ngày 04/03/2026" in text
    assert "09 giờ 15 phút, ngày 02/03/2026" in text
    assert "Lý do: Người nộp xin rút hồ sơ để bổ sung thiết kế" in text
    assert "1. Bản vẽ thiết kế xây dựng" in text
    assert "2. Giấy chứng nhận quyền sử dụng đất" in text
    assert CODE in text


def test_the_control_sheet_shows_each_hand_over_and_its_judgement(header):
    rows = (
        HandOverRow(
            giver="Trần Văn Bình",
            giver_unit="Bộ phận Một cửa",
            receiver="Ngô Thu Hà",
            receiver_unit="Phòng Quản lý đô thị",
            handed_at=local(2026, 3, 5, 9),
            judgement=EARLY,
        ),
        HandOverRow(
            giver="Ngô Thu Hà",
            giver_unit="Phòng Quản lý đô thị",
            receiver="Đặng Quốc Việt",
            receiver_unit="Lãnh đạo UBND",
            handed_at=local(2026, 3, 9, 16, 45),
            judgement=ON_TIME,
        ),
        HandOverRow(
            giver="Đặng Quốc Việt",
            giver_unit="Lãnh đạo UBND",
            receiver="Trần Văn Bình",
            receiver_unit="Bộ phận Một cửa",
            handed_at=local(2026, 3, 13, 10, 5),
            judgement=LATE,
            note="Chờ ý kiến Sở Xây dựng",
        ),
    )
    data = ControlSheetData(
        header=header,
        dossier_code=CODE,
        tracking_url=TRACKING_URL,
        applicant_name=NFC_NAME,
        procedure_name="Cấp giấy phép xây dựng",
        lead_agency="UBND phường Hoàn Kiếm",
        coordinating_agencies=("Sở Xây dựng", "Công an phường"),
        received_at=local(2026, 3, 5, 8, 30),
        appointment_at=local(2026, 3, 12, 17),
        rows=rows,
    )

    text = pdf_text(form_pdf(data))

    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "Số: 15/PKS" in text
    assert "Sở Xây dựng; Công an phường" in text
    for word in ("Trước hạn", "Đúng hạn", "Quá hạn"):
        assert text.count(word) == 1, word
    for name in ("Ngô Thu Hà", "Đặng Quốc Việt", "Phòng Quản lý đô thị"):
        assert name in text
    assert "16:45 09/03/2026" in text
    assert "Chờ ý kiến Sở Xây dựng" in text
    assert text.index("Trước hạn") < text.index("Đúng hạn") < text.index("Quá hạn")


def register(header, count: int) -> RegisterData:
    rows = tuple(
        RegisterRow(
            code=f"000.00.00.H30-260305-{number:04d}",
            procedure_name="Chứng thực bản sao từ bản chính",
            applicant_name=f"Vũ Thị Ngọc Ánh {number}",
            address="Phường Ba Đình, Hà Nội",
            phone="0901000000",
            lead_agency="UBND phường Ba Đình",
            received_at=local(2026, 3, 5, 8, 0),
            appointment_at=local(2026, 3, 5, 17, 0),
            returned_at=local(2026, 3, 5, 16, 30) if number % 2 else None,
            return_method="Trực tiếp",
        )
        for number in range(1, count + 1)
    )
    return RegisterData(
        header=header,
        start_on=date(2026, 3, 1),
        end_on=date(2026, 3, 31),
        rows=rows,
        field_name="Chứng thực",
    )


def test_the_register_prints_landscape_with_every_row(header):
    pdf = form_pdf(register(header, 60))
    reader = PdfReader(io.BytesIO(pdf))
    text = pdf_text(pdf)

    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert len(reader.pages) > 1
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert "Lĩnh vực: Chứng thực" in text
    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026" in text
    for number in (1, 30, 60):
        assert f"000.00.00.H30-260305-{number:04d}" in text
        assert f"Vũ Thị Ngọc Ánh {number}" in text
    # The header row repeats on every page.
    assert text.count("Cơ quan chủ trì giải quyết") == len(reader.pages)


def test_codes_numbers_and_dates_are_kept_on_one_line_whatever_the_font(header):
    html = form_html(register(header, 1))

    assert '<span class="unbroken">000.00.00.H30-260305-0001</span>' in html
    time_then_date = '<span class="unbroken">08:00</span> <span class="unbroken">'
    assert time_then_date + "05/03/2026</span>" in html
    assert ".unbroken { white-space: nowrap;" in html


def test_an_empty_register_says_so(header):
    assert "Không có hồ sơ trong kỳ." in pdf_text(form_pdf(register(header, 0)))


def test_an_unknown_kind_of_data_is_refused():
    with pytest.raises(InvalidInput):
        form_pdf(object())  # type: ignore[arg-type]
