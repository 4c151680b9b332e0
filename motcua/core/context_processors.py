"""Template context shared by every page, slip and board."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from motcua.core.brand import brand_get


def brand(request: HttpRequest) -> dict[str, object]:
    """Give every template ``brand``: the kit of ``brand_get()``, read when first used.

    Lazy, so pages that do not show the kit (the admin, JSON) never look it up.
    """
    return {"brand": SimpleLazyObject(brand_get)}
