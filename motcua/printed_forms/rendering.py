"""Render the official forms 01–07 as HTML and PDF (WeasyPrint; SPEC §4.9).

All forms print on A4: 01–06 portrait, 07 (the register) landscape. Circular
01/2018 printed the slips on A5, but a receipt with a long list of papers does not
fit there, and A4 is what every counter printer holds.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

import segno
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from motcua.core.brand import Brand, brand_get
from motcua.core.errors import InvalidInput
from motcua.printed_forms.data import (
    ApologyData,
    ControlSheetData,
    DeclarationData,
    FormData,
    ReceiptData,
    RefusalData,
    RegisterData,
    StopNoticeData,
    SupplementRequestData,
)


@dataclass(frozen=True)
class FormSpec:
    """How one form prints: its number, title, template and page."""

    number: str  # "01" … "07" (Circular 03/2025/TT-VPCP, Annex I)
    title: str
    template: str
    number_suffix: str = ""  # the form's symbol after "Số …/"
    landscape: bool = False


# Titles and symbols as in Annex I of Circular 03/2025/TT-VPCP (LAW-NOTES §2); they
# are legal text in Vietnamese, not translatable messages.
FORM_SPECS: dict[type[Any], FormSpec] = {
    ReceiptData: FormSpec(
        "01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "printed_forms/form01.html"
    ),
    SupplementRequestData: FormSpec(
        "02",
        "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
        "printed_forms/form02.html",
        "PBS",
    ),
    RefusalData: FormSpec(
        "03",
        "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
        "printed_forms/form03.html",
        "PTC",
    ),
    ApologyData: FormSpec(
        "04",
        # Circular 03/2025 renamed Circular 01/2018's "Phiếu xin lỗi và hẹn lại
        # ngày trả kết quả"; the letter still gives the one new date.
        "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
        "printed_forms/form04.html",
        "PXL",
    ),
    StopNoticeData: FormSpec(
        "05", "Thông báo dừng giải quyết hồ sơ", "printed_forms/form05.html"
    ),
    ControlSheetData: FormSpec(
        "06",
        "Phiếu kiểm soát quá trình giải quyết hồ sơ",
        "printed_forms/form06.html",
        "PKS",
    ),
    # Not a form of Circular 03/2025: the applicant's request, prefilled.
    DeclarationData: FormSpec(
        "TK",
        "Đơn đề nghị giải quyết thủ tục hành chính",
        "printed_forms/declaration.html",
    ),
    RegisterData: FormSpec(
        "07", "Sổ theo dõi hồ sơ", "printed_forms/form07.html", "STD", landscape=True
    ),
}


def form_spec(data: FormData) -> FormSpec:
    """Return how ``data`` prints.

    Raises:
        InvalidInput: ``data`` is not one of the forms' dataclasses.
    """
    spec = FORM_SPECS.get(type(data))
    if spec is None:
        raise InvalidInput(
            _("There is no printed form for %(kind)s.") % {"kind": type(data).__name__}
        )
    return spec


def qr_data_uri(url: str) -> str:
    """Return the QR code of ``url`` as an SVG data URI (medium error correction)."""
    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=2))


def brand() -> Brand:
    """Return the brand kit printed on the slips (names, hotline, heading colour)."""
    return brand_get()


def form_html(data: FormData) -> str:
    """Return the HTML of the form for ``data``, in Unicode NFC.

    Text entered in NFD (combining tone marks, as some keyboards send) is composed
    so that each letter maps to one glyph and the PDF's text stays searchable.

    Raises:
        InvalidInput: ``data`` is not one of the forms' dataclasses.
    """
    spec = form_spec(data)
    kit = brand()
    tracking_url = getattr(data, "tracking_url", "")
    context = {
        "data": data,
        "brand": kit,
        "title": spec.title,
        "form_number": spec.number,
        "number_suffix": spec.number_suffix,
        "unit": data.header.unit or kit.unit_name,
        "qr": qr_data_uri(tracking_url) if tracking_url else "",
        "orientation": "landscape" if spec.landscape else "portrait",
        "font_size": "9pt" if spec.landscape else "12pt",
        "page_margin": "12mm 12mm 15mm" if spec.landscape else "12mm 15mm 16mm 20mm",
    }
    html = render_to_string(spec.template, context)
    return unicodedata.normalize("NFC", html)


def form_pdf(data: FormData) -> bytes:
    """Render the form for ``data`` as a PDF with its fonts embedded.

    Raises:
        InvalidInput: ``data`` is not one of the forms' dataclasses.
    """
    html = form_html(data)
    # Imported here: WeasyPrint takes about 0.6 s to import, which every other
    # process (web workers, commands) should not pay.
    from weasyprint import HTML  # type: ignore[import-untyped]  # no type hints

    pdf = HTML(string=html).write_pdf()
    if pdf is None:  # only when a target file is given
        raise RuntimeError("WeasyPrint returned no PDF")
    return bytes(pdf)
