"""Payments made through the demo gateway, and its signed answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.payments.gateways import DemoGateway
from motcua.payments.models import Payment
from motcua.payments.services import payment_create

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=HANOI)
RETURN_URL = "/tra-cuu/"  # any page that answers without logging in


@pytest.fixture
def make_payment(db) -> Callable[..., Payment]:
    def make(
        *,
        purpose: str = "submission:1b2c",
        description: str = "Lệ phí đăng ký hộ kinh doanh",
        amount_vnd: int = 150_000,
        return_url: str = RETURN_URL,
        now: datetime = NOW,
    ) -> Payment:
        return payment_create(
            purpose=purpose,
            description=description,
            amount_vnd=amount_vnd,
            return_url=return_url,
            now=now,
        )

    return make


@pytest.fixture
def payment(make_payment: Callable[..., Payment]) -> Payment:
    return make_payment()


def demo_answer(payment: Payment, result: str) -> dict[str, str]:
    """The signed answer the demo bank sends back with the payer."""
    return DemoGateway().return_params(payment, result=result)
