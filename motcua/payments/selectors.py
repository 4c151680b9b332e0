"""Reads of payments."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from motcua.core.errors import NotFound
from motcua.payments.models import Payment


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
