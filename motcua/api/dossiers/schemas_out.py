"""Response schemas: a dossier, a line of a list, and a history event."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from motcua.api.openapi import ErrorOut as ErrorOut  # the API's one error shape
from motcua.dossiers.choices import DossierStatus, DossierStep
from motcua.dossiers.models import Dossier, DossierEvent, DossierPaper
from motcua.dossiers.payloads import PAYLOAD_OF_ACTION, payload_read
from motcua.dossiers.workflow import DossierAction


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
    required_document_id: int | None  # the published name: a required paper's id

    @staticmethod
    def resolve_required_document_id(obj: "DossierPaper | DocumentOut") -> int | None:
        if isinstance(obj, DossierPaper):
            return obj.required_paper_id
        return obj.required_document_id  # already presented (nested validation)


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
        return status_choice(obj)

    @staticmethod
    def resolve_step(obj: Dossier) -> ChoiceOut:
        return step_choice(obj)

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
    deadline_provisional_years: list[int] = Field(
        description="Years the count crosses with no official holiday announcement "
        "imported yet: the deadline is provisional."
    )
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
    def resolve_data(obj: DossierEvent) -> dict[str, Any]:
        """The event's payload with every field of its type (``payloads``)."""
        if obj.action not in PAYLOAD_OF_ACTION:
            return dict(obj.data)
        return payload_read(obj.action, obj.data).as_data()

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


def status_choice(dossier: Dossier) -> ChoiceOut:
    return ChoiceOut(
        code=dossier.status, label=str(DossierStatus(dossier.status).label)
    )


def step_choice(dossier: Dossier) -> ChoiceOut:
    return ChoiceOut(code=dossier.step, label=str(DossierStep(dossier.step).label))
