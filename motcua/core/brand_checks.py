"""Checks of the brand kit's values: colours, type sizes, contrast and the logo.

Pure functions, no ORM: the ``BrandKit`` model uses them as validators, and
``motcua.core.brand`` uses them to show contrast ratios on the ``/brand/`` page.
"""

from __future__ import annotations

import io
import re

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.translation import gettext_lazy as _

# The kit's defaults, stated once: the model's field defaults, the ``Brand``
# dataclass and the kit used while no row exists read these; the fallback
# values of ``static/motcua/brand.css`` are checked against them by a test.
BRAND_DEFAULTS: dict[str, str] = {
    "primary_colour": "#a5161d",  # đỏ cờ: headers, primary buttons
    "accent_colour": "#f2c200",  # vàng: focus ring, highlights
    "ink_colour": "#1c1c1c",
    "page_colour": "#f6f4f1",
    "body_size": "1rem",
    "h1_size": "1.5rem",
    "h2_size": "1.25rem",
}

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
SIZE = re.compile(r"^(?P<number>\d{1,3}(?:\.\d{1,3})?)(?P<unit>rem|px)$")
ROOT_FONT_PX = 16.0  # browsers' default root size: 1rem = 16px
# WCAG 2.1 success criterion 1.4.3 (contrast, minimum) for body text.
MIN_CONTRAST = 4.5
WHITE = "#ffffff"
# Sane bounds per role, in px (rem converted at 16px).
SIZE_BOUNDS_PX: dict[str, tuple[float, float]] = {
    "body": (12.0, 24.0),
    "h1": (16.0, 56.0),
    "h2": (14.0, 40.0),
}
MAX_LOGO_BYTES = 100 * 1024  # inlined in every page and slip: keep it small
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
# An SVG logo shown as <img> cannot run scripts, but served from MEDIA it could:
# refuse anything active.
SVG_ACTIVE = re.compile(
    rb"<script|<foreignobject|\bon[a-z]+\s*=|javascript:|<iframe|<embed|<object",
    re.IGNORECASE,
)


def colour_validate(value: str) -> None:
    """Raise ``ValidationError`` unless ``value`` is a colour written ``#rrggbb``."""
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(
            _(
                "“%(value)s” is not a colour: write it as # and six hex digits, "
                "e.g. #a5161d."
            ),
            code="colour",
            params={"value": value},
        )


def relative_luminance(colour: str) -> float:
    """Return the WCAG 2.1 relative luminance of ``#rrggbb`` (0 black … 1 white)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """Return the WCAG 2.1 contrast ratio of two ``#rrggbb`` colours (1 … 21)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def contrast_check(*, foreground: str, background: str, what: str) -> None:
    """Raise ``ValidationError`` when ``foreground`` on ``background`` is below 4.5:1.

    ``what`` names the pair for the message, e.g. "Text colour on page background".
    """
    ratio = contrast_ratio(foreground, background)
    # Compare the ratio as shown (two decimals) so the message never says 4.50 < 4.5.
    if round(ratio, 2) < MIN_CONTRAST:
        raise ValidationError(
            _(
                "%(what)s: %(foreground)s on %(background)s has a contrast of "
                "%(ratio).2f:1; WCAG 2.1 (criterion 1.4.3) requires at least 4.5:1. "
                "Choose a darker or a lighter colour."
            ),
            code="contrast",
            params={
                "what": what,
                "foreground": foreground,
                "background": background,
                "ratio": ratio,
            },
        )


def size_px(value: str) -> float:
    """Return a size written like ``1.25rem`` or ``18px`` in px.

    Raises ``ValueError`` for anything else.
    """
    match = SIZE.match(value or "")
    if match is None:
        raise ValueError(value)
    number = float(match["number"])
    return number * ROOT_FONT_PX if match["unit"] == "rem" else number


def size_check(value: str, *, role: str) -> None:
    """Raise ``ValidationError`` unless ``value`` is in rem or px within bounds."""
    try:
        px = size_px(value)
    except ValueError:
        raise ValidationError(
            _(
                "“%(value)s” is not a size: write a number and rem or px, "
                "e.g. 1.25rem or 18px."
            ),
            code="size",
            params={"value": value},
        ) from None
    low, high = SIZE_BOUNDS_PX[role]
    if not low <= px <= high:
        raise ValidationError(
            _(
                "%(value)s is out of bounds: this size must be between %(low)gpx "
                "and %(high)gpx (%(low_rem)g–%(high_rem)grem)."
            ),
            code="size_bounds",
            params={
                "value": value,
                "low": low,
                "high": high,
                "low_rem": low / ROOT_FONT_PX,
                "high_rem": high / ROOT_FONT_PX,
            },
        )


def body_size_validate(value: str) -> None:
    size_check(value, role="body")


def h1_size_validate(value: str) -> None:
    size_check(value, role="h1")


def h2_size_validate(value: str) -> None:
    size_check(value, role="h2")


def logo_kind(content: bytes) -> str:
    """Return the MIME type of a PNG, JPEG or SVG logo, or "" for anything else."""
    if content.startswith(PNG_MAGIC):
        return "image/png"
    if content.startswith(JPEG_MAGIC):
        return "image/jpeg"
    head = content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and (
        b"<svg" in head
    ):
        return "image/svg+xml"
    return ""


def _raster_check(content: bytes) -> None:
    from PIL import Image, UnidentifiedImageError  # Pillow: only when a logo is set

    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(
            _("The logo file is damaged and cannot be read as an image."),
            code="logo_damaged",
        ) from error


def logo_validate(file: File) -> None:  # type: ignore[type-arg]
    """Raise ``ValidationError`` unless ``file`` is a small PNG, JPEG or SVG image.

    The type is judged by the content, not by the file name.
    """
    if file.size is not None and file.size > MAX_LOGO_BYTES:
        raise ValidationError(
            _("The logo must be at most %(limit)d KB; this file has %(size)d KB."),
            code="logo_size",
            params={"limit": MAX_LOGO_BYTES // 1024, "size": -(-file.size // 1024)},
        )
    file.seek(0)
    content = file.read()
    file.seek(0)
    kind = logo_kind(content)
    if not kind:
        raise ValidationError(
            _("The logo must be a PNG, JPEG or SVG image."), code="logo_type"
        )
    if kind == "image/svg+xml" and SVG_ACTIVE.search(content):
        raise ValidationError(
            _("The SVG logo contains scripts or event handlers; remove them."),
            code="logo_active",
        )
    if kind != "image/svg+xml":
        _raster_check(content)
