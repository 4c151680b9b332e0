"""Staff see payments read-only; a deployment is warned off the demo gateway."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.urls import reverse

from motcua.payments.checks import demo_gateway_check
from motcua.payments.models import Payment, PaymentStatus, RefundReason
from motcua.payments.tests.conftest import NOW

pytestmark = pytest.mark.urls("motcua.payments.tests.admin_urls")


def test_payments_are_listed_and_shown_but_cannot_be_added_or_edited(
    admin_client, payment
):
    listing = admin_client.get(reverse("admin:payments_payment_changelist"))
    page = admin_client.get(reverse("admin:payments_payment_change", args=[payment.pk]))
    add = admin_client.get(reverse("admin:payments_payment_add"))
    edit = admin_client.post(
        reverse("admin:payments_payment_change", args=[payment.pk]),
        {"status": "paid"},
    )

    assert listing.status_code == 200
    assert payment.reference in listing.content.decode()
    assert page.status_code == 200
    assert "Lệ phí đăng ký hộ kinh doanh" in page.content.decode()
    assert add.status_code == 403
    assert edit.status_code == 403
    payment.refresh_from_db()
    assert payment.status == "pending"


def test_staff_filter_the_payments_due_for_refund_and_see_why(
    admin_client, make_payment
):
    kept, twice = make_payment(), make_payment()
    Payment.objects.filter(pk=twice.pk).update(
        status=PaymentStatus.PAID,
        settled_at=NOW,
        gateway_transaction="DEMO-TWICE",
        refund_due=True,
        refund_reason=RefundReason.PAID_TWICE,
        refund_transaction="DEMO-TWICE",
        refund_flagged_at=NOW,
    )
    listing = reverse("admin:payments_payment_changelist")
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # chose English

    due = admin_client.get(listing, {"refund_due__exact": "1"}).content.decode()
    page = admin_client.get(reverse("admin:payments_payment_change", args=[twice.pk]))

    assert twice.reference in due
    assert kept.reference not in due
    assert "refund_reason__exact=paid_twice" in due  # a filter by reason too
    assert "paid twice: the purpose was already paid" in page.content.decode()
    assert "DEMO-TWICE" in page.content.decode()


def test_the_deploy_check_warns_while_the_demo_gateway_is_set(settings):
    warnings = demo_gateway_check()
    assert [w.id for w in warnings] == ["motcua.payments.W001"]
    assert "motcua.payments.W001" in [
        m.id for m in run_checks(include_deployment_checks=True, tags=["security"])
    ]

    settings.MOTCUA_PAYMENT_GATEWAY = "motcua.payments.tests.test_services.SlowBank"
    assert demo_gateway_check() == []


def test_the_demo_gateway_check_is_only_for_deployments():
    assert "motcua.payments.W001" not in [m.id for m in run_checks(tags=["security"])]
