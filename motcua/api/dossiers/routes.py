"""The dossier endpoints: create, search, detail, history, forms and transitions.

Each parses its input, makes one call to the services, selectors or access layer,
and presents the dossier (``presenting``). The ``operation_id``s are the ones the
API published while this package was a single module ``motcua.api.dossiers``;
generated clients name their methods after them, so they stay as they were.
"""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from motcua.api.auth import staff_auth
from motcua.api.dossiers.creation import create_at_counter, register_online
from motcua.api.dossiers.parsing import body_doc, json_body, staff_user, validate
from motcua.api.dossiers.presenting import dossier_out, load, respond
from motcua.api.dossiers.printed_forms import file_response
from motcua.api.dossiers.schemas_in import DossierCreateIn, SearchQuery
from motcua.api.dossiers.schemas_out import (
    DossierOut,
    DossierSummaryOut,
    ErrorOut,
    EventOut,
)
from motcua.api.dossiers.transitions import TransitionIn, transition_parse
from motcua.dossiers import printing, selectors
from motcua.dossiers.access import personal_data_access_log
from motcua.printed_forms.rendering import form_pdf

router = Router(auth=staff_auth)


@router.post(
    "",
    response={201: DossierOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Create a dossier at a counter, or register one online",
    openapi_extra=body_doc(DossierCreateIn),
    operation_id="motcua_api_dossiers_dossier_create",
)
def dossier_create(request: HttpRequest) -> Status[DossierOut]:
    """Counter: received at once (403 unless a reception officer of the point's
    agency; 422 when papers are missing), or, with ``outcome``, registered with
    every missing paper asked for (``request_papers``, form 02; 409 when nothing
    is missing) or refused with the reasons in ``note`` (``refuse``, form 03).
    Online: registered on the applicant's behalf, waiting for the reception
    check (403 unless a reception officer of the receiving agency; 422 when the
    agency does not decide the procedure). Bad input gets 422 with a message
    per field.

    Send an ``Idempotency-Key`` header (a UUID) to make retries safe: a request
    repeated with the same key answers with the dossier the first one made (no
    second code, no second SMS); a key used by another account gets 409."""
    body = validate(DossierCreateIn, json_body(request))
    actor, now = staff_user(request), timezone.now()
    key = request.headers.get("Idempotency-Key", "")
    if body.channel == "online":
        dossier = register_online(body, actor, now, key)
    else:
        dossier = create_at_counter(body, actor, now, key)
    return Status(201, respond(request, dossier.code, "api create"))


@router.get(
    "",
    response=list[DossierSummaryOut],
    summary="Search by code, applicant name (no diacritics needed) or personal ID",
    operation_id="motcua_api_dossiers_dossier_search",
)
@paginate(LimitOffsetPagination)
def dossier_search(request: HttpRequest, filters: Query[SearchQuery]) -> object:
    """Only dossiers the caller may see; newest first; an empty query finds none."""
    found = selectors.dossier_search(
        user=staff_user(request), query=filters.q, now=timezone.now()
    )
    return found.select_related("assignee")  # one query per page, whatever the rows


@router.get(
    "/{code}",
    response=DossierOut,
    summary="One dossier, with what you may do",
    operation_id="motcua_api_dossiers_dossier_detail",
)
def dossier_detail(request: HttpRequest, code: str) -> DossierOut:
    """404 for a dossier of an agency the caller may not see. Opening it with its
    personal data is logged."""
    return respond(request, code, "api view")


@router.get(
    "/{code}/events",
    response=list[EventOut],
    summary="The history, oldest first",
    operation_id="motcua_api_dossiers_dossier_event_list",
)
def dossier_event_list(request: HttpRequest, code: str) -> object:
    dossier = load(request, code, "api history", timezone.now())
    return list(selectors.dossier_events(dossier))


@router.get(
    "/{code}/forms/{number}.pdf",
    response={200: None},
    summary="Print form 01–06 of the dossier, or TK the prefilled request (PDF)",
    openapi_extra={"responses": {200: {"content": {"application/pdf": {}}}}},
    operation_id="motcua_api_dossiers_dossier_form",
)
def dossier_form(request: HttpRequest, code: str, number: str) -> HttpResponse:
    """404 for a form that does not apply yet (e.g. 04 without an apology)."""
    data = printing.dossier_form_data_for_user(
        user=staff_user(request), code=code, number=number, now=timezone.now()
    )
    pdf = form_pdf(data)
    return file_response(pdf, "application/pdf", f"{code.strip()}-{number}.pdf")


@router.post(
    "/{code}/transitions",
    response=DossierOut,
    summary="Take an action on the dossier",
    openapi_extra=body_doc(TransitionIn),
    operation_id="motcua_api_dossiers_dossier_transition",
)
def dossier_transition(request: HttpRequest, code: str) -> DossierOut:
    """``{"action": …, "expected_version": N, …fields}``. 409 when the action is not
    allowed now or someone acted first (stale version); 403 without the role;
    404 for a dossier the caller may not see; 422 for bad fields."""
    user = staff_user(request)
    transition = transition_parse(json_body(request))
    now = timezone.now()
    # One load: the service locks the dossier and checks who may see it.
    dossier = transition.perform(code=code.strip(), actor=user, now=now)
    purpose = f"api {transition.action}"
    personal_data_access_log(user=user, dossier=dossier, purpose=purpose, now=now)
    return dossier_out(dossier=dossier, user=user, now=now)
