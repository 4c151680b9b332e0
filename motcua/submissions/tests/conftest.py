"""Fixtures of the online filing tests."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from motcua.submissions.tests.factories import OnlineWorld


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def online(db) -> OnlineWorld:
    return OnlineWorld()


@pytest.fixture
def paid_online(db) -> OnlineWorld:
    return OnlineWorld(fee=20_000)
