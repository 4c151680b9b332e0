"""Template context shared by every page, slip and board."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def brand(request: HttpRequest) -> dict[str, object]:
    return {"brand": settings.MOTCUA_BRAND}
