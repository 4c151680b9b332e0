"""Template context of the portal: the notices in force, for the banner."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from motcua.notices.selectors import NoticeBanner, notices_in_force


def _active() -> list[NoticeBanner]:
    return notices_in_force(now=timezone.now())


def notices(request: HttpRequest) -> dict[str, object]:
    """Give every template ``service_notices``: the published notices in force
    now, read when first used (pages without a banner never look them up)."""
    return {"service_notices": SimpleLazyObject(_active)}
