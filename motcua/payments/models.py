"""One online payment of a fee through a payment gateway.

Payments know nothing of dossiers or submissions: the caller names what is paid for
in ``purpose`` (an opaque key such as ``submission:<uuid>``) and reads the status
back. A payment is created pending and settled exactly once, from the gateway's
signed answer.
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


class Payment(models.Model):
    """A fee the payer is asked to pay once, at one gateway."""

    # Our id, sent to the gateway and back; random so it cannot be guessed.
    reference = models.CharField(_("reference"), max_length=64, unique=True)
    purpose = models.CharField(_("purpose"), max_length=80, db_index=True)
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
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.amount_vnd} VND ({self.status})"
