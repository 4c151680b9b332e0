"""Public progress boards as JSON, without authentication (issue §5).

``GET /api/v1/public/boards/{scope}/{code}``: the same figures as the portal's
board of a service point (``scope=service_point``) or an agency (``scope=agency``).
Late dossiers carry masked codes only; no personal data.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from motcua.reports.selectors import Board, progress_board

router = Router(auth=None)


class BoardLateDossierOut(Schema):
    masked_code: str
    procedure_name: str
    deadline_at: datetime
    finished_at: datetime | None
    apologised: bool
    new_deadline_at: datetime | None


class BoardOut(Schema):
    scope: str
    code: str
    name: str
    now: datetime
    received_today: int
    received_this_month: int
    being_processed: int
    overdue_open: int
    returned_this_month: int
    processed_this_month: int
    early: int
    on_time: int
    late: int
    on_time_rate: Decimal | None
    late_total: int
    late_dossiers: list[BoardLateDossierOut]

    @staticmethod
    def resolve_scope(obj: Board) -> str:
        return obj.subject.scope

    @staticmethod
    def resolve_code(obj: Board) -> str:
        return obj.subject.code

    @staticmethod
    def resolve_name(obj: Board) -> str:
        return obj.subject.name


class BoardMessageOut(Schema):
    detail: str


@router.get(
    "/{scope}/{code}",
    response={200: BoardOut, 404: BoardMessageOut},
    summary="The progress board of a service point or agency (public)",
)
def board_public(request: HttpRequest, scope: str, code: str) -> Board:
    """``scope``: ``service_point`` or ``agency``; ``code``: its code or e-ID.
    Today and this month are in Vietnam time; judged against the legal deadline."""
    return progress_board(scope=scope, code=code, now=timezone.now())
