"""Hand-built form data in Vietnamese for the printed forms tests."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.printed_forms.data import FormHeader, Party

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
CODE = "000.00.00.H30-260305-0001"
TRACKING_URL = "https://motcua.example.vn/tra-cuu/000.00.00.H30-260305-0001/"
# Every vowel with every tone mark, and đ, in both cases.
TONES = (
    "a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ e è é ẻ ẽ ẹ ê ề ế ể ễ ệ "
    "i ì í ỉ ĩ ị o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ "
    "u ù ú ủ ũ ụ ư ừ ứ ử ữ ự y ỳ ý ỷ ỹ ỵ đ"
)
TONES_UPPER = TONES.upper()
NFC_NAME = "Nguyễn Thị Ánh Tuyết"
NFD_NAME = unicodedata.normalize("NFD", NFC_NAME)


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=HANOI)


def flat(text: str) -> str:
    """Join the lines of extracted text with single spaces."""
    return " ".join(text.split())


@pytest.fixture(autouse=True)
def brand(settings, db):
    """The settings' kit; slips read it through ``brand_get()``, hence the database."""
    settings.MOTCUA_BRAND = {
        "system_name": "Một cửa số Hà Nội",
        "unit_name": "Trung tâm Phục vụ hành chính công",
        "hotline": "1900 1234",
    }
    return settings.MOTCUA_BRAND


@pytest.fixture
def header() -> FormHeader:
    return FormHeader(
        parent_agency="UBND Thành phố Hà Nội",
        unit="Trung tâm Phục vụ hành chính công",
        place="Hà Nội",
        issued_on=date(2026, 3, 5),
        number="15",
    )


@pytest.fixture
def applicant() -> Party:
    assert NFD_NAME != NFC_NAME
    return Party(
        name=NFD_NAME,
        id_number="001190000123",
        address="Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
        phone="0912345678",
        email="tuyet@example.vn",
    )
