"""Worklists of the staff menu: counts per kind, and each list paged.

The lists and counts come from ``dossiers.selectors`` (scoped to the caller,
ordered with a tiebreaker, on time / due soon / overdue derived at query time).
"""

from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from motcua.api.auth import staff_auth
from motcua.api.dossiers import DossierSummaryOut, staff_user
from motcua.dossiers.selectors import (
    WorklistKind,
    dossier_worklist,
    dossier_worklist_counts,
)

router = Router(auth=staff_auth)


class WorklistCountOut(Schema):
    kind: str
    label: str
    count: int


class WorklistQuery(Schema):
    order: Literal["deadline", "-deadline", "received", "-received", "code"] = (
        "deadline"
    )
    q: str = ""


@router.get(
    "", response=list[WorklistCountOut], summary="How many dossiers in each worklist"
)
def worklist_counts(request: HttpRequest) -> list[WorklistCountOut]:
    counts = dossier_worklist_counts(user=staff_user(request), now=timezone.now())
    return [
        WorklistCountOut(kind=kind, label=str(label), count=counts[kind])
        for kind, label in WorklistKind.choices
    ]


@router.get(
    "/{kind}",
    response=list[DossierSummaryOut],
    summary="One worklist, soonest deadline first by default",
)
@paginate(LimitOffsetPagination)
def worklist(request: HttpRequest, kind: str, filters: Query[WorklistQuery]) -> object:
    """``kind``: mine, unit, other_agency, due_soon, overdue, paused (422 otherwise).
    ``order=deadline`` sorts by time left; ``q`` narrows by code, name or ID."""
    return dossier_worklist(
        user=staff_user(request),
        kind=kind,
        now=timezone.now(),
        order=filters.order,
        query=filters.q,
    )
