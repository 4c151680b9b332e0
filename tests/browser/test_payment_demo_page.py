"""The demo bank page in a real Chromium: axe-core, 320 px, keyboard only.

Chromium is Debian's (``MOTCUA_CHROMIUM`` or ``chromium`` on the PATH), never
downloaded; without it, or without axe-playwright-python, the tests are skipped.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Page, ViewportSize

from motcua.payments.models import Payment, PaymentStatus
from motcua.payments.services import payment_create, payment_settle
from motcua.payments.tests.conftest import NOW, RETURN_URL

try:
    from axe_playwright_python.sync_playwright import (  # type: ignore[import-untyped]
        Axe,
    )
except ImportError:  # pragma: no cover - depends on the environment
    Axe = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE: ViewportSize = {"width": 320, "height": 640}


@pytest.fixture
def payment(transactional_db) -> Payment:
    return payment_create(
        purpose="submission:1b2c",
        description="Lệ phí đăng ký hộ kinh doanh",
        amount_vnd=150_000,
        return_url=RETURN_URL,
        now=NOW,
    )


def test_the_page_passes_axe_and_fits_a_320_px_phone(
    page: Page, live_server: Any, payment: Payment
) -> None:
    if Axe is None:
        pytest.skip("axe-playwright-python not installed")
    page.set_viewport_size(PHONE)

    response = page.goto(f"{live_server.url}/thanh-toan-demo/{payment.reference}/")

    assert response is not None and response.ok
    violations = [
        f"{v['id']}: {v['help']}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert violations == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for button in ("#demo-pay", "#demo-fail", "#demo-cancel"):
        box = page.locator(button).bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE["width"]


def test_the_payer_can_pay_with_the_keyboard_alone(
    page: Page, live_server: Any, payment: Payment
) -> None:
    page.goto(f"{live_server.url}/thanh-toan-demo/{payment.reference}/")
    for _press in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "demo-pay":
            break
    assert page.evaluate("document.activeElement.id") == "demo-pay"

    with page.expect_navigation():
        page.keyboard.press("Enter")

    parts = urlsplit(page.url)
    assert parts.path == payment.return_url
    params = dict(parse_qsl(parts.query))
    assert params["result"] == "paid"
    settled = payment_settle(reference=payment.reference, params=params, now=NOW)
    assert settled.status == PaymentStatus.PAID
