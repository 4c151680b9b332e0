"""The rate limit's count and read: one round trip on a real Redis, the same
answers on the database cache and while Redis is down."""

from __future__ import annotations

import uuid

import pytest
import redis

from motcua.core.cache import ResilientRedisCache, counter_count_and_read
from motcua.core.testing import system_package_missing

REDIS_URL = "redis://127.0.0.1:6379/9"


@pytest.fixture
def live_redis() -> ResilientRedisCache:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        system_package_missing("redis-server", what="A Redis server on 127.0.0.1:6379")
    return ResilientRedisCache(
        REDIS_URL, {"OPTIONS": {"FALLBACK": "default"}, "KEY_PREFIX": "test-counter"}
    )


def test_redis_counts_and_reads_in_one_round_trip(live_redis):
    key, other = f"all:{uuid.uuid4()}", f"failed:{uuid.uuid4()}"
    live_redis.set(other, 3, timeout=60)

    assert counter_count_and_read(live_redis, key, timeout=60, other=other) == (1, 3)
    assert counter_count_and_read(live_redis, key, timeout=60, other=other) == (2, 3)
    assert live_redis.get(key) == 2  # the same value the cache API reads
    client = redis.Redis.from_url(REDIS_URL)
    ttl = client.ttl(live_redis.make_and_validate_key(key))
    assert 0 < ttl <= 60  # the counter expires with its window
    assert counter_count_and_read(
        live_redis, f"all:{uuid.uuid4()}", timeout=60, other=f"none:{uuid.uuid4()}"
    ) == (1, None)


def test_the_count_survives_redis_forgetting_its_scripts(live_redis):
    key, other = f"all:{uuid.uuid4()}", f"failed:{uuid.uuid4()}"
    assert counter_count_and_read(live_redis, key, timeout=60, other=other) == (1, None)
    redis.Redis.from_url(REDIS_URL).script_flush()  # a restart, a failover
    assert counter_count_and_read(live_redis, key, timeout=60, other=other) == (2, None)


@pytest.mark.django_db
def test_the_database_cache_gives_the_same_answers():
    from django.core.cache import caches

    limits = caches["limits"]
    limits.set("failed:x", 2, timeout=60)
    assert counter_count_and_read(limits, "all:x", timeout=60, other="failed:x") == (
        1,
        2,
    )
    assert counter_count_and_read(limits, "all:x", timeout=60, other="failed:x") == (
        2,
        2,
    )


def test_a_dead_redis_counts_on_the_fallback():
    dead = ResilientRedisCache(
        "redis://127.0.0.1:1/0", {"OPTIONS": {"FALLBACK": "default"}}
    )
    key, other = f"all:{uuid.uuid4()}", f"failed:{uuid.uuid4()}"

    assert counter_count_and_read(dead, key, timeout=60, other=other) == (1, None)
    assert dead.redis_down
    assert counter_count_and_read(dead, key, timeout=60, other=other) == (2, None)
