"""Text normalisation for search that ignores diacritics and case.

Vietnamese text arrives composed (NFC) or decomposed (NFD; the national catalogue
has both). Folding removes every combining mark, maps đ/Đ to d and lower-cases, so
``"ĐĂNG KÝ KHAI SINH"``, ``"dang ky khai sinh"`` and an NFD "Đăng ký khai sinh"
fold to the same string on every database.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Return ``text`` without diacritics, lower-cased, with single spaces."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def nfc(text: str) -> str:
    """Return ``text`` in composed form with surrounding space removed."""
    return unicodedata.normalize("NFC", text).strip()
