"""What a paid fee does, whether the payer comes back or the gateway notifies us
server to server with the payer's browser closed: the same, and only once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from motcua.core.errors import Conflict, InvalidInput
from motcua.dossiers.inputs import FeeLine, PaperTick
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import (
    dossier_assign,
    dossier_receive,
    dossier_request_payment,
)
from motcua.payments.gateways import DemoGateway
from motcua.payments.models import Payment, PaymentStatus, RefundReason
from motcua.payments.selectors import payment_get
from motcua.submissions.fees import (
    dossier_fees_pay_start,
    dossier_fees_payment_return,
)
from motcua.submissions.models import SubmissionState
from motcua.submissions.services import (
    submission_file,
    submission_pay,
    submission_payment_return,
)
from motcua.submissions.tests.factories import NOW, OnlineWorld
from motcua.submissions.tests.test_services import ready_draft

pytestmark = pytest.mark.django_db

DEMO = DemoGateway()


def notify(payment: Payment, result: str = "paid", txn: str = "") -> None:
    """The demo bank calls the notification endpoint, as a real gateway would."""
    params = DEMO.notification_params(payment, result=result, transaction_id=txn)
    response = Client(enforce_csrf_checks=True).post("/thanh-toan/thong-bao/", params)
    assert response.json() == {"RspCode": "00", "Message": "Confirm Success"}


def back(payment: Payment, result: str = "paid", txn: str = "") -> dict[str, str]:
    """The signed answer the payer brings back."""
    return DEMO.return_params(payment, result=result, transaction_id=txn)


def pay_draft(world: OnlineWorld):
    draft = ready_draft(world)
    return draft, submission_pay(
        submission=draft, account=world.citizen, return_url="/back/", now=NOW
    )


def test_a_notification_files_the_paid_draft_with_the_browser_closed(paid_online):
    draft, payment = pay_draft(paid_online)

    notify(payment, txn="DEMO-IPN1")

    draft.refresh_from_db()
    assert draft.state == SubmissionState.SUBMITTED
    dossier = draft.dossier
    assert dossier is not None and dossier.account == paid_online.citizen
    fee = dossier.fees.get()
    assert fee.amount_vnd == 20_000 and fee.receipt_number == "DEMO-IPN1"
    # The payer comes back afterwards: the same dossier, nothing new.
    settled, same = submission_payment_return(
        submission=draft,
        account=paid_online.citizen,
        params=back(payment, txn="DEMO-IPN1"),
        now=NOW,
    )
    assert settled.status == PaymentStatus.PAID and not settled.refund_due
    assert same == dossier
    assert Dossier.objects.count() == 1


def test_the_payers_return_then_the_notification_file_the_draft_once(paid_online):
    draft, payment = pay_draft(paid_online)
    _settled, dossier = submission_payment_return(
        submission=draft, account=paid_online.citizen, params=back(payment), now=NOW
    )

    notify(payment)

    assert dossier is not None
    assert Dossier.objects.get() == dossier
    assert dossier.fees.count() == 1


def test_a_draft_paid_twice_is_filed_once_and_the_second_payment_refunded(
    paid_online,
):
    draft, first = pay_draft(paid_online)
    second = submission_pay(  # a second tab, before the first was paid
        submission=draft, account=paid_online.citizen, return_url="/back/", now=NOW
    )
    notify(first)

    _settled, dossier = submission_payment_return(
        submission=draft, account=paid_online.citizen, params=back(second), now=NOW
    )

    twice = payment_get(second.reference)
    assert twice.status == PaymentStatus.PAID
    assert twice.refund_due and twice.refund_reason == RefundReason.PAID_TWICE
    assert not payment_get(first.reference).refund_due
    assert dossier == Dossier.objects.get()
    assert (
        dossier.fees.get().receipt_number
        == payment_get(first.reference).gateway_transaction
    )


def test_a_draft_not_ready_when_paid_keeps_the_payment_for_its_filing(paid_online):
    draft, payment = pay_draft(paid_online)
    draft.applicant = {**draft.applicant, "name": ""}  # edited meanwhile
    draft.save()

    notify(payment)

    assert not payment_get(payment.reference).refund_due  # it pays this draft
    draft.refresh_from_db()
    assert draft.state == SubmissionState.DRAFT
    draft.applicant = {**draft.applicant, "name": "Trần Thị Hương"}
    draft.save()
    dossier = submission_file(submission=draft, account=paid_online.citizen, now=NOW)
    assert dossier.fees.get().amount_vnd == 20_000


def fees_asked(world: OnlineWorld, amount_vnd: int = 500_000) -> Dossier:
    """A dossier filed online, received, assigned and waiting for its fees."""
    dossier = submission_file(
        submission=ready_draft(world), account=world.citizen, now=NOW
    )
    ticks = [PaperTick(required_paper_id=item.pk) for item in world.items]
    dossier_receive(
        dossier_code=dossier.code, actor=world.officer, now=NOW, papers=ticks
    )
    dossier_assign(
        dossier_code=dossier.code,
        actor=world.division,
        now=NOW,
        assignee=world.specialist,
    )
    return ask_fee(world, dossier, amount_vnd)


def ask_fee(world: OnlineWorld, dossier: Dossier, amount_vnd: int) -> Dossier:
    dossier_request_payment(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=NOW,
        fees=[FeeLine(name="Lệ phí trước bạ", amount_vnd=amount_vnd)],
    )
    dossier.refresh_from_db()
    assert dossier.status == 6
    return dossier


def start_fees(dossier: Dossier) -> Payment:
    return dossier_fees_pay_start(dossier=dossier, return_url="/back/", now=NOW)


def test_a_notification_marks_the_fees_paid_and_the_clock_resumes(online):
    dossier = fees_asked(online)
    payment = start_fees(dossier)

    notify(payment, txn="DEMO-FEES1")

    dossier.refresh_from_db()
    assert dossier.status == 4  # processing again: the clock resumes
    fee = dossier.fees.get()
    assert fee.paid_at is not None and fee.receipt_number == "DEMO-FEES1"
    event = dossier.events.filter(action="record_payment").get()
    assert event.actor == online.citizen and event.actor_role == "applicant"
    # The payer comes back afterwards: told it is paid, nothing recorded twice.
    settled, paid = dossier_fees_payment_return(
        dossier=dossier,
        account=online.citizen,
        params=back(payment, txn="DEMO-FEES1"),
        now=NOW,
    )
    assert paid and not settled.refund_due
    assert dossier.events.filter(action="record_payment").count() == 1


def test_the_payers_return_then_the_notification_record_the_fees_once(online):
    dossier = fees_asked(online)
    payment = start_fees(dossier)
    _settled, paid = dossier_fees_payment_return(
        dossier=dossier, account=online.citizen, params=back(payment), now=NOW
    )

    notify(payment)

    assert paid
    assert dossier.events.filter(action="record_payment").count() == 1


def test_fees_paid_twice_are_recorded_once_and_the_second_payment_refunded(online):
    dossier = fees_asked(online)
    first, second = start_fees(dossier), start_fees(dossier)
    assert first.purpose == second.purpose  # the same round of fees
    notify(first)

    notify(second)

    twice = payment_get(second.reference)
    assert twice.refund_due and twice.refund_reason == RefundReason.PAID_TWICE
    assert dossier.events.filter(action="record_payment").count() == 1
    _settled, paid = dossier_fees_payment_return(
        dossier=dossier, account=online.citizen, params=back(second), now=NOW
    )
    assert paid  # the fees are paid (by the first payment)


def test_fees_changed_while_paying_leave_the_payment_for_refund(online):
    dossier = fees_asked(online)
    payment = start_fees(dossier)
    dossier.fees.update(amount_vnd=600_000)  # the agency corrected the fee

    notify(payment)

    refused = payment_get(payment.reference)
    assert refused.status == PaymentStatus.PAID
    assert refused.refund_due and refused.refund_reason == RefundReason.NOT_COUNTED
    dossier.refresh_from_db()
    assert dossier.status == 6 and dossier.fees.get().paid_at is None
    # The notification was an HTTP request: it left its language active.
    with translation.override("en"), pytest.raises(Conflict, match="will be refunded"):
        dossier_fees_payment_return(
            dossier=dossier, account=online.citizen, params=back(payment), now=NOW
        )


def test_a_later_round_of_fees_is_paid_on_its_own(online):
    dossier = fees_asked(online)
    first = start_fees(dossier)
    notify(first)
    dossier = ask_fee(online, dossier, 70_000)

    second = start_fees(dossier)
    notify(second)

    assert second.purpose != first.purpose
    assert not payment_get(second.reference).refund_due
    dossier.refresh_from_db()
    assert dossier.status == 4
    assert not dossier.fees.filter(paid_at__isnull=True).exists()


def test_a_payment_of_another_dossier_is_refused_on_return(online):
    dossier = fees_asked(online)
    payment = start_fees(dossier)
    Payment.objects.filter(pk=payment.pk).update(purpose="dossier-fees:OTHER-1:1")

    with pytest.raises(InvalidInput, match="belongs to another dossier"):
        dossier_fees_payment_return(
            dossier=dossier, account=online.citizen, params=back(payment), now=NOW
        )
