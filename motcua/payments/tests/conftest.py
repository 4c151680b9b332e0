"""Payments made through the demo gateway, and its signed answers."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.payments import purposes
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
        purpose: str = "fee:1b2c",  # a kind no handler counts
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


def demo_answer(payment: Payment, result: str, **fields: str) -> dict[str, str]:
    """The signed answer the demo bank sends back with the payer."""
    return DemoGateway().return_params(payment, result=result, **fields)


def demo_notification(payment: Payment, result: str, **fields: str) -> dict[str, str]:
    """The signed notification the demo bank sends us directly."""
    return DemoGateway().notification_params(payment, result=result, **fields)


@dataclass
class CountingHandler:
    """Counts the payments of kind ``counted`` it is called for (from any thread)."""

    counts: bool = True  # what it answers: did the payment count?
    error: Exception | None = None  # raised instead, when set
    seen: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, *, payment: Payment, now: datetime) -> bool:
        with self._lock:
            self.seen.append(payment.reference)
        if self.error is not None:
            raise self.error
        return self.counts


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> CountingHandler:
    """A handler for purposes ``counted:…``, standing for the apps that count fees."""
    handler = CountingHandler()
    monkeypatch.setitem(purposes._HANDLERS, "counted", handler)
    return handler
