"""Fixtures of the portal tests."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from motcua.dossiers.tests.factories import World


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters live in the cache: start each test from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    return World()
