"""The brand kit's defaults stand once (``brand_checks.BRAND_DEFAULTS``): the
model, the dataclass and the stylesheet's fallbacks all agree with it."""

from __future__ import annotations

import re
from pathlib import Path

from django.db import models

from motcua.core.brand import Brand
from motcua.core.brand_checks import BRAND_DEFAULTS
from motcua.core.models import BrandKit

STYLESHEET = Path(__file__).resolve().parents[2] / "static" / "motcua" / "brand.css"
CSS_VARIABLES = {
    "primary_colour": "--brand-primary",
    "accent_colour": "--brand-accent",
    "ink_colour": "--brand-ink",
    "page_colour": "--brand-page",
    "body_size": "--size-body",
    "h1_size": "--size-h1",
    "h2_size": "--size-h2",
}


def test_the_model_and_the_dataclass_take_the_defaults():
    brand = Brand(system_name="", unit_name="", hotline="")
    for name, value in BRAND_DEFAULTS.items():
        field = BrandKit._meta.get_field(name)
        assert isinstance(field, models.Field)
        assert field.default == value, name
        assert getattr(brand, name) == value, name


def test_the_stylesheets_fallbacks_are_the_defaults():
    root = re.search(r":root\s*\{(.*?)\}", STYLESHEET.read_text(), re.S)
    assert root is not None
    declared = dict(re.findall(r"(--[\w-]+):\s*([^;]+);", root.group(1)))
    assert set(CSS_VARIABLES) == set(BRAND_DEFAULTS)
    for name, variable in CSS_VARIABLES.items():
        assert declared[variable].strip() == BRAND_DEFAULTS[name], variable


def test_no_other_template_or_stylesheet_repeats_the_kits_defaults():
    """Pages read the kit through its variables; ``brand.css`` alone holds the
    fallbacks (checked above), so no ``var(--brand-…, #…)`` repeats them."""
    motcua = STYLESHEET.parents[2]
    variables = "|".join(re.escape(v) for v in CSS_VARIABLES.values())
    fallback = re.compile(rf"var\(\s*(?:{variables})\s*,")
    offenders = [
        str(path.relative_to(motcua))
        for pattern in ("*.html", "*.css", "*.js")
        for path in motcua.rglob(pattern)
        if path != STYLESHEET and fallback.search(path.read_text(encoding="utf-8"))
    ]

    assert offenders == []


def test_the_page_writes_every_kit_variable_from_the_defaults(client, db):
    """Without a row, each page's ``<style id="brand-kit">`` sets every variable
    to the Python default (the stylesheet's copy is only a fallback)."""
    html = client.get("/tra-cuu/").content.decode()
    block = re.search(r'<style id="brand-kit">(.*?)</style>', html, re.S)

    assert block is not None
    for name, variable in CSS_VARIABLES.items():
        assert f"{variable}: {BRAND_DEFAULTS[name]};" in block.group(1), variable
