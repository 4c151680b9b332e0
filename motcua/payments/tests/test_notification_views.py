"""The gateway's server-to-server notification over HTTP, signed by the demo bank."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import timedelta

import pytest
from django.test import Client

from motcua.core.errors import Conflict
from motcua.payments.gateways import DemoGateway, GatewayNotification, GatewayOutcome
from motcua.payments.models import Payment, PaymentStatus, RefundReason
from motcua.payments.selectors import payment_counted_for, payment_get
from motcua.payments.services import payment_settle
from motcua.payments.tests.conftest import NOW, demo_answer, demo_notification

URL = "/thanh-toan/thong-bao/"
LATER = NOW + timedelta(minutes=4)
CONFIRMED = {"RspCode": "00", "Message": "Confirm Success"}
NOT_FOUND = {"RspCode": "01", "Message": "Order not found"}
INVALID_AMOUNT = {"RspCode": "04", "Message": "Invalid amount"}
INVALID_SIGNATURE = {"RspCode": "97", "Message": "Invalid signature"}
UNKNOWN_ERROR = {"RspCode": "99", "Message": "Unknown error"}


@pytest.fixture
def bank() -> Client:
    """The gateway's server: no session, no CSRF token, CSRF checks on."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def counted(make_payment, counting) -> Payment:
    payment: Payment = make_payment(purpose="counted:draft-1")
    return payment


def notify(bank: Client, params: Mapping[str, str]) -> dict[str, str]:
    response = bank.post(URL, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies  # neither a session nor a CSRF cookie
    answer: dict[str, str] = response.json()
    return answer


def unchanged(payment: Payment) -> bool:
    """Whether the stored row is still as ``payment`` was read."""
    stored = Payment.objects.get(pk=payment.pk)
    fields = ("status", "settled_at", "gateway_transaction", "refund_due")
    return all(getattr(stored, f) == getattr(payment, f) for f in fields)


def test_a_paid_notification_settles_the_payment_with_the_browser_closed(
    bank, counted, counting
):
    params = demo_notification(counted, "paid")

    assert notify(bank, params) == CONFIRMED

    payment = payment_get(counted.reference)
    assert payment.status == PaymentStatus.PAID
    assert payment.gateway_transaction == params["txn"]
    assert payment.settled_at is not None
    assert not payment.refund_due
    assert counting.seen == [payment.reference]  # what follows a payment happened
    assert payment_counted_for("counted:draft-1") == payment


@pytest.mark.parametrize(
    ("result", "status"),
    [("failed", PaymentStatus.FAILED), ("cancelled", PaymentStatus.CANCELLED)],
)
def test_a_failed_or_cancelled_notification_settles_without_counting(
    bank, counted, counting, result, status
):
    assert notify(bank, demo_notification(counted, result)) == CONFIRMED

    payment = payment_get(counted.reference)
    assert payment.status == status
    assert payment.failure_reason.startswith("demo: ")
    assert counting.seen == []


def test_a_notification_in_the_query_string_is_accepted_as_vnpay_sends_it(
    bank, counted
):
    response = bank.get(URL, demo_notification(counted, "paid"))

    assert response.status_code == 200
    assert response.json() == CONFIRMED
    assert payment_get(counted.reference).status == PaymentStatus.PAID


def test_a_notification_as_a_json_object_is_accepted(bank, counted):
    response = bank.post(
        URL,
        json.dumps(demo_notification(counted, "paid")),
        content_type="application/json",
    )

    assert response.json() == CONFIRMED
    assert payment_get(counted.reference).status == PaymentStatus.PAID


@pytest.mark.parametrize(
    "tamper",
    [
        {"sig": "0" * 64},  # forged
        {"sig": ""},  # unsigned
        {"result": "paid"},  # a "failed" turned into "paid"
        {"txn": "DEMO-OTHER"},
        {"ref": "another-reference"},
    ],
)
def test_a_forged_notification_is_refused_and_changes_nothing(
    bank, counted, counting, tamper, caplog
):
    params = {**demo_notification(counted, "failed"), **tamper}

    with caplog.at_level(logging.WARNING, logger="motcua.payments"):
        assert notify(bank, params) == INVALID_SIGNATURE

    assert unchanged(counted)
    assert counting.seen == []
    assert "refused (97 Invalid signature)" in caplog.text


@pytest.mark.parametrize(
    "body",
    [{}, {"ref": "x"}, {"ref": "x", "result": "paid", "txn": "t", "sig": "s"}],
)
def test_an_unsigned_notification_is_refused_before_any_lookup(bank, db, body):
    assert notify(bank, body) == INVALID_SIGNATURE


@pytest.mark.parametrize("body", ["not json", "[1, 2]", '"paid"'])
def test_a_notification_that_is_not_a_json_object_is_refused(bank, db, body):
    response = bank.post(URL, body, content_type="application/json")

    assert response.status_code == 200
    assert response.json() == INVALID_SIGNATURE


def test_a_signed_notification_of_an_unknown_reference_is_not_found(bank, db):
    demo = DemoGateway()
    params = {"ref": "no-such-payment", "result": "paid", "txn": "DEMO-1"}
    params["sig"] = demo.signature(
        reference="no-such-payment", result="paid", transaction_id="DEMO-1"
    )

    assert notify(bank, params) == NOT_FOUND
    assert Payment.objects.count() == 0


def test_a_notification_for_a_payment_at_another_gateway_is_refused(bank, counted):
    Payment.objects.filter(pk=counted.pk).update(gateway="real-bank")

    assert notify(bank, demo_notification(counted, "paid")) == UNKNOWN_ERROR
    assert payment_get(counted.reference).status == PaymentStatus.PENDING


class AmountBank(DemoGateway):
    """The demo bank, telling the amount in its notification (as VNPay does)."""

    def verify_notification(self, params: Mapping[str, str]) -> GatewayNotification:
        notification = super().verify_notification(params)
        outcome = GatewayOutcome(
            status=notification.outcome.status,
            transaction_id=notification.outcome.transaction_id,
            amount_vnd=int(params["amount"]),
        )
        return GatewayNotification(reference=notification.reference, outcome=outcome)


def test_a_notification_of_another_amount_is_refused(bank, counted, settings):
    settings.MOTCUA_PAYMENT_GATEWAY = (
        "motcua.payments.tests.test_notification_views.AmountBank"
    )
    params = demo_notification(counted, "paid")

    assert notify(bank, {**params, "amount": "1000"}) == INVALID_AMOUNT
    assert payment_get(counted.reference).status == PaymentStatus.PENDING

    assert notify(bank, {**params, "amount": "150000"}) == CONFIRMED
    assert payment_get(counted.reference).status == PaymentStatus.PAID


def test_a_repeated_notification_answers_ok_and_changes_nothing(
    bank, counted, counting
):
    params = demo_notification(counted, "paid")
    assert notify(bank, params) == CONFIRMED
    first = payment_get(counted.reference)

    assert notify(bank, params) == CONFIRMED
    assert notify(bank, params) == CONFIRMED

    assert unchanged(first)
    assert payment_get(counted.reference).settled_at == first.settled_at
    assert counting.seen == [counted.reference]  # counted once


def test_a_notification_then_the_payers_return_count_the_payment_once(
    bank, counted, counting
):
    txn = "DEMO-BOTH1"
    params = demo_notification(counted, "paid", transaction_id=txn)
    assert notify(bank, params) == CONFIRMED
    settled = payment_get(counted.reference)

    back = payment_settle(
        reference=counted.reference,
        params=demo_answer(counted, "paid", transaction_id=txn),
        now=LATER,
    )

    assert back.status == PaymentStatus.PAID
    assert back.settled_at == settled.settled_at
    assert not back.refund_due
    assert counting.seen == [counted.reference]


def test_the_payers_return_then_a_notification_count_the_payment_once(
    bank, counted, counting
):
    params = demo_answer(counted, "paid")
    payment_settle(reference=counted.reference, params=params, now=LATER)
    settled = payment_get(counted.reference)
    assert counting.seen == [counted.reference]  # the browser path counts it too

    assert notify(bank, params) == CONFIRMED

    assert unchanged(settled)
    assert counting.seen == [counted.reference]


def test_a_second_payment_of_a_purpose_already_paid_is_flagged_for_refund(
    bank, make_payment, counting
):
    first = make_payment(purpose="counted:draft-1")
    second = make_payment(purpose="counted:draft-1")  # a second tab, say
    payment_settle(
        reference=first.reference, params=demo_answer(first, "paid"), now=LATER
    )
    params = demo_notification(second, "paid")

    assert notify(bank, params) == CONFIRMED

    twice = payment_get(second.reference)
    assert twice.status == PaymentStatus.PAID
    assert twice.refund_due
    assert twice.refund_reason == RefundReason.PAID_TWICE
    assert twice.refund_transaction == params["txn"]
    assert twice.refund_flagged_at is not None
    assert not payment_get(first.reference).refund_due
    # Never counted as paying the fee twice.
    assert counting.seen == [first.reference]
    assert payment_counted_for("counted:draft-1") == first
    # Repeated, it changes nothing more.
    assert notify(bank, params) == CONFIRMED
    assert unchanged(twice)
    assert payment_get(second.reference).refund_flagged_at == twice.refund_flagged_at


def test_a_second_payment_by_the_payers_return_is_flagged_as_well(
    bank, make_payment, counting
):
    first = make_payment(purpose="counted:draft-1")
    second = make_payment(purpose="counted:draft-1")
    assert notify(bank, demo_notification(first, "paid")) == CONFIRMED

    twice = payment_settle(
        reference=second.reference, params=demo_answer(second, "paid"), now=LATER
    )

    assert twice.refund_due
    assert twice.refund_reason == RefundReason.PAID_TWICE
    assert counting.seen == [first.reference]


def test_a_payment_after_a_failed_one_of_the_same_purpose_counts(
    bank, make_payment, counting
):
    failed = make_payment(purpose="counted:draft-1")
    again = make_payment(purpose="counted:draft-1")
    assert notify(bank, demo_notification(failed, "failed")) == CONFIRMED

    assert notify(bank, demo_notification(again, "paid")) == CONFIRMED

    assert not payment_get(again.reference).refund_due
    assert counting.seen == [again.reference]


@pytest.mark.parametrize("closed", ["failed", "cancelled"])
def test_a_late_paid_notification_after_a_failure_is_flagged_for_refund(
    bank, counted, counting, closed
):
    payment_settle(
        reference=counted.reference, params=demo_answer(counted, closed), now=LATER
    )
    params = demo_notification(counted, "paid")

    assert notify(bank, params) == CONFIRMED

    late = payment_get(counted.reference)
    assert late.status == closed  # the fee is still not paid by it
    assert late.refund_due
    assert late.refund_reason == RefundReason.PAID_AFTER_CLOSING
    assert late.refund_transaction == params["txn"]
    assert late.gateway_transaction != params["txn"]  # the closing answer's
    assert counting.seen == []
    assert payment_counted_for("counted:draft-1") is None
    # Repeated, it changes nothing more.
    assert notify(bank, params) == CONFIRMED
    assert payment_get(counted.reference).refund_flagged_at == late.refund_flagged_at


def test_a_late_paid_return_after_a_failed_notification_is_flagged(bank, counted):
    assert notify(bank, demo_notification(counted, "failed")) == CONFIRMED

    late = payment_settle(
        reference=counted.reference, params=demo_answer(counted, "paid"), now=LATER
    )

    assert late.status == PaymentStatus.FAILED
    assert late.refund_reason == RefundReason.PAID_AFTER_CLOSING


def test_a_late_failure_after_a_payment_is_only_logged(bank, counted, caplog):
    assert notify(bank, demo_notification(counted, "paid")) == CONFIRMED

    with caplog.at_level(logging.WARNING, logger="motcua.payments.services"):
        assert notify(bank, demo_notification(counted, "cancelled")) == CONFIRMED

    payment = payment_get(counted.reference)
    assert payment.status == PaymentStatus.PAID
    assert not payment.refund_due
    assert "ignored a later answer cancelled" in caplog.text


def test_a_payment_its_purpose_does_not_count_is_flagged_for_refund(
    bank, counted, counting
):
    counting.counts = False  # e.g. the fees were paid at the counter meanwhile

    assert notify(bank, demo_notification(counted, "paid")) == CONFIRMED

    payment = payment_get(counted.reference)
    assert payment.status == PaymentStatus.PAID
    assert payment.refund_reason == RefundReason.NOT_COUNTED
    assert payment_counted_for("counted:draft-1") is None


def test_a_handler_that_refuses_rolls_the_settlement_back(bank, counted, counting):
    counting.error = Conflict("not now")

    assert notify(bank, demo_notification(counted, "paid")) == UNKNOWN_ERROR

    assert unchanged(counted)  # still pending: the gateway will try again
    counting.error = None
    assert notify(bank, demo_notification(counted, "paid")) == CONFIRMED
    assert payment_get(counted.reference).status == PaymentStatus.PAID


def test_a_payment_of_a_kind_without_handler_is_settled_and_counted(bank, payment):
    assert payment.purpose == "fee:1b2c"

    assert notify(bank, demo_notification(payment, "paid")) == CONFIRMED

    assert payment_counted_for("fee:1b2c") == payment_get(payment.reference)


def test_other_methods_are_not_allowed(bank, db):
    assert bank.put(URL).status_code == 405
    assert bank.delete(URL).status_code == 405


def test_a_notification_ignores_any_session_it_is_sent_with(
    bank, counted, django_user_model
):
    user = django_user_model.objects.create_user(username="bystander", password="x")
    bank.force_login(user)

    response = bank.post(URL, demo_notification(counted, "paid"))

    assert response.json() == CONFIRMED
    assert not response.cookies
    assert payment_get(counted.reference).status == PaymentStatus.PAID
