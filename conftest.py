"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The public reference data beside the project (never copied into it)."""
    path = Path(settings.SHARED_DATA_DIR)
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path}")
    return path
