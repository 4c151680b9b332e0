"""What an event of each action records beyond its columns: one type per action.

An event's columns (who, when, from → to, the step closed and its judgement,
the note) are the same for every action; what differs (the papers asked, the
fees, the dates moved, ...) is its payload, stored as JSON in ``data``. Each
action has exactly one payload type here, written by the service that takes
the action (``transition_finish(payload=...)``) and read back with
:func:`payload_of`, so the history, form 02, the register, the public view and
the API all read the same named fields instead of keys of a dictionary.

Datetimes are stored in local time (ISO 8601 with its +07:00 offset), lists as
JSON arrays. A payload read back from an older row that lacks a field takes
the field's default, so reading history never fails.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, ClassVar, TypeVar

from django.utils import timezone
from pydantic import PlainSerializer, TypeAdapter

from motcua.dossiers.models import DossierEvent
from motcua.dossiers.workflow import DossierAction as A

LocalTime = Annotated[
    datetime,
    PlainSerializer(lambda at: timezone.localtime(at).isoformat(), when_used="json"),
]


@dataclass(frozen=True, slots=True)
class EventPayload:
    """The base of every payload; ``ACTIONS`` names the actions it belongs to."""

    ACTIONS: ClassVar[tuple[str, ...]] = ()

    def as_data(self) -> dict[str, Any]:
        """The JSON object stored in the event's ``data``."""
        data: dict[str, Any] = _adapter(type(self)).dump_python(self, mode="json")
        return data


@dataclass(frozen=True, slots=True)
class NoDetails(EventPayload):
    """The event's columns say it all (a hand-over, an approval, a stop ...)."""

    ACTIONS = (
        A.FORWARD,
        A.RETURN,
        A.RECEIVE_SUPPLEMENT_AT_RECEPTION,
        A.WITHDRAW,
        A.STOP,
        A.APPROVE,
    )


@dataclass(frozen=True, slots=True)
class Received(EventPayload):
    """A reception, a refusal or an online registration.

    ``counter``: created by a walk-in at the counter (then ``channel`` is set);
    an online dossier checked later and received or refused has neither.
    """

    ACTIONS = (A.REGISTER_ONLINE, A.RECEIVE, A.REFUSE)
    channel: int | None = None  # DossierChannel
    counter: bool = False


@dataclass(frozen=True, slots=True)
class PapersAskedAtReception(EventPayload):
    """Papers asked before reception (form 02); ``round`` counts the requests.

    At the counter the request creates the dossier (``counter``, ``channel``).
    """

    ACTIONS = (A.REQUEST_SUPPLEMENT_AT_RECEPTION,)
    channel: int | None = None
    counter: bool = False
    items: tuple[str, ...] = ()
    round: int = 1


@dataclass(frozen=True, slots=True)
class PapersAsked(EventPayload):
    """Papers asked during processing (form 02); the clock stops."""

    ACTIONS = (A.REQUEST_SUPPLEMENT,)
    items: tuple[str, ...] = ()
    supplement_count: int = 0  # requests so far, this one included


@dataclass(frozen=True, slots=True)
class PapersSentOnline(EventPayload):
    """The papers the applicant sent online, as they were asked."""

    ACTIONS = (A.SEND_SUPPLEMENT_ONLINE,)
    papers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PauseEnded(EventPayload):
    """A pause ends (papers or payment came in); the deadline moves."""

    ACTIONS = (A.RECEIVE_SUPPLEMENT, A.RECORD_PAYMENT)
    deadline_before: LocalTime | None = None
    deadline_after: LocalTime | None = None
    paused_minutes_total: int = 0
    online: bool = False  # paid online through a gateway


@dataclass(frozen=True, slots=True)
class FeeAsked:
    """One fee asked for."""

    name: str
    amount_vnd: int


@dataclass(frozen=True, slots=True)
class PaymentAsked(EventPayload):
    """Fees asked for; ``listed_free``: the catalogue lists the procedure free."""

    ACTIONS = (A.REQUEST_PAYMENT,)
    fees: tuple[FeeAsked, ...] = ()
    listed_free: bool = False


@dataclass(frozen=True, slots=True)
class Assigned(EventPayload):
    """An assignment; ``rule``: the automatic rule that chose (None: a person)."""

    ACTIONS = (A.ASSIGN,)
    rule: int | None = None


@dataclass(frozen=True, slots=True)
class SentToAgencies(EventPayload):
    """Sent to other agencies (liên thông), their codes in order."""

    ACTIONS = (A.SEND_TO_AGENCY,)
    agencies: tuple[str, ...] = ()
    mode: str = ""


@dataclass(frozen=True, slots=True)
class AgencyReplied(EventPayload):
    """Another agency's reply on its leg."""

    ACTIONS = (A.AGENCY_REPLY,)
    agency: str = ""
    leg: int | None = None


@dataclass(frozen=True, slots=True)
class NewDate(EventPayload):
    """A leader's apology with a new date (form 04)."""

    ACTIONS = (A.APOLOGISE,)
    new_deadline_at: LocalTime | None = None


@dataclass(frozen=True, slots=True)
class MovedForNotice(EventPayload):
    """The date moved for a service incident announced in a notice."""

    ACTIONS = (A.EXTEND_FOR_NOTICE,)
    notice_id: int | None = None
    reason: str = ""
    extra_working_hours: int | None = None
    promised_before: LocalTime | None = None
    new_deadline_at: LocalTime | None = None


@dataclass(frozen=True, slots=True)
class Declined(EventPayload):
    """Found not eligible, with the reasons the notice gives."""

    ACTIONS = (A.DECLINE,)
    reasons: str = ""


@dataclass(frozen=True, slots=True)
class ResultIssued(EventPayload):
    """The result numbered and issued; the dossier's judgement (Decision 766)."""

    ACTIONS = (A.ISSUE_RESULT, A.DECIDE_AT_COUNTER)
    result_number: str = ""
    dossier_judgement: str = ""


@dataclass(frozen=True, slots=True)
class ResultReturned(EventPayload):
    """The result handed over, how, and its number in the register."""

    ACTIONS = (A.RETURN_RESULT,)
    method: str = ""
    register_number: int | None = None


@dataclass(frozen=True, slots=True)
class DeadlineRecounted(EventPayload):
    """The deadline recounted on a changed holiday calendar."""

    ACTIONS = (A.RECOMPUTE_DEADLINE,)
    before: LocalTime | None = None
    after: LocalTime | None = None


@dataclass(frozen=True, slots=True)
class ContactsErased(EventPayload):
    """The applicant's contacts erased after their retention period."""

    ACTIONS = (A.ERASE_CONTACTS,)
    fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClosedUnsupplemented(EventPayload):
    """Closed because the papers asked for did not come within the period."""

    ACTIONS = (A.CLOSE_UNSUPPLEMENTED,)
    working_days: int | None = None
    due_at: LocalTime | None = None


P = TypeVar("P", bound="EventPayload")

PAYLOAD_TYPES: tuple[type[EventPayload], ...] = (
    NoDetails,
    Received,
    PapersAskedAtReception,
    PapersAsked,
    PapersSentOnline,
    PauseEnded,
    PaymentAsked,
    Assigned,
    SentToAgencies,
    AgencyReplied,
    NewDate,
    MovedForNotice,
    Declined,
    ResultIssued,
    ResultReturned,
    DeadlineRecounted,
    ContactsErased,
    ClosedUnsupplemented,
)

PAYLOAD_OF_ACTION: dict[str, type[EventPayload]] = {
    action: kind for kind in PAYLOAD_TYPES for action in kind.ACTIONS
}


_ADAPTERS: dict[type[EventPayload], TypeAdapter[Any]] = {
    kind: TypeAdapter(kind) for kind in PAYLOAD_TYPES
}


def _adapter(kind: type[EventPayload]) -> TypeAdapter[Any]:
    return _ADAPTERS[kind]


def payload_check(action: str, payload: EventPayload) -> None:
    """Refuse a payload of another action's type (a programming error)."""
    expected = PAYLOAD_OF_ACTION[action]
    if type(payload) is not expected:
        raise TypeError(
            f"An event {action!r} records {expected.__name__}, "
            f"not {type(payload).__name__}."
        )


def payload_default(action: str) -> EventPayload:
    """The payload of an event of ``action`` that records nothing more."""
    return PAYLOAD_OF_ACTION[action]()


def payload_of(event: DossierEvent, kind: type[P]) -> P:
    """The payload of ``event``, which must be of type ``kind``."""
    payload = payload_read(event.action, event.data)
    if not isinstance(payload, kind):
        raise TypeError(
            f"An event {event.action!r} records {type(payload).__name__}, "
            f"not {kind.__name__}."
        )
    return payload


def items_asked(event: DossierEvent) -> tuple[str, ...]:
    """The papers a supplement request asked for (either kind of request)."""
    payload = payload_read(event.action, event.data)
    if isinstance(payload, PapersAsked | PapersAskedAtReception):
        return payload.items
    raise TypeError(f"An event {event.action!r} asks for no papers.")


def payload_read(action: str, data: Mapping[str, object]) -> EventPayload:
    """The payload of an event of ``action`` stored as ``data``."""
    kind = PAYLOAD_OF_ACTION[action]
    known = {name: data[name] for name in kind.__dataclass_fields__ if name in data}
    payload: EventPayload = _adapter(kind).validate_python(known)
    return payload
