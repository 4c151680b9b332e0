"""The dossier's public view, kept on its row by every change of its history.

Public tracking is the page the public hits most (every slip carries its QR).
So that a lookup by code costs what a lookup by primary key costs, what the
public may see that is not already a column of the dossier (the steps, what the
citizen must do, the apology's reason) is written into ``Dossier.public_view``
by the one writer of events (``events.event_record``), in the same transaction
as the change: the view can never disagree with the history it was written
with, and no job has to run for it (ADR 0012).

What depends on the time of the lookup (time left, on time / due soon /
overdue) or on tables that change on their own (procedure names, the service
point's address, the holiday calendar, notices) is not stored: the read derives
it (``dossiers.public``).

The view holds labels as codes (actions, the todo's kind), never translated
text, so one view serves every language.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier, DossierApology, DossierEvent, DossierFee
from motcua.dossiers.payloads import (
    EventPayload,
    PapersAsked,
    PapersAskedAtReception,
    items_asked,
)
from motcua.dossiers.workflow import SUPPLEMENT_REQUESTS, DossierAction

# Raised when the shape changes: a row of another version is rebuilt on read.
VIEW_VERSION = 1


def todo_kind_of(status: int) -> str:
    """What the citizen must do in ``status`` (``public.TodoKind`` values)."""
    return {
        DossierStatus.SUPPLEMENT_REQUESTED: "supplement",
        DossierStatus.FINANCIAL_OBLIGATION: "pay",
        DossierStatus.PROCESSED: "collect",
    }.get(DossierStatus(status), "nothing")


def latest_supplement_request(dossier: Dossier) -> DossierEvent | None:
    """The dossier's latest supplement request (either kind), if any."""
    return (
        DossierEvent.objects.filter(dossier=dossier, action__in=SUPPLEMENT_REQUESTS)
        .order_by("-sequence", "-id")
        .first()
    )


def latest_items_asked(dossier: Dossier) -> tuple[str, ...]:
    """The papers the latest supplement request asked for (form 02 lists them)."""
    event = latest_supplement_request(dossier)
    return items_asked(event) if event is not None else ()


def _fees_unpaid(dossier: Dossier) -> list[list[object]]:
    unpaid = DossierFee.objects.filter(dossier=dossier, paid_at__isnull=True)
    return [
        [name, amount]
        for name, amount in unpaid.order_by("id").values_list("name", "amount_vnd")
    ]


def public_view_build(dossier: Dossier) -> dict[str, Any]:
    """What the public view of ``dossier`` holds, read from its history now."""
    events = DossierEvent.objects.filter(dossier=dossier).order_by("sequence", "id")
    kind = todo_kind_of(dossier.status)
    items: tuple[str, ...] = ()
    fees: list[list[object]] = []
    if kind == "supplement":
        items = latest_items_asked(dossier)
    elif kind == "pay":
        fees = _fees_unpaid(dossier)
    reason = (
        DossierApology.objects.filter(dossier=dossier)
        .values_list("reason", flat=True)
        .first()
    )
    return {
        "version": VIEW_VERSION,
        "steps": [
            [action, timezone.localtime(at).isoformat()]
            for action, at in events.values_list("action", "at")
        ],
        "todo": {"kind": kind, "items": list(items), "fees": fees},
        "apology_reason": reason or "",
    }


def public_view_refresh(dossier: Dossier) -> None:
    """Write ``dossier``'s public view from its whole history."""
    dossier.public_view = public_view_build(dossier)
    Dossier.objects.filter(pk=dossier.pk).update(public_view=dossier.public_view)


def public_view_follow(
    dossier: Dossier, event: DossierEvent, payload: EventPayload
) -> None:
    """Write ``dossier``'s public view after ``event`` (inside the event's
    transaction, with the row locked).

    The view before the event plus the event itself give the new one, so an
    event costs one UPDATE (and a query only for the fees asked or an apology's
    reason); a view that does not end just before ``event`` is rebuilt whole.
    The tests check that both ways give the same view after every action.
    """
    old = dossier.public_view
    if old.get("version") != VIEW_VERSION or len(old["steps"]) != event.sequence - 1:
        public_view_refresh(dossier)
        return
    kind = todo_kind_of(dossier.status)
    items: list[str] = []
    fees: list[list[object]] = []
    if kind == "supplement":
        if isinstance(payload, PapersAsked | PapersAskedAtReception):
            items = list(payload.items)
        elif old["todo"]["kind"] == "supplement":
            items = list(old["todo"]["items"])
        else:
            items = list(latest_items_asked(dossier))
    elif kind == "pay":
        fees = _fees_unpaid(dossier)
    reason = old["apology_reason"]
    if event.action == DossierAction.APOLOGISE:
        reason = event.note  # the apology's reason is the event's note
    dossier.public_view = {
        "version": VIEW_VERSION,
        "steps": [
            *old["steps"],
            [event.action, timezone.localtime(event.at).isoformat()],
        ],
        "todo": {"kind": kind, "items": items, "fees": fees},
        "apology_reason": reason,
    }
    Dossier.objects.filter(pk=dossier.pk).update(public_view=dossier.public_view)
