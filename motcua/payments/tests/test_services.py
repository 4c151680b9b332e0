"""Creating and settling payments: checks, signatures, idempotence."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from motcua.core.errors import InvalidInput, NotFound
from motcua.payments.gateways import DemoGateway, GatewayOutcome, gateway
from motcua.payments.models import Payment, PaymentStatus, RefundReason
from motcua.payments.selectors import payment_get, payments_for
from motcua.payments.services import payment_settle
from motcua.payments.tests.conftest import NOW, demo_answer

LATER = NOW + timedelta(minutes=3)
SETTLED = {"status": PaymentStatus.PAID, "settled_at": NOW}


class SlowBankGateway:
    """A gateway that always answers "still processing" (any signature)."""

    name = "slow-bank"

    def redirect_url(self, payment: Payment) -> str:
        return f"https://bank.example.vn/pay/{payment.reference}"

    def verify_return(
        self, payment: Payment, params: Mapping[str, str]
    ) -> GatewayOutcome:
        return GatewayOutcome(status=PaymentStatus.PENDING)


@pytest.fixture
def slow_bank(settings):
    settings.MOTCUA_PAYMENT_GATEWAY = (
        "motcua.payments.tests.test_services.SlowBankGateway"
    )


def test_a_new_payment_is_pending_at_the_demo_gateway_with_a_random_reference(
    make_payment,
):
    first, second = make_payment(), make_payment()

    assert first.status == PaymentStatus.PENDING
    assert first.gateway == "demo"
    assert first.created_at == NOW
    assert first.settled_at is None
    assert first.amount_vnd == 150_000
    assert first.reference != second.reference
    assert len(first.reference) >= 20
    assert first.reference.replace("-", "").replace("_", "").isalnum()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("amount_vnd", 0),
        ("purpose", ""),
        ("purpose", "x" * 121),
        ("description", " "),
        ("return_url", "//evil.example/steal"),
        ("return_url", "javascript:alert(1)"),
        ("return_url", ""),
    ],
)
def test_a_payment_with_bad_input_is_refused_per_field(make_payment, field, value):
    with pytest.raises(InvalidInput) as caught:
        make_payment(**{field: value})

    assert field in caught.value.field_errors
    assert Payment.objects.count() == 0


def test_an_absolute_https_return_address_is_accepted(make_payment):
    payment = make_payment(return_url="https://motcua.example.vn/back/?step=2")

    assert payment.return_url == "https://motcua.example.vn/back/?step=2"


@pytest.mark.parametrize(
    ("result", "status", "reason"),
    [
        ("paid", PaymentStatus.PAID, ""),
        ("failed", PaymentStatus.FAILED, "demo: simulated failure"),
        ("cancelled", PaymentStatus.CANCELLED, "demo: cancelled by the payer"),
    ],
)
def test_a_signed_answer_settles_the_payment(payment, result, status, reason):
    params = demo_answer(payment, result)

    settled = payment_settle(reference=payment.reference, params=params, now=LATER)

    payment.refresh_from_db()
    assert settled.status == payment.status == status
    assert payment.settled_at == LATER
    assert payment.gateway_transaction == params["txn"]
    assert payment.gateway_transaction.startswith("DEMO-")
    assert payment.failure_reason == reason


@pytest.mark.parametrize(
    "tamper",
    [
        {"result": "paid", "sig": "0" * 64},
        {"sig": ""},
        {"txn": "DEMO-OTHER"},
        {"result": "paid"},  # a "failed" answer turned into "paid"
    ],
)
def test_a_tampered_answer_is_refused_and_the_payment_stays_pending(payment, tamper):
    params = {**demo_answer(payment, "failed"), **tamper}

    with pytest.raises(InvalidInput) as caught:
        payment_settle(reference=payment.reference, params=params, now=LATER)

    assert "could not be verified" in str(caught.value.message)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert payment.settled_at is None


def test_an_answer_signed_for_another_payment_is_refused(make_payment):
    mine, other = make_payment(), make_payment()
    params = demo_answer(other, "paid")

    with pytest.raises(InvalidInput):
        payment_settle(reference=mine.reference, params=params, now=LATER)

    assert payment_get(mine.reference).status == PaymentStatus.PENDING
    assert payment_get(other.reference).status == PaymentStatus.PENDING


def test_an_answer_signed_with_another_secret_key_is_refused(payment, settings):
    settings.SECRET_KEY = "another-deployment-key"
    params = demo_answer(payment, "paid")
    settings.SECRET_KEY = "the-real-key-of-this-site"

    with pytest.raises(InvalidInput):
        payment_settle(reference=payment.reference, params=params, now=LATER)


def test_settling_an_unknown_reference_is_not_found(db):
    with pytest.raises(NotFound):
        payment_settle(reference="nope", params={"ref": "nope"}, now=LATER)


def test_settling_twice_with_the_same_answer_changes_nothing(payment):
    params = demo_answer(payment, "paid")
    first = payment_settle(reference=payment.reference, params=params, now=LATER)

    again = payment_settle(
        reference=payment.reference, params=params, now=LATER + timedelta(hours=1)
    )

    assert again.status == first.status == PaymentStatus.PAID
    assert again.settled_at == LATER
    assert again.gateway_transaction == first.gateway_transaction


def test_a_later_different_answer_for_a_paid_payment_is_ignored_and_logged(
    payment, caplog
):
    payment_settle(
        reference=payment.reference, params=demo_answer(payment, "paid"), now=LATER
    )

    with caplog.at_level(logging.WARNING, logger="motcua.payments.services"):
        after = payment_settle(
            reference=payment.reference,
            params=demo_answer(payment, "cancelled"),
            now=LATER + timedelta(minutes=1),
        )

    assert after.status == PaymentStatus.PAID
    assert after.failure_reason == ""
    assert payment.reference in caplog.text
    assert "ignored a later answer cancelled" in caplog.text


def test_a_late_paid_answer_after_a_failure_is_logged_as_an_error(payment, caplog):
    payment_settle(
        reference=payment.reference, params=demo_answer(payment, "failed"), now=LATER
    )

    with caplog.at_level(logging.WARNING, logger="motcua.payments.services"):
        after = payment_settle(
            reference=payment.reference,
            params=demo_answer(payment, "paid"),
            now=LATER + timedelta(minutes=1),
        )

    assert after.status == PaymentStatus.FAILED
    assert [r.levelno for r in caplog.records] == [logging.ERROR]


def test_a_still_processing_answer_leaves_the_payment_pending(slow_bank, make_payment):
    payment = make_payment()
    assert payment.gateway == "slow-bank"
    assert gateway().redirect_url(payment).startswith("https://bank.example.vn/pay/")

    after = payment_settle(reference=payment.reference, params={}, now=LATER)

    assert after.status == PaymentStatus.PENDING
    assert after.settled_at is None


def test_a_payment_made_at_another_gateway_is_not_settled_by_this_one(
    payment, settings
):
    settings.MOTCUA_PAYMENT_GATEWAY = (
        "motcua.payments.tests.test_services.SlowBankGateway"
    )

    with pytest.raises(InvalidInput) as caught:
        payment_settle(
            reference=payment.reference, params=demo_answer(payment, "paid"), now=LATER
        )

    assert "another payment gateway (demo)" in str(caught.value.message)


def test_the_demo_gateway_sends_the_payer_to_its_page(payment):
    assert DemoGateway().redirect_url(payment) == (
        f"/thanh-toan-demo/{payment.reference}/"
    )
    assert isinstance(gateway(), DemoGateway)


def test_payments_for_a_purpose_come_oldest_first(make_payment):
    second = make_payment(now=NOW + timedelta(minutes=5))
    first = make_payment()
    make_payment(purpose="fee:other")

    assert list(payments_for("fee:1b2c")) == [first, second]


def test_getting_an_unknown_payment_is_not_found(db):
    with pytest.raises(NotFound):
        payment_get("unknown")


@pytest.mark.parametrize(
    "values",
    [
        {"amount_vnd": 0},
        {"status": PaymentStatus.PAID},  # settled without a time
        {"status": "refunded"},
        {"settled_at": NOW},  # pending with a settled time
        # A refund due without a reason, or a reason without its time.
        {**SETTLED, "refund_due": True},
        {**SETTLED, "refund_reason": RefundReason.PAID_TWICE},
        {**SETTLED, "refund_reason": "whim", "refund_flagged_at": NOW},
        # A refund of money that no answer said moved.
        {"refund_reason": RefundReason.PAID_TWICE, "refund_flagged_at": NOW},
    ],
)
def test_the_database_refuses_inconsistent_rows(db, values):
    row = {
        "reference": "r1",
        "purpose": "p",
        "description": "d",
        "amount_vnd": 1000,
        "gateway": "demo",
        "return_url": "/",
        "created_at": NOW,
        **values,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(**row)


def test_a_refund_flag_with_its_reason_and_time_is_stored(db):
    row = Payment.objects.create(
        reference="r2",
        purpose="p",
        description="d",
        amount_vnd=1000,
        gateway="demo",
        return_url="/",
        created_at=NOW,
        status=PaymentStatus.CANCELLED,
        settled_at=NOW,
        refund_due=True,
        refund_reason=RefundReason.PAID_AFTER_CLOSING,
        refund_flagged_at=LATER,
    )

    assert row.get_refund_reason_display() == (
        "paid after it was settled as failed or cancelled"
    )
