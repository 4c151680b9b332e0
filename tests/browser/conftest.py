"""Real-browser tests: Debian's Chromium driven by Playwright (never downloaded).

Chromium is found through ``MOTCUA_CHROMIUM`` or ``chromium`` on the PATH. Without it
the tests are skipped, unless ``MOTCUA_REQUIRE_SYSTEM_PACKAGES`` is set (CI), where a
missing browser fails the run.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

import pytest

from motcua.core.testing import system_package_missing

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# fixtures beside it are safe because nothing else runs in that loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    return os.environ.get("MOTCUA_CHROMIUM") or shutil.which("chromium")


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
) -> dict[str, Any]:
    path = chromium_path()
    if path is None:
        system_package_missing("chromium", what="Chromium")
    return {
        **browser_type_launch_args,
        "executable_path": path,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_context_args,
        "locale": "vi-VN",
        "timezone_id": "Asia/Ho_Chi_Minh",
    }


@pytest.fixture
def context(context: Any, request: pytest.FixtureRequest) -> Any:
    """Every page of a browser test: a Content-Security-Policy violation (an inline
    script, an eval, a resource from elsewhere) fails the test, unless the test
    is marked ``csp_violation_expected`` (it checks that the policy blocks)."""
    violations: list[str] = []

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    context.on("console", on_console)
    yield context
    if request.node.get_closest_marker("csp_violation_expected") is None:
        assert not violations, "CSP violations:\n" + "\n".join(violations)
