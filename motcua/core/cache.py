"""A Redis cache that keeps the site up when Redis is not.

The cache is an optimisation (ADR 0007): with Redis unreachable every page must
still work from the database. ``ResilientRedisCache`` is Django's own
``RedisCache`` with short socket timeouts; when Redis refuses or times out, the
call goes to a fallback cache instead (another alias in ``CACHES``: process
memory for the general cache, the database for the rate limits) and Redis is
left alone for ``RETRY_SECONDS`` so that no request waits on a dead server more
than once in that time. When Redis answers again, it takes over.

``OPTIONS``: ``FALLBACK`` (alias of the fallback cache, required) and
``RETRY_SECONDS`` (default 30); the rest goes to ``redis-py``'s connection pool.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import BaseCache, caches
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

T = TypeVar("T")

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)

DEFAULT_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}


# Count a try and read another key in one command: a pipeline of three costs
# the client half as much again (``bench/tracking.py``'s lookups each do this).
_COUNT_AND_READ = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('GET', KEYS[2])}
"""


class _ReusedClients(RedisCacheClient):
    """Django's client, keeping one ``redis.Redis`` per connection pool.

    Django builds a new ``redis.Redis`` for every call (about 0.1 ms, a third of
    a public lookup's rate-limit round trip); the pool holds the connections, so
    one client per pool serves every call and thread.
    """

    def __init__(self, servers: Any, **options: Any) -> None:
        super().__init__(servers, **options)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        django: Any = self  # the stubs leave out the private helpers used here
        index = django._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = django._get_connection_pool(write)
            client = django._client(connection_pool=pool)
            self._clients[index] = client
        return client


class ResilientRedisCache(RedisCache):
    """``RedisCache`` that falls back to another cache while Redis is down."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        self._fallback_alias = str(options.pop("FALLBACK"))
        self._retry_seconds = float(options.pop("RETRY_SECONDS", 30))
        for name, value in DEFAULT_TIMEOUTS.items():
            options.setdefault(name, value)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = _ReusedClients
        self._down_until = 0.0
        self._count_script: dict[int, Any] = {}

    @property
    def fallback(self) -> BaseCache:
        return caches[self._fallback_alias]

    @property
    def redis_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _mark_down(self, error: Exception) -> None:
        self._down_until = time.monotonic() + self._retry_seconds
        logger.warning(
            "Redis cache unreachable (%s); using cache %r for %.0f s",
            error,
            self._fallback_alias,
            self._retry_seconds,
        )

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if not self.redis_down:
            method: Callable[..., Any] = getattr(super(), name)
            try:
                return method(*args, **kwargs)
            except UNREACHABLE as error:
                self._mark_down(error)
        return getattr(self.fallback, name)(*args, **kwargs)

    def add(
        self, key: Any, value: Any, timeout: Any = None, version: Any = None
    ) -> Any:
        return self._call("add", key, value, timeout, version)

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._call("get", key, default, version)

    def set(
        self, key: Any, value: Any, timeout: Any = None, version: Any = None
    ) -> None:
        self._call("set", key, value, timeout, version)

    def touch(self, key: Any, timeout: Any = None, version: Any = None) -> Any:
        return self._call("touch", key, timeout, version)

    def delete(self, key: Any, version: Any = None) -> Any:
        return self._call("delete", key, version)

    def get_many(self, keys: Any, version: Any = None) -> Any:
        return self._call("get_many", keys, version)

    def has_key(self, key: Any, version: Any = None) -> Any:
        return self._call("has_key", key, version)

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> Any:
        return self._call("incr", key, delta, version)

    def set_many(self, data: Any, timeout: Any = None, version: Any = None) -> Any:
        return self._call("set_many", data, timeout, version)

    def delete_many(self, keys: Any, version: Any = None) -> None:
        self._call("delete_many", keys, version)

    def clear(self) -> Any:
        return self._call("clear")

    def count_and_read(self, key: str, timeout: int, other: str) -> tuple[int, Any]:
        """``counter_count_and_read`` in one round trip to Redis (one script:
        INCR, EXPIRE on the first, GET), or on the fallback while Redis is down."""
        if not self.redis_down:
            try:
                backend: Any = self._cache  # type: ignore[attr-defined]
                client = backend.get_client(key, write=True)
                script = self._count_script.get(id(client))
                if script is None:
                    script = client.register_script(_COUNT_AND_READ)
                    self._count_script[id(client)] = script
                count, raw = script(
                    keys=[
                        self.make_and_validate_key(key),
                        self.make_and_validate_key(other),
                    ],
                    args=[timeout],
                )
                value = None if raw is None else backend._serializer.loads(raw)
                return int(count), value
            except UNREACHABLE as error:
                self._mark_down(error)
        return _count_and_read(self.fallback, key, timeout, other)


def counter_add(cache: BaseCache, key: str, *, timeout: int) -> int:
    """Add one to the counter ``key`` (created to expire after ``timeout``
    seconds) and return it."""
    cache.add(key, 0, timeout=timeout)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def _count_and_read(
    cache: BaseCache, key: str, timeout: int, other: str
) -> tuple[int, Any]:
    return counter_add(cache, key, timeout=timeout), cache.get(other)


def counter_count_and_read(
    cache: BaseCache, key: str, *, timeout: int, other: str
) -> tuple[int, Any]:
    """Add one to the counter ``key`` (created to expire after ``timeout``
    seconds) and read the value at ``other``: one round trip on Redis."""
    if isinstance(cache, ResilientRedisCache):
        return cache.count_and_read(key, timeout, other)
    return _count_and_read(cache, key, timeout, other)


class LocalMemo:
    """Values kept in this process for ``seconds`` in front of the shared cache.

    For what every page reads and rarely changes (the brand kit, the notices in
    force): a read within ``seconds`` costs no round trip to Redis. A change made
    in this process forgets the value at once (``forget``); other processes see
    it within ``seconds``. Not for anything a write depends on.
    """

    _all: list[LocalMemo] = []

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._values: dict[str, tuple[float, Any]] = {}
        LocalMemo._all.append(self)

    def get(self, key: str) -> Any:
        """The value kept for ``key``, or None when none is kept or it is old."""
        seen = self._values.get(key)
        if seen is None or time.monotonic() - seen[0] >= self.seconds:
            return None
        return seen[1]

    def set(self, key: str, value: Any) -> None:
        self._values[key] = (time.monotonic(), value)

    def forget(self, key: str | None = None) -> None:
        if key is None:
            self._values.clear()
        else:
            self._values.pop(key, None)

    @classmethod
    def forget_all(cls) -> None:
        """Forget every process-local value (a test's start)."""
        for memo in cls._all:
            memo.forget()
