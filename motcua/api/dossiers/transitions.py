"""Transition bodies, one schema per action, and the service each action runs.

Every transition carries the ``version`` the client last saw as
``expected_version``; the service raises the conflict when it is stale.
"""

from datetime import datetime
from typing import Annotated, Any, Literal, get_args

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AwareDatetime, Field

from motcua.accounts.models import User
from motcua.api.dossiers.parsing import agency_coded, user_named, validate
from motcua.api.dossiers.schemas_in import DocumentTickIn
from motcua.api.published_names import PUBLISHED_NAMES
from motcua.core.errors import InvalidInput
from motcua.dossiers import services
from motcua.dossiers.inputs import FeeLine
from motcua.dossiers.models import Dossier


class TransitionBase(Schema):
    """Every transition names the version the client saw (``DossierOut.version``).

    The other fields go to the action's service under the same names;
    :meth:`arguments` turns references (user names, agency codes) into objects.
    """

    action: str
    expected_version: int = Field(ge=1)

    def arguments(self) -> dict[str, Any]:
        """The service's keywords: the body's fields by their service names."""
        body = self.model_dump(exclude={"action"})
        return {PUBLISHED_NAMES.get(name, name): value for name, value in body.items()}

    def perform(self, *, code: str, actor: User, now: datetime) -> Dossier:
        return services.STAFF_SERVICES[self.action](
            dossier_code=code, actor=actor, now=now, **self.arguments()
        )


class WithTicks(TransitionBase):
    """Checklist ticks that update the dossier's papers."""

    documents: list[DocumentTickIn] = []

    def arguments(self) -> dict[str, Any]:
        return {
            **super().arguments(),
            "papers": [document.tick() for document in self.documents],
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
        return {
            **super().arguments(),
            "assignee": user_named("assignee", self.assignee),
        }


class ForwardIn(TransitionBase):
    """To the next step: review (default) or approval; ``to_user`` optional."""

    action: Literal["forward"]
    to_step: Literal["review", "approval"] | None = None
    to_user: str | None = None
    note: str = ""

    def arguments(self) -> dict[str, Any]:
        user = user_named("to_user", self.to_user) if self.to_user else None
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
        agencies = [agency_coded("agencies", code) for code in self.agencies]
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


class DeclineIn(TransitionBase):
    """Appraised and not eligible: the leader signs a notice with the reasons;
    the clerk then issues it as the result."""

    action: Literal["decline"]
    reasons: str


class ApproveIn(TransitionBase):
    action: Literal["approve"]
    note: str = ""


class IssueResultIn(TransitionBase):
    action: Literal["issue_result"]
    note: str = ""


class DecideAtCounterIn(TransitionBase):
    """A no-wait procedure decided and its result issued at the counter."""

    action: Literal["decide_at_counter"]
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
    | DeclineIn
    | ApproveIn
    | IssueResultIn
    | DecideAtCounterIn
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
    return validate(schema, raw)
