"""What a confirmed payment does: one handler per kind of purpose.

Payments know nothing of what they pay for. The app that opens payments of a kind
(the part of ``purpose`` before the first ``:``, e.g. ``submission`` in
``submission:<uuid>``) registers, in its ``AppConfig.ready()``, the function that
counts a payment of that kind once the gateway confirms it (files the draft, marks
the dossier's fees paid and resumes its clock).

Settling calls it exactly once per payment, in the settling transaction and under
its row lock, whichever way the answer came: the payer's return or the gateway's
notification. A handler returns whether the payment counted; a payment that did
not (its purpose was paid otherwise, changed or is gone) is flagged for refund. A
handler that raises rolls the settlement back, so a payment is never left paid
with nothing done (the gateway, or the payer reloading, tries again).
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from motcua.payments.models import Payment


class PaidHandler(Protocol):
    def __call__(self, *, payment: Payment, now: datetime) -> bool:
        """Count ``payment``, just settled as paid; return whether it counted."""


_HANDLERS: dict[str, PaidHandler] = {}


def kind_of(purpose: str) -> str:
    """Return the kind of a purpose: what comes before its first ``:``."""
    return purpose.partition(":")[0]


def paid_handler_register(*, kind: str, handler: PaidHandler) -> None:
    """Make ``handler`` count the payments whose purpose is of ``kind``.

    Raises:
        ValueError: another handler is registered for ``kind`` already.
    """
    registered = _HANDLERS.setdefault(kind, handler)
    if registered is not handler:
        raise ValueError(f"payments of kind {kind!r} already have a handler")


def paid_handler_of(purpose: str) -> PaidHandler | None:
    """Return the handler of ``purpose``'s kind (None: nothing more to do)."""
    return _HANDLERS.get(kind_of(purpose))
