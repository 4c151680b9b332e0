"""Helpers for the test suite only (never imported by the application).

A test that needs a system package (Chromium, the forms' fonts, Tesseract) is
skipped with one line naming the package on a machine without it, so that the
README's test command passes where only Python is installed. CI sets
``MOTCUA_REQUIRE_SYSTEM_PACKAGES`` and installs the packages: there a missing one
fails the test instead.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import NoReturn

import pytest
from django.db import connection

REQUIRE_VARIABLE = "MOTCUA_REQUIRE_SYSTEM_PACKAGES"


def system_packages_required() -> bool:
    """True where a missing system package must fail the tests (CI)."""
    return bool(os.environ.get(REQUIRE_VARIABLE))


def system_package_missing(package: str, *, what: str) -> NoReturn:
    """Skip the test (or fail it under CI) because ``package`` is not installed."""
    if system_packages_required():
        pytest.fail(f"{what} is required ({REQUIRE_VARIABLE}) but not installed")
    pytest.skip(f"{what} not installed (apt-get install {package})")


def run_in_threads(count: int, work: Callable[[int], object]) -> list[object]:
    """Run ``work(i)`` in ``count`` threads started together, each with its own
    database connection; return what each returned or raised."""
    barrier = threading.Barrier(count)
    results: list[object] = [None] * count

    def target(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
