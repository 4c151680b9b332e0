"""The slips print the administrator's brand kit (names, hotline, heading colour)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from motcua.core.models import brand_cache_clear
from motcua.core.tests.factories import brand_kit_make
from motcua.printed_forms.data import FormHeader, ReceiptData
from motcua.printed_forms.rendering import form_html, form_pdf
from motcua.printed_forms.tests.conftest import CODE, flat

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def no_cached_brand() -> Iterator[None]:
    brand_cache_clear()
    yield
    brand_cache_clear()


@pytest.fixture
def receipt(header, applicant) -> ReceiptData:
    return ReceiptData(
        header=FormHeader(
            parent_agency=header.parent_agency,
            unit="",  # falls back to the kit's unit name
            place=header.place,
            issued_on=header.issued_on,
        ),
        dossier_code=CODE,
        tracking_url="",
        applicant=applicant,
        procedure_name="Đăng ký khai sinh",
        received_at=datetime(2026, 3, 5, 8, 30, tzinfo=HANOI),
        appointment_at=datetime(2026, 3, 6, 8, 30, tzinfo=HANOI),
        legal_time="01 ngày làm việc",
    )


def test_a_changed_kit_prints_its_unit_name_and_hotline_on_form_01(receipt):
    brand_kit_make(
        system_name="Một cửa Cần Thơ",
        unit_name="Trung tâm Phục vụ hành chính công Cần Thơ",
        hotline="0292 3 822 822",
    )

    text = flat(
        " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(form_pdf(receipt))).pages
        )
    )

    assert "Một cửa Cần Thơ" in text
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG CẦN THƠ" in text  # the heading
    assert "Đường dây nóng: 0292 3 822 822" in text


def test_the_slip_heading_takes_the_kit_primary_colour(receipt):
    brand_kit_make(primary_colour="#0b4f8a")

    assert "color: #0b4f8a;" in form_html(receipt)
