"""Public tracking of a dossier by code, without authentication (SPEC §3).

``GET /api/v1/public/dossiers/{code}?check=NNNN`` returns what the tracking page
shows: never personal data unless ``check`` is the last 4 digits of the applicant's
personal ID or phone. Rate-limited per client: 429 with ``Retry-After``.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from ninja import Field, Router, Schema

from motcua.core.ratelimit import (
    PublicTry,
    ratelimit_public_try,
    ratelimit_refused_message,
)
from motcua.dossiers.public import (
    PublicDossier,
    PublicPaper,
    PublicPersonal,
    dossier_public_get,
)

router = Router(auth=None)


class PublicStepOut(Schema):
    action: str
    label: str
    at: datetime


class PublicFeeOut(Schema):
    name: str
    amount_vnd: int


class PublicTodoOut(Schema):
    kind: str
    label: str
    items: list[str]
    fees: list[PublicFeeOut]
    place: str


class PublicTimeLeftOut(Schema):
    minutes: int
    days: int
    hours: int
    overdue: bool


class PublicDocumentOut(Schema):
    name: str
    originals: int
    copies: int
    provided: bool
    by_reference: bool


class PublicPersonalOut(Schema):
    applicant_name: str
    documents: list[PublicDocumentOut]  # published name (API v1) of the papers

    @staticmethod
    def resolve_documents(
        obj: PublicPersonal | PublicPersonalOut,
    ) -> list[PublicPaper] | list[PublicDocumentOut]:
        if isinstance(obj, PublicPersonal):
            return list(obj.papers)
        return obj.documents  # already presented (nested validation)


class PublicDossierOut(Schema):
    code: str
    procedure_code: str
    procedure_name: str
    status: int
    status_label: str
    current_step: str
    steps: list[PublicStepOut]
    registered_at: datetime | None
    received_at: datetime | None
    deadline_at: datetime | None
    deadline_provisional_years: list[int] = Field(
        description="Years the count crosses with no official holiday announcement "
        "imported yet: the deadline is provisional (tính theo lịch nghỉ dự kiến)."
    )
    new_deadline_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    time_left: PublicTimeLeftOut | None
    open_state: str
    clock_paused: bool
    todo: PublicTodoOut
    apology_reason: str
    with_check: bool
    check_ok: bool
    check_locked: bool = Field(
        description="Too many wrong checks were given for this code lately: the "
        "check was not tried and no personal data is shown until the window ends."
    )
    personal: PublicPersonalOut | None


class PublicMessageOut(Schema):
    detail: str


def too_many(counted: PublicTry) -> HttpResponse:
    """429 with a clear message and when to retry."""
    response = JsonResponse({"detail": ratelimit_refused_message()}, status=429)
    response["Retry-After"] = str(counted.retry_after)
    return response


@router.get(
    "/dossiers/{code}",
    response={
        200: PublicDossierOut,
        404: PublicMessageOut,
        422: PublicMessageOut,
        429: PublicMessageOut,
    },
    summary="Track a dossier by its code (public; personal data only with ?check=)",
)
def dossier_public(
    request: HttpRequest, response: HttpResponse, code: str, check: str | None = None
) -> PublicDossier | HttpResponse:
    """``check``: the last 4 digits of the applicant's personal ID or phone. A wrong
    check is not an error: the answer simply has ``personal: null``. No answer is
    stored by a cache or the browser (ADR 0004)."""
    now = timezone.now()
    counted = ratelimit_public_try(meta=request.META, now=now)
    if counted.refused:
        return too_many(counted)
    add_never_cache_headers(response)
    return dossier_public_get(
        code=code, check=check, now=now, client_key=counted.client_key
    )
