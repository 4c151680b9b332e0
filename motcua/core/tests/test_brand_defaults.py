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
