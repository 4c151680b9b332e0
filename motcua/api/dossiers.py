"""Dossiers: create, detail, transitions, history, printed forms and search.

Every endpoint needs a staff bearer token. A dossier the caller may not see is
reported as not found (404), never as forbidden, so that a code alone reveals
nothing (``dossiers.access``). Transitions carry the ``version`` the client last
saw as ``expected_version``: a stale one, or an action the workflow table does not
allow now, gets 409; a role the caller lacks on a dossier they may see gets 403.

Request bodies are parsed here (not by django-ninja) so that a 422 names plain
fields (``applicant.id_number``, ``assignee``) rather than the parameter and the
union tag; the OpenAPI document still shows their schemas.
"""

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, Literal, TypeVar, get_args

import pydantic
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import AwareDatetime, Field, TypeAdapter

from motcua.accounts.models import User
from motcua.agencies.access import agency_for_user, require_role
from motcua.agencies.models import Agency, ServicePoint, StaffRole
from motcua.agencies.selectors import agency_get
from motcua.api.auth import staff_auth
from motcua.calendars.selectors import deadline_state_get
from motcua.core.errors import InvalidInput, NotFound
from motcua.documents.data import FormData, RegisterData
from motcua.documents.rendering import form_pdf
from motcua.documents.spreadsheets import register_xlsx
from motcua.dossiers import printing, selectors, services
from motcua.dossiers.access import dossier_get_for_user, dossiers_visible_to
from motcua.dossiers.choices import (
    ApplicantKind,
    DossierChannel,
    DossierStatus,
    DossierStep,
    ReturnMethod,
)
from motcua.dossiers.inputs import ApplicantInput, DocumentTick, FeeLine
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services.transitions import tracking_url
from motcua.dossiers.workflow import DossierAction
from motcua.procedures.selectors import procedure_get

router = Router(auth=staff_auth)
register_router = Router(auth=staff_auth)

M = TypeVar("M", bound=pydantic.BaseModel)


# -- parsing ------------------------------------------------------------------


def _field_errors(error: pydantic.ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"]) or "input"
        errors.setdefault(key, item["msg"])
    return errors


def _json_body(request: HttpRequest) -> object:
    try:
        return json.loads(request.body or b"null")
    except ValueError:
        raise InvalidInput(
            _("The request body is not valid JSON."),
            field_errors={"input": _("Send a JSON object.")},
        ) from None


def _validate(model: type[M], raw: object) -> M:
    """Return ``raw`` as ``model``; raise InvalidInput with a message per field."""
    try:
        return model.model_validate(raw)
    except pydantic.ValidationError as error:
        raise InvalidInput(
            _("Invalid input."), field_errors=_field_errors(error)
        ) from None


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """Replace ``$ref``s to ``$defs`` by their schemas (no recursive types here)."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            return _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        inlined = {k: _inline_refs(v, defs) for k, v in node.items() if k != "$defs"}
        if isinstance(node.get("discriminator"), dict):
            # The mapping points into $defs, gone once inlined; the tag remains.
            inlined["discriminator"] = {
                "propertyName": node["discriminator"]["propertyName"]
            }
        return inlined
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    return node


def body_doc(kind: Any) -> dict[str, Any]:
    """Return ``openapi_extra`` documenting a JSON body of type ``kind``."""
    schema = TypeAdapter(kind).json_schema()
    inlined = _inline_refs(schema, schema.get("$defs", {}))
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": inlined}},
        }
    }


def _resolve(field: str, lookup: Callable[[], Any]) -> Any:
    """Return ``lookup()``; a NotFound becomes a 422 on ``field`` (it is input)."""
    try:
        return lookup()
    except NotFound as error:
        raise InvalidInput(
            error.message, field_errors={field: _("unknown value")}
        ) from None


def _user(field: str, username: str) -> User:
    user = User.objects.filter(username=username.strip(), is_active=True).first()
    if user is None:
        raise InvalidInput(
            _("No active staff member has the user name %(name)s.")
            % {"name": username},
            field_errors={field: _("unknown value")},
        )
    return user


def _agency(field: str, code: str) -> Agency:
    agency: Agency = _resolve(field, lambda: agency_get(code=code))
    return agency


def _service_point(code: str) -> ServicePoint:
    point = ServicePoint.objects.select_related("agency").filter(code=code).first()
    if point is None:
        raise InvalidInput(
            _("No service point has the code %(code)s.") % {"code": code},
            field_errors={"service_point_code": _("unknown value")},
        )
    return point


# -- output -------------------------------------------------------------------


class ChoiceOut(Schema):
    code: int | str
    label: str


class AgencyRefOut(Schema):
    code: str
    name: str


class PersonOut(Schema):
    username: str
    full_name: str


class ApplicantOut(Schema):
    kind: str
    name: str
    id_number: str
    birth_date: date | None
    address: str
    phone: str
    email: str


class FilerOut(Schema):
    name: str
    id_number: str
    phone: str
    authorisation_paper: str


class DocumentOut(Schema):
    position: int
    name: str
    originals: int
    copies: int
    is_provided: bool
    reference: str
    required_document_id: int | None


class FeeOut(Schema):
    name: str
    amount_vnd: int
    requested_at: datetime
    paid_at: datetime | None
    payment_method: str
    receipt_number: str


class LegOut(Schema):
    agency: AgencyRefOut
    mode: str
    position: int
    request_note: str
    sent_at: datetime | None
    due_at: datetime | None
    replied_at: datetime | None
    reply_note: str


class DossierSummaryOut(Schema):
    """One line of a worklist or a search result (no personal ID)."""

    code: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    status: ChoiceOut
    step: ChoiceOut
    receiving_agency: str
    competent_agency: str
    assignee: str | None
    received_at: datetime | None
    deadline_at: datetime | None
    new_deadline_at: datetime | None
    open_state: str | None
    version: int

    @staticmethod
    def resolve_procedure_code(obj: Dossier) -> str:
        return obj.procedure.code

    @staticmethod
    def resolve_procedure_name(obj: Dossier) -> str:
        return obj.procedure.name

    @staticmethod
    def resolve_status(obj: Dossier) -> ChoiceOut:
        return _status(obj)

    @staticmethod
    def resolve_step(obj: Dossier) -> ChoiceOut:
        return _step(obj)

    @staticmethod
    def resolve_receiving_agency(obj: Dossier) -> str:
        return obj.receiving_agency.code

    @staticmethod
    def resolve_competent_agency(obj: Dossier) -> str:
        return obj.competent_agency.code

    @staticmethod
    def resolve_assignee(obj: Dossier) -> str | None:
        return obj.assignee.username if obj.assignee_id and obj.assignee else None

    @staticmethod
    def resolve_open_state(obj: Dossier) -> str | None:
        return getattr(obj, "deadline_state", None)


class DossierOut(Schema):
    """A dossier as its staff see it; ``version`` goes back as
    ``expected_version`` with the next transition."""

    code: str
    procedure_code: str
    procedure_name: str
    case_heading: str
    summary: str
    channel: ChoiceOut
    status: ChoiceOut
    step: ChoiceOut
    receiving_agency: AgencyRefOut
    competent_agency: AgencyRefOut
    service_point_code: str | None
    applicant: ApplicantOut
    filer: FilerOut | None
    assignee: PersonOut | None
    registered_at: datetime | None
    received_at: datetime | None
    deadline_at: datetime | None
    new_deadline_at: datetime | None
    time_left_minutes: int | None
    open_state: str | None
    paused_since: datetime | None
    supplement_count: int
    finished_at: datetime | None
    result_number: str
    result_issued_at: datetime | None
    return_method: str
    return_address: str
    returned_at: datetime | None
    register_number: int | None
    documents: list[DocumentOut]
    fees: list[FeeOut]
    legs: list[LegOut]
    allowed_actions: list[str]
    version: int


def _status(dossier: Dossier) -> ChoiceOut:
    return ChoiceOut(
        code=dossier.status, label=str(DossierStatus(dossier.status).label)
    )


def _step(dossier: Dossier) -> ChoiceOut:
    return ChoiceOut(code=dossier.step, label=str(DossierStep(dossier.step).label))


def _agency_ref(agency: Agency) -> AgencyRefOut:
    return AgencyRefOut(code=agency.code, name=agency.name)


def _open_state(dossier: Dossier, now: datetime) -> str | None:
    """On time / due soon / overdue while the clock runs (SPEC §5), else None."""
    running = dossier.status in (DossierStatus.RECEIVED, DossierStatus.PROCESSING)
    if not running or dossier.deadline_at is None:
        return None
    hours = dossier.competent_agency.working_hours()
    state = deadline_state_get(now=now, deadline_at=dossier.deadline_at, hours=hours)
    return str(state)


def _applicant(dossier: Dossier) -> ApplicantOut:
    return ApplicantOut(
        kind=dossier.applicant_kind,
        name=dossier.applicant_name,
        id_number=dossier.applicant_id_number,
        birth_date=dossier.applicant_birth_date,
        address=dossier.applicant_address,
        phone=dossier.applicant_phone,
        email=dossier.applicant_email,
    )


def _filer(dossier: Dossier) -> FilerOut | None:
    if not dossier.filer_name:
        return None
    return FilerOut(
        name=dossier.filer_name,
        id_number=dossier.filer_id_number,
        phone=dossier.filer_phone,
        authorisation_paper=dossier.authorisation_paper,
    )


def _legs(dossier: Dossier) -> list[LegOut]:
    legs = dossier.agency_requests.select_related("to_agency")
    return [
        LegOut(
            agency=_agency_ref(leg.to_agency),
            mode=leg.mode,
            position=leg.position,
            request_note=leg.request_note,
            sent_at=leg.sent_at,
            due_at=leg.due_at,
            replied_at=leg.replied_at,
            reply_note=leg.reply_note,
        )
        for leg in legs.order_by("id")
    ]


def _assignee(dossier: Dossier) -> PersonOut | None:
    user = dossier.assignee
    if user is None:
        return None
    return PersonOut(username=user.username, full_name=user.full_name)


def dossier_out(*, dossier: Dossier, user: User, now: datetime) -> DossierOut:
    """Return the detail of ``dossier`` (loaded through the access layer)."""
    closed = dossier.step == DossierStep.CLOSED
    return DossierOut(
        code=dossier.code,
        procedure_code=dossier.procedure.code,
        procedure_name=dossier.procedure.name,
        case_heading=dossier.case_heading,
        summary=dossier.summary,
        channel=ChoiceOut(
            code=dossier.channel, label=str(DossierChannel(dossier.channel).label)
        ),
        status=_status(dossier),
        step=_step(dossier),
        receiving_agency=_agency_ref(dossier.receiving_agency),
        competent_agency=_agency_ref(dossier.competent_agency),
        service_point_code=dossier.service_point.code
        if dossier.service_point
        else None,
        applicant=_applicant(dossier),
        filer=_filer(dossier),
        assignee=_assignee(dossier),
        registered_at=dossier.registered_at,
        received_at=dossier.received_at,
        deadline_at=dossier.deadline_at,
        new_deadline_at=dossier.new_deadline_at,
        time_left_minutes=None
        if closed
        else selectors.dossier_time_left(dossier=dossier, now=now),
        open_state=_open_state(dossier, now),
        paused_since=dossier.paused_since,
        supplement_count=dossier.supplement_count,
        finished_at=dossier.finished_at,
        result_number=dossier.result_number,
        result_issued_at=dossier.result_issued_at,
        return_method=dossier.return_method,
        return_address=dossier.return_address,
        returned_at=dossier.returned_at,
        register_number=dossier.register_number,
        documents=[
            DocumentOut.model_validate(document)
            for document in dossier.documents.order_by("position", "id")
        ],
        fees=[
            FeeOut.model_validate(fee)
            for fee in dossier.fees.order_by("requested_at", "id")
        ],
        legs=_legs(dossier),
        allowed_actions=[
            str(action)
            for action in selectors.dossier_actions_for(dossier=dossier, user=user)
        ],
        version=dossier.version,
    )


def staff_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - staff_auth sets it
    return user


def _load(request: HttpRequest, code: str, purpose: str, now: datetime) -> Dossier:
    return dossier_get_for_user(
        user=staff_user(request), code=code, purpose=purpose, now=now
    )


def _respond(request: HttpRequest, code: str, purpose: str) -> DossierOut:
    now = timezone.now()
    dossier = _load(request, code, purpose, now)
    return dossier_out(dossier=dossier, user=staff_user(request), now=now)


# -- create -------------------------------------------------------------------


class ApplicantIn(Schema):
    kind: Literal["person", "organisation"] = "person"
    name: str = Field(max_length=200)
    id_number: str = Field(
        max_length=20, description="12-digit personal ID, or enterprise code"
    )
    birth_date: date | None = None
    address: str = Field("", max_length=300)
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)


class FilerIn(Schema):
    """Someone filing for the applicant (needs an authorisation paper)."""

    name: str = Field(max_length=200)
    id_number: str = Field("", max_length=20)
    phone: str = Field("", max_length=20)
    authorisation_paper: str = Field("", max_length=300)


class DocumentTickIn(Schema):
    """A checklist paper: provided, or referenced (Decree 45/2020 Art. 4)."""

    required_document_id: int
    is_provided: bool = True
    reference: str = Field("", max_length=300)

    def tick(self) -> DocumentTick:
        return DocumentTick(
            required_document_id=self.required_document_id,
            is_provided=self.is_provided,
            reference=self.reference,
        )


class DossierCreateIn(Schema):
    """At a counter (``in_person``, ``postal``: received at once, needs
    ``service_point_code``) or online (``online``: registered, needs
    ``competent_agency_code``)."""

    channel: Literal["in_person", "postal", "online"] = "in_person"
    procedure_code: str
    case_heading: str = Field("", max_length=300)
    summary: str = Field("", max_length=500)
    applicant: ApplicantIn
    filer: FilerIn | None = None
    documents: list[DocumentTickIn] = []
    service_point_code: str | None = None
    competent_agency_code: str | None = None
    return_method: Literal["counter", "post", "online"] | None = None
    return_address: str = Field("", max_length=300)

    def applicant_input(self) -> ApplicantInput:
        person, filer = self.applicant, self.filer
        return ApplicantInput(
            name=person.name,
            id_number=person.id_number,
            kind=ApplicantKind(person.kind),
            birth_date=person.birth_date,
            address=person.address,
            phone=person.phone,
            email=person.email,
            filer_name=filer.name if filer else "",
            filer_id_number=filer.id_number if filer else "",
            filer_phone=filer.phone if filer else "",
            authorisation_paper=filer.authorisation_paper if filer else "",
        )


_CHANNELS = {"in_person": DossierChannel.IN_PERSON, "postal": DossierChannel.POSTAL}


def _required(field: str, value: str | None) -> str:
    if not value or not value.strip():
        raise InvalidInput(
            _("Some fields are missing."),
            field_errors={field: _("This field is required.")},
        )
    return value.strip()


def _create_at_counter(body: DossierCreateIn, actor: User, now: datetime) -> Dossier:
    point = _service_point(_required("service_point_code", body.service_point_code))
    competent = body.competent_agency_code
    return services.dossier_create_at_counter(
        actor=actor,
        now=now,
        procedure=_resolve(
            "procedure_code", lambda: procedure_get(code=body.procedure_code)
        ),
        service_point=point,
        applicant=body.applicant_input(),
        documents=[tick.tick() for tick in body.documents],
        case_heading=body.case_heading,
        summary=body.summary,
        channel=_CHANNELS[body.channel],
        competent_agency=_agency("competent_agency_code", competent)
        if competent
        else None,
        return_method=body.return_method or ReturnMethod.COUNTER,
        return_address=body.return_address,
    )


def _register_online(body: DossierCreateIn, actor: User, now: datetime) -> Dossier:
    code = _required("competent_agency_code", body.competent_agency_code)
    # Staff register online dossiers only for agencies they may see; the dossier
    # would otherwise be created out of the caller's sight.
    competent = _resolve("competent_agency_code", lambda: agency_for_user(actor, code))
    return services.dossier_register_online(
        now=now,
        procedure=_resolve(
            "procedure_code", lambda: procedure_get(code=body.procedure_code)
        ),
        competent_agency=competent,
        applicant=body.applicant_input(),
        documents=[tick.tick() for tick in body.documents],
        case_heading=body.case_heading,
        summary=body.summary,
        return_method=body.return_method or ReturnMethod.ONLINE,
        return_address=body.return_address,
    )


@router.post(
    "",
    response={201: DossierOut},
    summary="Create a dossier at a counter, or register one online",
    openapi_extra=body_doc(DossierCreateIn),
)
def dossier_create(request: HttpRequest) -> Status[DossierOut]:
    """Counter: received at once (403 unless a reception officer of the point's
    agency; 422 when papers are missing). Online: registered, waiting for the
    reception check. Bad input gets 422 with a message per field."""
    body = _validate(DossierCreateIn, _json_body(request))
    actor, now = staff_user(request), timezone.now()
    if body.channel == "online":
        dossier = _register_online(body, actor, now)
    else:
        dossier = _create_at_counter(body, actor, now)
    return Status(201, _respond(request, dossier.code, "api create"))


# -- read ---------------------------------------------------------------------


class SearchQuery(Schema):
    q: str = ""


@router.get(
    "",
    response=list[DossierSummaryOut],
    summary="Search by code, applicant name (no diacritics needed) or personal ID",
)
@paginate(LimitOffsetPagination)
def dossier_search(request: HttpRequest, filters: Query[SearchQuery]) -> object:
    """Only dossiers the caller may see; newest first; an empty query finds none."""
    found = selectors.dossier_search(
        user=staff_user(request), query=filters.q, now=timezone.now()
    )
    return found.select_related("assignee")  # one query per page, whatever the rows


@router.get("/{code}", response=DossierOut, summary="One dossier, with what you may do")
def dossier_detail(request: HttpRequest, code: str) -> DossierOut:
    """404 for a dossier of an agency the caller may not see. Opening it with its
    personal data is logged."""
    return _respond(request, code, "api view")


class EventOut(Schema):
    sequence: int
    action: str
    action_label: str
    at: datetime
    actor: str | None
    actor_name: str
    actor_role: str
    actor_agency: str | None
    from_status: int | None
    to_status: int
    from_step: str
    to_step: str
    receiver: str | None
    receiver_agency: str | None
    step_started_at: datetime | None
    step_due_at: datetime | None
    judgement: str
    note: str
    data: dict[str, Any]

    @staticmethod
    def resolve_action_label(obj: DossierEvent) -> str:
        try:
            return str(DossierAction(obj.action).label)
        except ValueError:
            return obj.action

    @staticmethod
    def resolve_actor(obj: DossierEvent) -> str | None:
        return obj.actor.username if obj.actor else None

    @staticmethod
    def resolve_actor_agency(obj: DossierEvent) -> str | None:
        return obj.actor_agency.code if obj.actor_agency else None

    @staticmethod
    def resolve_receiver(obj: DossierEvent) -> str | None:
        return obj.receiver.username if obj.receiver else None

    @staticmethod
    def resolve_receiver_agency(obj: DossierEvent) -> str | None:
        return obj.receiver_agency.code if obj.receiver_agency else None


@router.get(
    "/{code}/events", response=list[EventOut], summary="The history, oldest first"
)
def dossier_event_list(request: HttpRequest, code: str) -> object:
    dossier = _load(request, code, "api history", timezone.now())
    return list(selectors.dossier_events(dossier))


# -- printed forms --------------------------------------------------------------


def _form_data(number: str, dossier: Dossier, now: datetime) -> FormData:
    """Return the data of form ``number`` (01–06); NotFound when it does not apply."""
    url = tracking_url(dossier)
    builders: dict[str, Callable[[], FormData]] = {
        "01": lambda: printing.receipt_data(dossier=dossier, tracking_url=url),
        "02": lambda: printing.supplement_request_data(
            dossier=dossier, tracking_url=url
        ),
        "03": lambda: printing.refusal_data(dossier=dossier, tracking_url=url),
        "04": lambda: printing.apology_data(dossier=dossier, tracking_url=url),
        "05": lambda: printing.stop_notice_data(dossier=dossier, tracking_url=url),
        "06": lambda: printing.control_sheet_data(
            dossier=dossier, tracking_url=url, now=now
        ),
    }
    builder = builders.get(number)
    if builder is None:
        raise NotFound(
            _("There is no form %(number)s for a dossier; forms are 01 to 06.")
            % {"number": number}
        )
    return builder()


def _file(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@router.get(
    "/{code}/forms/{number}.pdf",
    response={200: None},
    summary="Print form 01–06 of the dossier (PDF)",
    openapi_extra={"responses": {200: {"content": {"application/pdf": {}}}}},
)
def dossier_form(request: HttpRequest, code: str, number: str) -> HttpResponse:
    """404 for a form that does not apply yet (e.g. 04 without an apology)."""
    now = timezone.now()
    dossier = _load(request, code, f"api form {number}", now)
    pdf = form_pdf(_form_data(number, dossier, now))
    return _file(pdf, "application/pdf", f"{dossier.code}-{number}.pdf")


# -- the register (form 07) -----------------------------------------------------

# Who keeps or reads an agency's register of dossiers (form 07).
REGISTER_ROLES = (
    StaffRole.RECEPTION_OFFICER,
    StaffRole.CLERK,
    StaffRole.DIVISION_LEADER,
    StaffRole.AGENCY_LEADER,
    StaffRole.CITY_SUPERVISOR,
)


class PeriodQuery(Schema):
    start: date | None = Field(None, description="first day (default: 1st of month)")
    end: date | None = Field(None, description="last day, included (default: today)")


def _register(
    request: HttpRequest, agency_code: str, period: PeriodQuery
) -> RegisterData:
    user, now = staff_user(request), timezone.now()
    agency = agency_for_user(user, agency_code)
    require_role(user, REGISTER_ROLES, agency)
    today = timezone.localdate(now)
    return printing.register_data(
        agency=agency,
        start_on=period.start or today.replace(day=1),
        end_on=period.end or today,
        now=now,
    )


@register_router.get(
    "/{agency_code}.pdf",
    response={200: None},
    summary="The register (form 07) of an agency for a period, as PDF",
    openapi_extra={"responses": {200: {"content": {"application/pdf": {}}}}},
)
def register_pdf(
    request: HttpRequest, agency_code: str, period: Query[PeriodQuery]
) -> HttpResponse:
    data = _register(request, agency_code, period)
    name = f"{agency_code}-{data.start_on:%Y%m%d}-{data.end_on:%Y%m%d}.pdf"
    return _file(form_pdf(data), "application/pdf", name)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@register_router.get(
    "/{agency_code}.xlsx",
    response={200: None},
    summary="The register (form 07) of an agency for a period, as Excel",
    openapi_extra={"responses": {200: {"content": {XLSX: {}}}}},
)
def register_spreadsheet(
    request: HttpRequest, agency_code: str, period: Query[PeriodQuery]
) -> HttpResponse:
    data = _register(request, agency_code, period)
    name = f"{agency_code}-{data.start_on:%Y%m%d}-{data.end_on:%Y%m%d}.xlsx"
    return _file(register_xlsx(data), XLSX, name)


# -- transitions --------------------------------------------------------------

# The one service each action runs (``dossiers.services``; same as the pages).
SERVICES: dict[str, Callable[..., Dossier]] = {
    DossierAction.RECEIVE: services.dossier_receive,
    DossierAction.REQUEST_SUPPLEMENT_AT_RECEPTION: (
        services.dossier_request_supplement_at_reception
    ),
    DossierAction.RECEIVE_SUPPLEMENT_AT_RECEPTION: (
        services.dossier_receive_supplement_at_reception
    ),
    DossierAction.REFUSE: services.dossier_refuse,
    DossierAction.ASSIGN: services.dossier_assign,
    DossierAction.FORWARD: services.dossier_forward,
    DossierAction.RETURN: services.dossier_return_to_step,
    DossierAction.SEND_TO_AGENCY: services.dossier_send_to_agency,
    DossierAction.AGENCY_REPLY: services.dossier_agency_reply,
    DossierAction.REQUEST_SUPPLEMENT: services.dossier_request_supplement,
    DossierAction.RECEIVE_SUPPLEMENT: services.dossier_receive_supplement,
    DossierAction.REQUEST_PAYMENT: services.dossier_request_payment,
    DossierAction.RECORD_PAYMENT: services.dossier_record_payment,
    DossierAction.APOLOGISE: services.dossier_apologise,
    DossierAction.WITHDRAW: services.dossier_withdraw,
    DossierAction.STOP: services.dossier_stop,
    DossierAction.APPROVE: services.dossier_approve,
    DossierAction.ISSUE_RESULT: services.dossier_issue_result,
    DossierAction.RETURN_RESULT: services.dossier_return_result,
}


class TransitionBase(Schema):
    """Every transition names the version the client saw (``DossierOut.version``).

    The other fields go to the action's service under the same names;
    :meth:`arguments` turns references (user names, agency codes) into objects.
    """

    action: str
    expected_version: int = Field(ge=1)

    def arguments(self) -> dict[str, Any]:
        return self.model_dump(exclude={"action"})

    def perform(self, *, code: str, actor: User, now: datetime) -> Dossier:
        return SERVICES[self.action](
            dossier_code=code, actor=actor, now=now, **self.arguments()
        )


class WithTicks(TransitionBase):
    """Checklist ticks that update the dossier's papers."""

    documents: list[DocumentTickIn] = []

    def arguments(self) -> dict[str, Any]:
        return {
            **super().arguments(),
            "documents": [document.tick() for document in self.documents],
        }


class ReceiveIn(WithTicks):
    """Receive a checked online dossier (form 01); every paper must be ticked."""

    action: Literal["receive"]


class RequestSupplementAtReceptionIn(TransitionBase):
    """Ask for every missing paper of an online dossier at once (form 02)."""

    action: Literal["request_supplement_at_reception"]
    items: list[str]
    reason: str = ""


class ReceiveSupplementAtReceptionIn(WithTicks):
    action: Literal["receive_supplement_at_reception"]
    note: str = ""


class RefuseIn(TransitionBase):
    """Refuse at reception, one reason a line (form 03)."""

    action: Literal["refuse"]
    reasons: str


class AssignIn(TransitionBase):
    """Assign to a specialist of the competent agency (by user name)."""

    action: Literal["assign"]
    assignee: str
    note: str = ""

    def arguments(self) -> dict[str, Any]:
        return {**super().arguments(), "assignee": _user("assignee", self.assignee)}


class ForwardIn(TransitionBase):
    """To the next step: review (default) or approval; ``to_user`` optional."""

    action: Literal["forward"]
    to_step: Literal["review", "approval"] | None = None
    to_user: str | None = None
    note: str = ""

    def arguments(self) -> dict[str, Any]:
        user = _user("to_user", self.to_user) if self.to_user else None
        return {**super().arguments(), "to_user": user}


class ReturnIn(TransitionBase):
    """Back to an earlier step, with the reason."""

    action: Literal["return"]
    note: str
    to_step: Literal["processing", "review"] = "processing"


class SendToAgencyIn(TransitionBase):
    """To other agencies (by e-ID), in sequence or in parallel (liên thông)."""

    action: Literal["send_to_agency"]
    agencies: list[str] = Field(min_length=1)
    mode: Literal["sequence", "parallel"] = "parallel"
    request_note: str = ""
    due_at: AwareDatetime | None = None

    def arguments(self) -> dict[str, Any]:
        agencies = [_agency("agencies", code) for code in self.agencies]
        return {**super().arguments(), "agencies": agencies}


class AgencyReplyIn(TransitionBase):
    """The reply of the caller's agency to its open leg."""

    action: Literal["agency_reply"]
    reply_note: str = ""


class RequestSupplementIn(TransitionBase):
    """Ask for a supplement during processing (form 02); the clock pauses."""

    action: Literal["request_supplement"]
    items: list[str]
    reason: str = ""


class ReceiveSupplementIn(WithTicks):
    """The complete supplement arrived; the clock resumes."""

    action: Literal["receive_supplement"]
    note: str = ""


class FeeIn(Schema):
    name: str
    amount_vnd: int = Field(gt=0)


class RequestPaymentIn(TransitionBase):
    """Ask the applicant to pay (status 6); the clock pauses."""

    action: Literal["request_payment"]
    fees: list[FeeIn] = Field(min_length=1)
    note: str = ""

    def arguments(self) -> dict[str, Any]:
        fees = [FeeLine(name=fee.name, amount_vnd=fee.amount_vnd) for fee in self.fees]
        return {**super().arguments(), "fees": fees}


class RecordPaymentIn(TransitionBase):
    action: Literal["record_payment"]
    payment_method: str
    receipt_number: str = ""


class ApologiseIn(TransitionBase):
    """Apology and one new date (form 04), at least 1 working day before the
    deadline (Decree 297/2025 Art. 6(5))."""

    action: Literal["apologise"]
    reason: str
    new_deadline_at: AwareDatetime


class WithdrawIn(TransitionBase):
    """The applicant withdraws it; only before a result (Decree 118/2025 Art. 21)."""

    action: Literal["withdraw"]
    reason: str


class StopIn(TransitionBase):
    """Stop processing (form 05); only before a result (Decree 118/2025 Art. 21)."""

    action: Literal["stop"]
    reason: str


class ApproveIn(TransitionBase):
    action: Literal["approve"]
    note: str = ""


class IssueResultIn(TransitionBase):
    action: Literal["issue_result"]
    note: str = ""


class ReturnResultIn(TransitionBase):
    """Hand the result over; ``method`` defaults to the applicant's choice."""

    action: Literal["return_result"]
    method: Literal["counter", "post", "online"] | None = None
    note: str = ""


TransitionIn = Annotated[
    ReceiveIn
    | RequestSupplementAtReceptionIn
    | ReceiveSupplementAtReceptionIn
    | RefuseIn
    | AssignIn
    | ForwardIn
    | ReturnIn
    | SendToAgencyIn
    | AgencyReplyIn
    | RequestSupplementIn
    | ReceiveSupplementIn
    | RequestPaymentIn
    | RecordPaymentIn
    | ApologiseIn
    | WithdrawIn
    | StopIn
    | ApproveIn
    | IssueResultIn
    | ReturnResultIn,
    Field(discriminator="action"),
]
SCHEMA_BY_ACTION: dict[str, type[TransitionBase]] = {
    get_args(schema.model_fields["action"].annotation)[0]: schema
    for schema in get_args(get_args(TransitionIn)[0])
}


def transition_parse(raw: object) -> TransitionBase:
    """Return the transition schema of ``raw["action"]``, validated.

    Raises:
        InvalidInput: not an object, an unknown action, or bad fields.
    """
    action = raw.get("action") if isinstance(raw, dict) else None
    schema = SCHEMA_BY_ACTION.get(str(action)) if action is not None else None
    if schema is None:
        raise InvalidInput(
            _("Unknown action %(action)r; choose among: %(known)s.")
            % {"action": action, "known": ", ".join(SCHEMA_BY_ACTION)},
            field_errors={"action": _("unknown value")},
        )
    return _validate(schema, raw)


@router.post(
    "/{code}/transitions",
    response=DossierOut,
    summary="Take an action on the dossier",
    openapi_extra=body_doc(TransitionIn),
)
def dossier_transition(request: HttpRequest, code: str) -> DossierOut:
    """``{"action": …, "expected_version": N, …fields}``. 409 when the action is not
    allowed now or someone acted first (stale version); 403 without the role;
    404 for a dossier the caller may not see; 422 for bad fields."""
    user = staff_user(request)
    if not dossiers_visible_to(user).filter(code=code.strip()).exists():
        raise NotFound(_("No dossier has the code %(code)s.") % {"code": code})
    transition = transition_parse(_json_body(request))
    dossier = transition.perform(code=code.strip(), actor=user, now=timezone.now())
    return _respond(request, dossier.code, f"api {transition.action}")
