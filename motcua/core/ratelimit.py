"""The public pages' and endpoints' rate limit: one routine for every lookup or
write made on a citizen's word (tracking by code, rating, feedback, account codes,
the public API).

Per client, known only by a keyed hash of its address (``client.py``): at most
``MOTCUA_PUBLIC_LOOKUP_LIMIT`` tries per ``MOTCUA_PUBLIC_LOOKUP_WINDOW`` seconds,
and none at all once ``MOTCUA_PUBLIC_LOOKUP_FAILURE_LIMIT`` failed lookups were
recorded within ``MOTCUA_PUBLIC_LOOKUP_FAILURE_WINDOW`` seconds. Windows are fixed
(each starts at a multiple of its length since the epoch) and counted in the
``limits`` cache (ADR 0007), shared by the workers.

An interface calls ``ratelimit_public_try`` once per request and answers 429 with
``Retry-After`` when it is refused; ``dossiers.public`` records failed lookups.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import gettext as _

from motcua.core.cache import counter_add, counter_count_and_read
from motcua.core.client import client_address_from_meta

CACHE_ALIAS = "limits"
KEY_PREFIX = "motcua:public"
# A counter outlives its window a little, so that a clock skew between workers
# does not restart it early.
EXPIRY_MARGIN_SECONDS = 60


@dataclass(frozen=True)
class PublicTry:
    """One counted try: the client's key and, when refused, when to come back."""

    client_key: str
    retry_after: int | None  # seconds; None when the try is allowed

    @property
    def refused(self) -> bool:
        return self.retry_after is not None

    @property
    def retry_minutes(self) -> int:
        """``retry_after`` in whole minutes, at least 1 (for the page's text)."""
        return max(1, math.ceil((self.retry_after or 0) / 60))


def ratelimit_client_key(*, meta: Mapping[str, object]) -> str:
    """Return a keyed hash of the client's address from a request's ``META``.

    The address is the one the trusted proxies report (``core.client``). Only the
    hash is stored or used as a cache key, never the address.
    """
    address = client_address_from_meta(meta)
    digest = hmac.new(
        settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256
    ).hexdigest()
    return digest[:32]


def _window_key(kind: str, client_key: str, now: datetime, seconds: int) -> str:
    return f"{KEY_PREFIX}:{kind}:{client_key}:{int(now.timestamp()) // seconds}"


def _increment(key: str, seconds: int) -> int:
    timeout = seconds + EXPIRY_MARGIN_SECONDS
    return counter_add(caches[CACHE_ALIAS], key, timeout=timeout)


def _lookup_window() -> int:
    return int(settings.MOTCUA_PUBLIC_LOOKUP_WINDOW)


def _failure_window() -> int:
    return int(settings.MOTCUA_PUBLIC_LOOKUP_FAILURE_WINDOW)


def _failures(client_key: str, now: datetime) -> int:
    key = _window_key("failed", client_key, now, _failure_window())
    return int(caches[CACHE_ALIAS].get(key, 0))


def _blocked_by_failures(client_key: str, now: datetime) -> bool:
    limit = int(settings.MOTCUA_PUBLIC_LOOKUP_FAILURE_LIMIT)
    return _failures(client_key, now) >= limit


def ratelimit_allow(*, client_key: str, now: datetime) -> bool:
    """Count one try by ``client_key`` at ``now``; return False over a limit.

    The count and the read of the client's failures are one round trip to the
    cache (``core.cache.counter_count_and_read``).
    """
    window = _lookup_window()
    count, failures = counter_count_and_read(
        caches[CACHE_ALIAS],
        _window_key("all", client_key, now, window),
        timeout=window + EXPIRY_MARGIN_SECONDS,
        other=_window_key("failed", client_key, now, _failure_window()),
    )
    if int(failures or 0) >= int(settings.MOTCUA_PUBLIC_LOOKUP_FAILURE_LIMIT):
        return False
    return count <= int(settings.MOTCUA_PUBLIC_LOOKUP_LIMIT)


def ratelimit_failure_record(*, client_key: str, now: datetime) -> None:
    """Count one failed lookup (unknown code, wrong second factor) by the client."""
    window = _failure_window()
    _increment(_window_key("failed", client_key, now, window), window)


def ratelimit_retry_after(*, client_key: str, now: datetime) -> int:
    """Return the seconds until ``client_key`` may try again (``Retry-After``)."""
    blocked = _blocked_by_failures(client_key, now)
    window = _failure_window() if blocked else _lookup_window()
    return window - int(now.timestamp()) % window


def ratelimit_refused_message() -> str:
    """The message of a refused lookup (HTTP 429), in the active language."""
    return _(
        "Too many lookups from your connection. To protect the applicants' data, "
        "please wait a few minutes and try again, or call the hotline."
    )


def ratelimit_public_try(*, meta: Mapping[str, object], now: datetime) -> PublicTry:
    """Count one try from the client of a request's ``META``: the one call every
    public page and endpoint makes before it looks anything up."""
    client_key = ratelimit_client_key(meta=meta)
    if ratelimit_allow(client_key=client_key, now=now):
        return PublicTry(client_key=client_key, retry_after=None)
    seconds = ratelimit_retry_after(client_key=client_key, now=now)
    return PublicTry(client_key=client_key, retry_after=seconds)
