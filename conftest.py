"""Fixtures shared by every test package."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

# The suite's clock: a Tuesday morning inside the official 2024-2026 holiday
# table, so that no test depends on the day it runs (a weekend, a holiday, the
# last day of a month or of the table). The clock ticks from there.
FIXED_NOW = datetime(2026, 11, 17, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


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


@pytest.fixture(autouse=True)
def fixed_clock(request: pytest.FixtureRequest) -> Iterator[None]:
    """Run every test at ``FIXED_NOW`` (ticking), pages and services alike.

    Browser tests keep the machine's clock: Chromium drops cookies whose expiry
    lies before its own (real) time. Tests that pass ``now`` explicitly are
    unaffected either way.
    """
    if request.node.get_closest_marker("browser") or request.node.get_closest_marker(
        "real_clock"
    ):
        yield
        return
    with time_machine.travel(FIXED_NOW, tick=True):
        yield


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Start each test with an empty cache (brand kit, rate limits), whatever ran
    before it in this process: the order of tests is random."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def process_memory_forgotten() -> Iterator[None]:
    """Start each test with nothing kept in the process for a few seconds (the
    brand kit, the notices, tracking's reference rows, the holiday table's
    state): ids are reused between tests. Its own name, so that a test module's
    ``empty_cache`` does not hide it."""
    from motcua.calendars.selectors import table_state_forget
    from motcua.core.cache import LocalMemo
    from motcua.dossiers.public import references_forget

    def forget() -> None:
        references_forget()
        table_state_forget()
        LocalMemo.forget_all()

    forget()
    yield
    forget()
