"""Reads of payments."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from motcua.core.errors import NotFound
from motcua.payments.models import Payment, PaymentStatus


def payment_get(reference: str) -> Payment:
    """Return the payment with ``reference``.

    Raises:
        NotFound: no payment has this reference.
    """
    payment = Payment.objects.filter(reference=reference).first()
    if payment is None:
        raise NotFound(_("This payment does not exist."))
    return payment


def payments_for(purpose: str) -> QuerySet[Payment]:
    """Return the payments made for ``purpose``, oldest first."""
    return Payment.objects.filter(purpose=purpose).order_by("created_at", "id")


def payment_counted_for(purpose: str) -> Payment | None:
    """Return the payment that paid ``purpose`` (None: not paid yet).

    The first one settled as paid and not due for refund: a second payment of a
    purpose never counts as paying it twice.
    """
    return (
        payments_for(purpose)
        .filter(status=PaymentStatus.PAID, refund_due=False)
        .order_by("settled_at", "id")
        .first()
    )
