"""A brand kit row for tests (every app's tests may use it)."""

from __future__ import annotations

from typing import Any

from motcua.core.models import BrandKit

KIT = {
    "system_name": "Một cửa Đà Nẵng",
    "unit_name": "Trung tâm Hành chính thành phố Đà Nẵng",
    "slogan": "Phục vụ nhân dân",
    "hotline": "0236 1022",
    "primary_colour": "#0b4f8a",
    "accent_colour": "#ffd24d",
    "ink_colour": "#222222",
    "page_colour": "#ffffff",
    "body_size": "18px",
    "h1_size": "2rem",
    "h2_size": "1.5rem",
}


def brand_kit_make(**overrides: Any) -> BrandKit:
    """Save and return the brand kit with the values of ``KIT`` and ``overrides``.

    Saving drops the cached kit; call ``brand_cache_clear()`` after the test too,
    since the rollback of the test's transaction does not.
    """
    kit = BrandKit(**{**KIT, **overrides})
    kit.full_clean()
    kit.save()
    return kit
