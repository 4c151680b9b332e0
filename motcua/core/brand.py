"""The brand kit as every page, slip, board and message reads it.

``brand_get()`` returns the administrator's ``BrandKit`` row, cached in Django's
cache (``BrandKit.save`` drops it), or the defaults of ``settings.MOTCUA_BRAND``
while there is no row. ``brand_css()`` turns it into the CSS variables that
override the defaults of ``motcua/static/motcua/brand.css``.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from motcua.core import brand_checks
from motcua.core.cache import LocalMemo
from motcua.core.models import BRAND_CACHE_KEY, BrandKit

# The cached kit is dropped on save; the timeout bounds how long another process
# with a per-process cache (LocMemCache, no Redis) may show the old one.
CACHE_SECONDS = 60
LOGO_DATA_URI = re.compile(r"^data:image/(?:png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$")
NO_ROW = "none"  # cached when there is no row: the settings' defaults apply


@dataclass(frozen=True)
class Brand:
    """The brand kit's values, validated; ``logo_url`` is a data URI or ""."""

    system_name: str
    unit_name: str
    hotline: str
    slogan: str = ""
    logo_url: str = ""
    primary_colour: str = brand_checks.BRAND_DEFAULTS["primary_colour"]
    accent_colour: str = brand_checks.BRAND_DEFAULTS["accent_colour"]
    ink_colour: str = brand_checks.BRAND_DEFAULTS["ink_colour"]
    page_colour: str = brand_checks.BRAND_DEFAULTS["page_colour"]
    body_size: str = brand_checks.BRAND_DEFAULTS["body_size"]
    h1_size: str = brand_checks.BRAND_DEFAULTS["h1_size"]
    h2_size: str = brand_checks.BRAND_DEFAULTS["h2_size"]

    @property
    def css(self) -> SafeString:
        """The ``:root`` block of CSS variables (for ``{{ brand.css }}``).

        Marked safe: ``brand_css`` writes only values that pass the kit's checks
        (colours, sizes, a base64 data URI), none of which can close the ``<style>``.
        """
        return mark_safe(brand_css(self))  # noqa: S308  # checked values only


@dataclass(frozen=True)
class Swatch:
    """One colour of the kit with the contrast of its usual pairing."""

    label: str
    colour: str
    text_colour: str  # the colour written on it on the /brand/ page
    ratio: float  # contrast of text_colour on colour (WCAG 2.1)
    passes: bool  # ratio ≥ 4.5:1


def brand_default() -> Brand:
    """Return the kit of ``settings.MOTCUA_BRAND`` (used while no row exists)."""
    configured = settings.MOTCUA_BRAND
    defaults = Brand(system_name="", unit_name="", hotline="")
    colours = {
        name: str(configured[name])
        for name in ("primary_colour", "accent_colour", "ink_colour", "page_colour")
        if brand_checks.HEX_COLOUR.match(str(configured.get(name, "")))
    }
    return replace(
        defaults,
        system_name=str(configured.get("system_name", "")),
        unit_name=str(configured.get("unit_name", "")),
        hotline=str(configured.get("hotline", "")),
        slogan=str(configured.get("slogan", "")),
        **colours,
    )


def _logo_data_uri(kit: BrandKit) -> str:
    if not kit.logo:
        return ""
    try:
        with kit.logo.open("rb") as file:
            content = file.read()
    except OSError:  # the file was removed from MEDIA: show no logo, not an error
        return ""
    kind = brand_checks.logo_kind(content)
    if not kind:
        return ""
    return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"


def brand_from_kit(kit: BrandKit) -> Brand:
    """Return the ``Brand`` of a ``BrandKit`` row (its logo inlined as a data URI)."""
    return Brand(
        system_name=kit.system_name,
        unit_name=kit.unit_name,
        hotline=kit.hotline,
        slogan=kit.slogan,
        logo_url=_logo_data_uri(kit),
        primary_colour=kit.primary_colour,
        accent_colour=kit.accent_colour,
        ink_colour=kit.ink_colour,
        page_colour=kit.page_colour,
        body_size=kit.body_size,
        h1_size=kit.h1_size,
        h2_size=kit.h2_size,
    )


# Every page reads the kit: a few seconds in the process before the shared cache.
BRAND_MEMO = LocalMemo(seconds=5)


def brand_get() -> Brand:
    """Return the brand kit: the ``BrandKit`` row, else the settings' defaults."""
    cached = BRAND_MEMO.get(BRAND_CACHE_KEY)
    if cached is None:
        cached = cache.get(BRAND_CACHE_KEY)
        if cached is not None:
            BRAND_MEMO.set(BRAND_CACHE_KEY, cached)
    if isinstance(cached, Brand):
        return cached
    if cached == NO_ROW:
        return brand_default()
    kit = BrandKit.objects.filter(singleton=True).first()
    if kit is None:
        cache.set(BRAND_CACHE_KEY, NO_ROW, CACHE_SECONDS)
        return brand_default()
    found = brand_from_kit(kit)
    cache.set(BRAND_CACHE_KEY, found, CACHE_SECONDS)
    return found


def _safe(value: str, *, colour: bool) -> str | None:
    """Return ``value`` if it is a valid colour (or size), else None."""
    if colour:
        return value if brand_checks.HEX_COLOUR.match(value) else None
    return value if brand_checks.SIZE.match(value) else None


def brand_css(brand: Brand) -> str:
    """Return the ``:root { --brand-…: … }`` block of ``brand``.

    Only values that pass the kit's checks are written, so nothing else can reach
    the page's ``<style>`` (an invalid value keeps the default of brand.css).
    """
    variables = (
        ("--brand-primary", brand.primary_colour, True),
        ("--brand-accent", brand.accent_colour, True),
        ("--brand-ink", brand.ink_colour, True),
        ("--brand-page", brand.page_colour, True),
        ("--size-body", brand.body_size, False),
        ("--size-h1", brand.h1_size, False),
        ("--size-h2", brand.h2_size, False),
    )
    lines = [
        f"  {name}: {value};"
        for name, raw, colour in variables
        if (value := _safe(raw, colour=colour)) is not None
    ]
    css = ":root {\n" + "\n".join(lines) + "\n}"
    if LOGO_DATA_URI.match(brand.logo_url):
        # The logo sits before the system name in the header bar; decorative (the
        # name beside it is the text), so a background image needs no alt text.
        css += (
            '\n.brand-name::before { content: ""; display: inline-block;'
            " width: 2.25rem; height: 2.25rem; margin-right: .5rem;"
            " vertical-align: middle;"
            f' background: url("{brand.logo_url}") center / contain no-repeat; }}'
        )
    return css


def _swatch(label: str, colour: str, text_colour: str) -> Swatch:
    ratio = brand_checks.contrast_ratio(text_colour, colour)
    return Swatch(
        label=label,
        colour=colour,
        text_colour=text_colour,
        ratio=round(ratio, 2),
        passes=round(ratio, 2) >= brand_checks.MIN_CONTRAST,
    )


def brand_swatches(brand: Brand) -> list[Swatch]:
    """Return the kit's colours, each with the contrast of the text written on it."""
    return [
        _swatch(str(_("Primary (white text)")), brand.primary_colour, "#ffffff"),
        _swatch(str(_("Accent (text colour)")), brand.accent_colour, brand.ink_colour),
        _swatch(
            str(_("Page background (text colour)")), brand.page_colour, brand.ink_colour
        ),
        _swatch(str(_("Text colour (white on it)")), brand.ink_colour, "#ffffff"),
    ]
