"""The printed queue ticket: one layout for thermal rolls (80 mm, 58 mm) and A6.

The kiosk prints the HTML page (its print stylesheet sets the page to the roll);
the same layout is also a PDF sized to the paper (WeasyPrint), for printers
driven by a print server and for the tests, which read it back.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string

from motcua.core.brand import brand_get


@dataclass(frozen=True)
class SlipPaper:
    """A paper the ticket prints on: its page in millimetres and type sizes."""

    key: str
    label: str
    width_mm: int
    height_mm: int
    text_pt: int
    code_pt: int
    qr_mm: int


# A thermal roll is cut after the ticket: the height is the ticket's own.
SLIP_PAPERS = {
    "80": SlipPaper("80", "80 mm", 80, 120, 10, 40, 30),
    "58": SlipPaper("58", "58 mm", 58, 100, 8, 30, 24),
    "a6": SlipPaper("a6", "A6", 105, 148, 12, 54, 38),
}
DEFAULT_PAPER = "80"


def slip_paper(key: str) -> SlipPaper:
    """The paper named ``key`` (``80``, ``58``, ``a6``); the 80 mm roll otherwise."""
    return SLIP_PAPERS.get(key.strip().lower(), SLIP_PAPERS[DEFAULT_PAPER])


def ticket_slip_pdf(context: dict[str, Any]) -> bytes:
    """The ticket of ``context`` (as the kiosk's ticket page has it) as a PDF of
    one page of its paper's size."""
    html = unicodedata.normalize(
        "NFC",
        render_to_string(
            "portal/hall/ticket_pdf.html", {**context, "brand": brand_get()}
        ),
    )
    # Imported here: WeasyPrint is slow to import and most requests never print.
    from weasyprint import HTML  # type: ignore[import-untyped]  # no type hints

    pdf = HTML(string=html).write_pdf()
    if pdf is None:  # only when a target file is given
        raise RuntimeError("WeasyPrint returned no PDF")
    return bytes(pdf)
