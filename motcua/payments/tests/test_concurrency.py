"""Answers at once, on PostgreSQL: one payment settles once and counts once (the
payer's return racing the gateway's notification), and of two payments of one
purpose only one counts.

Skipped on SQLite, where writers are serialised and the race cannot happen.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection

from motcua.payments.models import Payment, PaymentStatus, RefundReason
from motcua.payments.services import payment_settle, payment_settle_notification
from motcua.payments.tests.conftest import NOW, demo_answer, demo_notification

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks"
    ),
]


def settle_at_once(reference: str, answers: list[dict[str, str]]) -> list[object]:
    """Settle ``reference`` with each answer, in threads started together."""
    barrier = threading.Barrier(len(answers))
    results: list[object] = [None] * len(answers)

    def settle(index: int) -> None:
        try:
            barrier.wait()
            results[index] = payment_settle(
                reference=reference,
                params=answers[index],
                now=NOW + timedelta(seconds=index),
            )
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=settle, args=(i,)) for i in range(len(answers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.parametrize("attempt", range(5))
def test_a_paid_and_a_cancelled_answer_at_once_settle_the_payment_once(
    make_payment, attempt
):
    payment = make_payment()
    answers = [demo_answer(payment, "paid"), demo_answer(payment, "cancelled")]

    results = settle_at_once(payment.reference, answers)

    assert all(isinstance(r, Payment) for r in results), results
    payment.refresh_from_db()
    assert payment.status in (PaymentStatus.PAID, PaymentStatus.CANCELLED)
    # Both callers were told the one status that was stored.
    assert [r.status for r in results] == [payment.status] * 2  # type: ignore[attr-defined]
    winner = answers[0] if payment.status == PaymentStatus.PAID else answers[1]
    assert payment.gateway_transaction == winner["txn"]
    assert payment.settled_at is not None


def test_many_copies_of_one_answer_at_once_all_see_it_paid(make_payment):
    payment = make_payment()
    answer = demo_answer(payment, "paid")

    results = settle_at_once(payment.reference, [answer] * 6)

    assert {r.status for r in results} == {PaymentStatus.PAID}  # type: ignore[attr-defined]
    payment.refresh_from_db()
    # The losers waited for the winner's lock and read its settlement.
    assert {r.settled_at for r in results} == {payment.settled_at}  # type: ignore[attr-defined]


def race(*calls: Callable[[], Payment]) -> list[object]:
    """Run each call in its own thread, all started together."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = calls[index]()
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.parametrize("attempt", range(3))
def test_a_notification_and_the_payers_return_at_once_count_the_payment_once(
    make_payment, counting, attempt
):
    payment = make_payment(purpose="counted:draft-1")
    notification = demo_notification(payment, "paid", transaction_id="DEMO-RACE")
    answer = demo_answer(payment, "paid", transaction_id="DEMO-RACE")

    results = race(
        lambda: payment_settle_notification(params=notification, now=NOW),
        lambda: payment_settle(reference=payment.reference, params=answer, now=NOW),
    )

    assert all(isinstance(r, Payment) for r in results), results
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and not payment.refund_due
    assert counting.seen == [payment.reference]


@pytest.mark.parametrize("attempt", range(3))
def test_two_payments_of_one_purpose_paid_at_once_count_once(
    make_payment, counting, attempt
):
    first = make_payment(purpose="counted:draft-1")
    second = make_payment(purpose="counted:draft-1")
    notices = [demo_notification(p, "paid") for p in (first, second)]

    results = race(
        lambda: payment_settle_notification(params=notices[0], now=NOW),
        lambda: payment_settle_notification(params=notices[1], now=NOW),
    )

    assert all(isinstance(r, Payment) for r in results), results
    rows = list(Payment.objects.filter(purpose="counted:draft-1").order_by("id"))
    assert {r.status for r in rows} == {PaymentStatus.PAID}
    assert sorted(r.refund_due for r in rows) == [False, True]
    (refunded,) = (r for r in rows if r.refund_due)
    assert refunded.refund_reason == RefundReason.PAID_TWICE
    (counted,) = (r for r in rows if not r.refund_due)
    assert counting.seen == [counted.reference]
