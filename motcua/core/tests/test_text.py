import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from motcua.core.text import fold, nfc


def test_fold_removes_diacritics_and_case():
    assert fold("ĐĂNG KÝ KHAI SINH") == "dang ky khai sinh"
    assert fold("Đăng ký khai sinh") == "dang ky khai sinh"


def test_fold_treats_decomposed_text_like_composed_text():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Văn Hùng")
    assert decomposed != "Nguyễn Văn Hùng"
    assert fold(decomposed) == fold("Nguyễn Văn Hùng") == "nguyen van hung"


def test_fold_collapses_whitespace():
    assert fold("  Cấp   xã\n\tHà Nội ") == "cap xa ha noi"


def test_nfc_composes_and_strips():
    assert nfc(unicodedata.normalize("NFD", " Hà Nội ")) == "Hà Nội"


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)
