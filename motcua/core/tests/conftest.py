"""Fixtures of the core tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from motcua.core.models import brand_cache_clear


@pytest.fixture(autouse=True)
def no_cached_brand() -> Iterator[None]:
    """Start and end each test with no cached kit (rollbacks do not clear it)."""
    brand_cache_clear()
    yield
    brand_cache_clear()
