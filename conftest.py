"""Fixtures shared by every test package."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The public reference data beside the project (never copied into it)."""
    path = Path(settings.SHARED_DATA_DIR)
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path}")
    return path


@pytest.fixture(autouse=True)
def english_messages_by_default() -> Iterator[None]:
    """Unit tests read domain messages in English; pages are tested in Vietnamese.

    HTTP requests still choose their language through LocaleMiddleware (Vietnamese
    unless the client asks otherwise).
    """
    with translation.override("en"):
        yield
