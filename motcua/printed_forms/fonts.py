"""Which typeface the forms print in, and whether this server has it.

The forms name Times New Roman (Decree 30/2020/NĐ-CP, Annex I: the typeface of
administrative papers) and its metric-compatible free twin Liberation Serif
(Debian's ``fonts-liberation2``). WeasyPrint finds fonts through fontconfig; when
neither is installed it falls back to another serif, which is wider: the forms
still print whole (codes, numbers and dates never break inside themselves), but
the layout differs, so ``manage.py check`` warns.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

FORM_FONT_FAMILIES = ("Times New Roman", "Liberation Serif")
# What to install where the forms' font is missing (Debian and Ubuntu).
FORM_FONT_PACKAGE = "fonts-liberation2"

_FC_RESULT_MATCH = 0


def _fontconfig() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("fontconfig") or "libfontconfig.so.1"
    try:
        library = ctypes.CDLL(name)
    except OSError:
        return None
    library.FcNameParse.restype = ctypes.c_void_p
    library.FcNameParse.argtypes = [ctypes.c_char_p]
    pointer, number = ctypes.c_void_p, ctypes.c_int
    library.FcConfigSubstitute.argtypes = [pointer, pointer, number]
    library.FcDefaultSubstitute.argtypes = [ctypes.c_void_p]
    library.FcFontMatch.restype = ctypes.c_void_p
    library.FcFontMatch.argtypes = [
        ctypes.c_void_p,
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_int),
    ]
    library.FcPatternGetString.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_char_p),
    ]
    library.FcPatternDestroy.argtypes = [ctypes.c_void_p]
    return library


def _matched_family(library: ctypes.CDLL, family: str) -> str:
    pattern = library.FcNameParse(family.encode())
    library.FcConfigSubstitute(None, pattern, 0)  # FcMatchPattern
    library.FcDefaultSubstitute(pattern)
    result = ctypes.c_int()
    match = library.FcFontMatch(None, pattern, ctypes.byref(result))
    library.FcPatternDestroy(pattern)
    if not match:
        return ""
    value = ctypes.c_char_p()
    found = library.FcPatternGetString(match, b"family", 0, ctypes.byref(value))
    name = (value.value or b"").decode() if found == _FC_RESULT_MATCH else ""
    library.FcPatternDestroy(match)
    return name


@cache
def form_font_installed() -> str:
    """Return the family the forms will print in, or "" when none is installed.

    Asks fontconfig (as WeasyPrint does) for each of ``FORM_FONT_FAMILIES``; a
    family counts only when fontconfig matches it to itself, not to a fallback.
    """
    library = _fontconfig()
    if library is None:
        return ""
    for family in FORM_FONT_FAMILIES:
        if _matched_family(library, family).casefold() == family.casefold():
            return family
    return ""
