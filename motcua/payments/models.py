"""One online payment of a fee through a payment gateway.

Payments know nothing of dossiers or submissions: the caller names what is paid for
in ``purpose`` (an opaque key such as ``submission:<uuid>``) and reads the status
back. A payment is created pending and settled exactly once, from the gateway's
signed answer (the payer's return or the gateway's notification).

Money the gateway took that no fee counts is flagged ``refund_due``: a second
payment of a purpose already paid, a payment whose purpose could not take it, and
a "paid" answer for a payment settled as failed or cancelled. Staff find these in
the admin and refund them (or reconcile them with the gateway's statement).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("waiting for payment")  # sent to the gateway, no answer yet
    PAID = "paid", _("paid")  # the gateway confirmed the money moved
    FAILED = "failed", _("failed")  # the gateway refused or the payment failed
    CANCELLED = "cancelled", _("cancelled")  # the payer gave up at the gateway


class RefundReason(models.TextChoices):
    # Another payment of the same purpose had already been counted.
    PAID_TWICE = "paid_twice", _("paid twice: the purpose was already paid")
    # Paid, but what it was for had been paid otherwise, changed or gone.
    NOT_COUNTED = "not_counted", _("paid, but nothing was left to pay at this amount")
    # The gateway said "paid" after the payment was settled as failed or cancelled.
    PAID_AFTER_CLOSING = (
        "paid_after_closing",
        _("paid after it was settled as failed or cancelled"),
    )


class Payment(models.Model):
    """A fee the payer is asked to pay once, at one gateway."""

    # Our id, sent to the gateway and back; random so it cannot be guessed.
    reference = models.CharField(_("reference"), max_length=64, unique=True)
    purpose = models.CharField(_("purpose"), max_length=120, db_index=True)
    description = models.CharField(_("description"), max_length=300)
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))
    gateway = models.CharField(_("gateway"), max_length=40)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PaymentStatus.choices,
        default=PaymentStatus.PENDING,
    )
    gateway_transaction = models.CharField(
        _("gateway transaction"), max_length=100, blank=True
    )
    failure_reason = models.CharField(_("failure reason"), max_length=300, blank=True)
    return_url = models.CharField(_("return address"), max_length=500)
    created_at = models.DateTimeField(_("created at"))
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    # Money to give back: never counted as paying the purpose (see the module).
    refund_due = models.BooleanField(_("refund due"), default=False)
    refund_reason = models.CharField(
        _("refund reason"), max_length=20, choices=RefundReason.choices, blank=True
    )
    # The gateway's transaction that took the money to give back.
    refund_transaction = models.CharField(
        _("transaction to refund"), max_length=100, blank=True
    )
    refund_flagged_at = models.DateTimeField(
        _("refund flagged at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_vnd__gt=0), name="payment_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(status__in=PaymentStatus.values),
                name="payment_status_known",
            ),
            # Settled exactly when no longer pending.
            models.CheckConstraint(
                condition=(
                    Q(status=PaymentStatus.PENDING, settled_at__isnull=True)
                    | (~Q(status=PaymentStatus.PENDING) & Q(settled_at__isnull=False))
                ),
                name="payment_settled_when_not_pending",
            ),
            models.CheckConstraint(
                condition=Q(refund_reason__in=["", *RefundReason.values]),
                name="payment_refund_reason_known",
            ),
            # A reason and its time together; a refund is due only with them, and
            # only once the payment is settled.
            models.CheckConstraint(
                condition=(
                    Q(refund_reason="", refund_flagged_at__isnull=True)
                    | (
                        ~Q(refund_reason="")
                        & Q(refund_flagged_at__isnull=False)
                        & ~Q(status=PaymentStatus.PENDING)
                    )
                ),
                name="payment_refund_reason_has_time",
            ),
            models.CheckConstraint(
                condition=Q(refund_due=False) | ~Q(refund_reason=""),
                name="payment_refund_due_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.amount_vnd} VND ({self.status})"
