"""Template context of the portal: the notices in force, for the banner."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from motcua.notices.selectors import NoticeBanner, notices_active
from motcua.notices.services import ACTIVE_CACHE_KEY

# Briefly: a notice shows within a minute of its start on every page, and a busy
# portal makes one query a minute for it. Publishing clears the cache at once.
CACHE_SECONDS = 60


def _active() -> list[NoticeBanner]:
    found: list[NoticeBanner] | None = cache.get(ACTIVE_CACHE_KEY)
    now = timezone.now()
    if found is None:
        found = notices_active(now=now)
        cache.set(ACTIVE_CACHE_KEY, found, CACHE_SECONDS)
    # A cached notice that ended meanwhile is not shown.
    return [n for n in found if n.starts_at <= now < n.ends_at]


def notices(request: HttpRequest) -> dict[str, object]:
    """Give every template ``service_notices``: the published notices in force
    now, read when first used (pages without a banner never look them up)."""
    return {"service_notices": SimpleLazyObject(_active)}
