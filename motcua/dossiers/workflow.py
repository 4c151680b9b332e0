"""The dossier workflow: one declared table of transitions (pure code, no ORM).

Each row says which action may run from which (status, step) pairs, who may run it
(a role held in the receiving agency, the competent agency, or an agency a leg was
sent to) and where it leads. Services look their action up here; pages call
:func:`allowed_actions` to show buttons. Superusers get no pass: only a role held
through a staff assignment counts.

How our steps map onto the roles of the internal process (quy trình nội bộ,
``ProcessStep.role``) for the quota and the early / on time / late judgement of each
hand-over (form 06): see :data:`STEP_ROLES`. A step whose role has no step in the
agency's process (e.g. ``review`` under the default process, which has no division
leader step) is judged against the dossier's deadline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import StaffRole
from motcua.dossiers.choices import DossierStatus as S
from motcua.dossiers.choices import DossierStep as P

State = tuple[int, str]


class DossierAction(models.TextChoices):
    """Everything that can happen to a dossier (the ``action`` of its events)."""

    REGISTER_ONLINE = "register_online", _("registered online")  # nộp trực tuyến
    RECEIVE = "receive", _("received")  # tiếp nhận (form 01)
    REQUEST_SUPPLEMENT_AT_RECEPTION = (
        "request_supplement_at_reception",
        _("supplement requested at reception"),  # form 02 at reception
    )
    RECEIVE_SUPPLEMENT_AT_RECEPTION = (
        "receive_supplement_at_reception",
        _("supplement received at reception"),
    )
    REFUSE = "refuse", _("refused")  # từ chối tiếp nhận (form 03)
    ASSIGN = "assign", _("assigned")  # phân công
    FORWARD = "forward", _("forwarded")  # chuyển bước tiếp theo
    RETURN = "return", _("returned to an earlier step")  # trả lại bước trước
    SEND_TO_AGENCY = "send_to_agency", _("sent to another agency")  # liên thông
    AGENCY_REPLY = (
        "agency_reply",
        _("another agency replied"),
    )  # cơ quan phối hợp trả lời
    REQUEST_SUPPLEMENT = "request_supplement", _("supplement requested")  # form 02
    RECEIVE_SUPPLEMENT = "receive_supplement", _("supplement received")
    # The applicant sends the missing papers online; the officer still checks and
    # records the supplement (status and step stay until then).
    SEND_SUPPLEMENT_ONLINE = (
        "send_supplement_online",
        _("supplement sent online by the applicant"),
    )
    REQUEST_PAYMENT = "request_payment", _("payment requested")  # nghĩa vụ tài chính
    RECORD_PAYMENT = "record_payment", _("payment recorded")
    APOLOGISE = "apologise", _("apology and new date")  # form 04
    EXTEND_FOR_NOTICE = (
        "extend_for_notice",
        _("date moved for a service incident"),
    )  # gia hạn do sự cố, gián đoạn dịch vụ
    WITHDRAW = "withdraw", _("withdrawn")  # rút hồ sơ
    STOP = "stop", _("stopped")  # dừng xử lý (form 05)
    # Appraised and not eligible: the leader signs a notice with the reasons, which
    # the clerk numbers and issues as the result (LAW-NOTES §1 "Refused").
    DECLINE = "decline", _("found not eligible")  # không đủ điều kiện giải quyết
    APPROVE = "approve", _("approved")  # phê duyệt
    # A no-wait procedure (TTHC không chờ, ``Procedure.is_no_wait``): decided and
    # its result issued at the counter, in the same visit.
    DECIDE_AT_COUNTER = "decide_at_counter", _("decided at the counter")
    ISSUE_RESULT = "issue_result", _("result issued")  # văn thư vào số, phát hành
    RETURN_RESULT = "return_result", _("result returned")  # trả kết quả
    # Not a transition: the system recounts the deadline of an open dossier when an
    # official holiday announcement changes the calendar (status and step stay).
    RECOMPUTE_DEADLINE = (
        "recompute_deadline",
        _("deadline recounted on the official holiday calendar"),
    )
    # Not a transition: once a closed dossier's retention period for contacts has
    # passed, the system erases the applicant's contacts (Decree 13/2023/NĐ-CP
    # Art. 16: personal data is not kept longer than its purpose needs).
    ERASE_CONTACTS = "erase_contacts", _("applicant's contacts erased")
    # Taken by the system, not a person: the papers asked for did not come within
    # the procedure's period (Decree 297/2025/NĐ-CP Art. 6(4)).
    CLOSE_UNSUPPLEMENTED = (
        "close_unsupplemented",
        _("closed: the papers asked for did not come in time"),
    )


class ActorAgency(StrEnum):
    """Where the actor must hold the role."""

    NONE = "none"  # no staff: the portal or the API acting for the applicant
    RECEIVING = "receiving"  # the agency that received the dossier
    COMPETENT = "competent"  # the agency that decides it
    LEG = "leg"  # an agency with an open request (leg) of this dossier
    SYSTEM = "system"  # no person: a rule or a scheduled job


@dataclass(frozen=True, slots=True)
class Grant:
    """``roles`` held in ``agency`` allow the action; ``assignee_only`` also needs
    the actor to be the dossier's assignee when one is set."""

    agency: ActorAgency
    roles: frozenset[str]
    assignee_only: bool = False


@dataclass(frozen=True, slots=True)
class Transition:
    """One row of the table. ``targets`` are the allowed results, the first the
    default; an empty tuple keeps the status and step (e.g. the apology)."""

    action: DossierAction
    sources: frozenset[State]
    grants: tuple[Grant, ...]
    targets: tuple[State, ...] = field(default=())


def _roles(*roles: StaffRole) -> frozenset[str]:
    return frozenset(str(role) for role in roles)


# Who a dossier may be assigned to in the competent agency.
ASSIGNABLE_ROLES = _roles(
    StaffRole.SPECIALIST, StaffRole.DIVISION_LEADER, StaffRole.AGENCY_LEADER
)
# Who sees an agency's overview (counts, loads): its leaders and the city's
# supervisors above it.
OVERSEER_ROLES = _roles(
    StaffRole.AGENCY_LEADER, StaffRole.DIVISION_LEADER, StaffRole.CITY_SUPERVISOR
)

RECEPTION = Grant(ActorAgency.RECEIVING, _roles(StaffRole.RECEPTION_OFFICER))
LEADERS = _roles(StaffRole.DIVISION_LEADER, StaffRole.AGENCY_LEADER)
HANDLERS = Grant(ActorAgency.COMPETENT, ASSIGNABLE_ROLES, assignee_only=True)
AGENCY_LEADER = Grant(ActorAgency.COMPETENT, _roles(StaffRole.AGENCY_LEADER))
# The applicant, online or through the portal's filing (no staff role).
APPLICANT = Grant(ActorAgency.NONE, frozenset())
# The system: an assignment rule, a scheduled job.
SYSTEM = Grant(ActorAgency.SYSTEM, frozenset())
LEG_STAFF = Grant(
    ActorAgency.LEG,
    _roles(
        StaffRole.SPECIALIST,
        StaffRole.DIVISION_LEADER,
        StaffRole.AGENCY_LEADER,
        StaffRole.CLERK,
    ),
)

ONLINE_CHECK: State = (S.REGISTERED, P.ONLINE_CHECK)
AT_RECEPTION_SUPPLEMENT: State = (S.SUPPLEMENT_REQUESTED, P.RECEPTION_SUPPLEMENT)
ASSIGNMENT: State = (S.RECEIVED, P.ASSIGNMENT)
PROCESSING: State = (S.PROCESSING, P.PROCESSING)
REVIEW: State = (S.PROCESSING, P.REVIEW)
APPROVAL: State = (S.PROCESSING, P.APPROVAL)
ISSUING: State = (S.PROCESSING, P.ISSUING)
OTHER_AGENCY: State = (S.PROCESSING, P.OTHER_AGENCY)
SUPPLEMENT: State = (S.SUPPLEMENT_REQUESTED, P.SUPPLEMENT)
PAYMENT: State = (S.FINANCIAL_OBLIGATION, P.PAYMENT)
RESULT_READY: State = (S.PROCESSED, P.RESULT_READY)

# Received and not yet decided: where the clock runs or is paused.
IN_PROCESS = frozenset(
    {
        ASSIGNMENT,
        PROCESSING,
        REVIEW,
        APPROVAL,
        ISSUING,
        OTHER_AGENCY,
        SUPPLEMENT,
        PAYMENT,
    }
)
# Decree 118/2025 Art. 21, Circular 03/2025 Art. 7: a dossier may be withdrawn or
# stopped only while no decision or result has been issued. The agency leader's
# approval signs the decision: from the issuing step on (the clerk numbers and
# seals what is signed) it can no longer be withdrawn or stopped (ADR 0009).
BEFORE_DECISION = (IN_PROCESS - {ISSUING}) | {ONLINE_CHECK, AT_RECEPTION_SUPPLEMENT}
BEFORE_RESULT = BEFORE_DECISION

TRANSITIONS: tuple[Transition, ...] = (
    # The portal's filing path (no staff), or a reception officer of the
    # receiving agency registering on the applicant's behalf (staff API).
    Transition(
        DossierAction.REGISTER_ONLINE,
        frozenset(),
        (APPLICANT, RECEPTION),
        (ONLINE_CHECK,),
    ),
    # A walk-in applicant at the counter (ADR 0009): received when complete, else
    # registered and asked for every missing paper (form 02), or refused (form 03).
    Transition(DossierAction.RECEIVE, frozenset(), (RECEPTION,), (ASSIGNMENT,)),
    Transition(
        DossierAction.REQUEST_SUPPLEMENT_AT_RECEPTION,
        frozenset(),
        (RECEPTION,),
        (AT_RECEPTION_SUPPLEMENT,),
    ),
    Transition(
        DossierAction.REFUSE, frozenset(), (RECEPTION,), ((S.NOT_RECEIVED, P.CLOSED),)
    ),
    Transition(
        DossierAction.RECEIVE, frozenset({ONLINE_CHECK}), (RECEPTION,), (ASSIGNMENT,)
    ),
    Transition(
        DossierAction.REQUEST_SUPPLEMENT_AT_RECEPTION,
        frozenset({ONLINE_CHECK}),
        (RECEPTION,),
        (AT_RECEPTION_SUPPLEMENT,),
    ),
    Transition(
        DossierAction.RECEIVE_SUPPLEMENT_AT_RECEPTION,
        frozenset({AT_RECEPTION_SUPPLEMENT}),
        (RECEPTION,),
        (ONLINE_CHECK,),
    ),
    Transition(
        DossierAction.REFUSE,
        frozenset({ONLINE_CHECK, AT_RECEPTION_SUPPLEMENT}),
        (RECEPTION,),
        ((S.NOT_RECEIVED, P.CLOSED),),
    ),
    Transition(
        DossierAction.ASSIGN,
        frozenset({ASSIGNMENT, PROCESSING}),
        (Grant(ActorAgency.COMPETENT, LEADERS),),
        (PROCESSING,),
    ),
    # The competent agency's assignment rule, as the dossier is received.
    Transition(DossierAction.ASSIGN, frozenset({ASSIGNMENT}), (SYSTEM,), (PROCESSING,)),
    # Specialist → review by the division leader → approval by the agency leader;
    # the handler may go straight to approval (no review step in the process).
    Transition(
        DossierAction.FORWARD, frozenset({PROCESSING}), (HANDLERS,), (REVIEW, APPROVAL)
    ),
    Transition(
        DossierAction.FORWARD,
        frozenset({REVIEW}),
        (Grant(ActorAgency.COMPETENT, _roles(StaffRole.DIVISION_LEADER)),),
        (APPROVAL,),
    ),
    Transition(
        DossierAction.RETURN,
        frozenset({REVIEW}),
        (Grant(ActorAgency.COMPETENT, _roles(StaffRole.DIVISION_LEADER)),),
        (PROCESSING,),
    ),
    Transition(
        DossierAction.RETURN,
        frozenset({APPROVAL}),
        (AGENCY_LEADER,),
        (PROCESSING, REVIEW),
    ),
    Transition(
        DossierAction.SEND_TO_AGENCY,
        frozenset({PROCESSING}),
        (HANDLERS,),
        (OTHER_AGENCY,),
    ),
    # Stays at the other agency until every open leg is replied.
    Transition(
        DossierAction.AGENCY_REPLY,
        frozenset({OTHER_AGENCY}),
        (LEG_STAFF,),
        (PROCESSING, OTHER_AGENCY),
    ),
    Transition(
        DossierAction.REQUEST_SUPPLEMENT,
        frozenset({PROCESSING, REVIEW, APPROVAL}),
        (HANDLERS,),
        (SUPPLEMENT,),
    ),
    Transition(
        DossierAction.RECEIVE_SUPPLEMENT,
        frozenset({SUPPLEMENT}),
        (RECEPTION, HANDLERS),
        (PROCESSING,),
    ),
    # The applicant, online (no staff role); status and step stay.
    Transition(
        DossierAction.SEND_SUPPLEMENT_ONLINE,
        frozenset({AT_RECEPTION_SUPPLEMENT, SUPPLEMENT}),
        (APPLICANT,),
    ),
    Transition(
        DossierAction.REQUEST_PAYMENT,
        frozenset({PROCESSING, REVIEW, APPROVAL}),
        (HANDLERS,),
        (PAYMENT,),
    ),
    Transition(
        DossierAction.RECORD_PAYMENT,
        frozenset({PAYMENT}),
        # ... or the applicant, through the online payment gateway.
        (RECEPTION, HANDLERS, APPLICANT),
        (PROCESSING,),
    ),
    Transition(DossierAction.APOLOGISE, IN_PROCESS, (AGENCY_LEADER,)),
    # Statuses 2, 4, 5, 6 (received, processing, supplement, payment): the leader
    # moves the promised date after an incident; status and step stay.
    Transition(DossierAction.EXTEND_FOR_NOTICE, IN_PROCESS, (AGENCY_LEADER,)),
    # The reception officer records the applicant's request, or the applicant
    # asks online from their account.
    Transition(
        DossierAction.WITHDRAW,
        BEFORE_DECISION,
        (RECEPTION, APPLICANT),
        ((S.WITHDRAWN, P.CLOSED),),
    ),
    Transition(
        DossierAction.DECLINE,
        frozenset({PROCESSING, REVIEW, APPROVAL}),
        (AGENCY_LEADER,),
        (ISSUING,),
    ),
    Transition(
        DossierAction.STOP,
        IN_PROCESS - {ISSUING},
        (AGENCY_LEADER,),
        ((S.STOPPED, P.CLOSED),),
    ),
    Transition(
        DossierAction.APPROVE, frozenset({APPROVAL}), (AGENCY_LEADER,), (ISSUING,)
    ),
    # A no-wait procedure is decided at the counter in the same visit: the
    # reception officer issues the result (the service refuses any other
    # procedure), then returns it as any result.
    Transition(
        DossierAction.DECIDE_AT_COUNTER,
        frozenset({ASSIGNMENT, PROCESSING}),
        (RECEPTION,),
        (RESULT_READY,),
    ),
    Transition(
        DossierAction.ISSUE_RESULT,
        frozenset({ISSUING}),
        (Grant(ActorAgency.COMPETENT, _roles(StaffRole.CLERK)),),
        (RESULT_READY,),
    ),
    Transition(
        DossierAction.RETURN_RESULT,
        frozenset({RESULT_READY}),
        (RECEPTION,),
        ((S.RETURNED, P.CLOSED),),
    ),
    # Decree 297/2025 Art. 6(4): the papers asked for did not come in time; the
    # first target at reception, the second in processing (UNSUPPLEMENTED_ENDS_AS).
    Transition(
        DossierAction.CLOSE_UNSUPPLEMENTED,
        frozenset({AT_RECEPTION_SUPPLEMENT, SUPPLEMENT}),
        (SYSTEM,),
        ((S.NOT_RECEIVED, P.CLOSED), (S.STOPPED, P.CLOSED)),
    ),
)

# The internal-process role whose quota a step uses (form 06 judgement). The
# assignment step has no role of its own in the default process: leaders assign
# within the processing quota, so it is judged against the dossier's deadline.
STEP_ROLES: Mapping[str, str] = {
    P.PROCESSING: StaffRole.SPECIALIST,
    P.REVIEW: StaffRole.DIVISION_LEADER,
    P.APPROVAL: StaffRole.AGENCY_LEADER,
    P.ISSUING: StaffRole.CLERK,
    P.RESULT_READY: StaffRole.RECEPTION_OFFICER,
}

# Who is waited for at each step (the "mine" worklist and the leader's view).
WAITING_FOR: Mapping[str, tuple[ActorAgency, frozenset[str]]] = {
    P.ONLINE_CHECK: (ActorAgency.RECEIVING, RECEPTION.roles),
    P.RECEPTION_SUPPLEMENT: (ActorAgency.RECEIVING, RECEPTION.roles),
    P.ASSIGNMENT: (ActorAgency.COMPETENT, LEADERS),
    P.PROCESSING: (ActorAgency.COMPETENT, _roles(StaffRole.SPECIALIST)),
    P.REVIEW: (ActorAgency.COMPETENT, _roles(StaffRole.DIVISION_LEADER)),
    P.APPROVAL: (ActorAgency.COMPETENT, AGENCY_LEADER.roles),
    P.ISSUING: (ActorAgency.COMPETENT, _roles(StaffRole.CLERK)),
    P.OTHER_AGENCY: (ActorAgency.LEG, LEG_STAFF.roles),
    P.SUPPLEMENT: (ActorAgency.RECEIVING, RECEPTION.roles),
    P.PAYMENT: (ActorAgency.RECEIVING, RECEPTION.roles),
    P.RESULT_READY: (ActorAgency.RECEIVING, RECEPTION.roles),
}

# The named sets of statuses (SPEC §4; Decision 766 for "finished"). Each rule that
# asks "is it open / running / being processed / finished" reads one of these.
CLOSED_STATUSES = frozenset({S.NOT_RECEIVED, S.WITHDRAWN, S.STOPPED, S.RETURNED})
# The legal clock runs (not paused, not finished): the dossier is on time, due
# soon or overdue by its dates.
CLOCK_RUNS_STATUSES = frozenset({S.RECEIVED, S.PROCESSING})
# Received and not finished, paused ones included: "being processed" on the
# boards, a specialist's load, the dossiers a service notice touches.
BEING_PROCESSED_STATUSES = frozenset(
    {S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION}
)
# Processed with a result (Decision 766: withdrawn or stopped ones are not judged).
FINISHED_STATUSES = frozenset({S.PROCESSED, S.RETURNED})
# Corrections the system records that change no status or step (a deadline
# recounted by the holiday calendar, contacts erased after the retention period):
# events of the history, not transitions of the table.
SYSTEM_ACTIONS = frozenset(
    {
        DossierAction.RECOMPUTE_DEADLINE,
        DossierAction.ERASE_CONTACTS,
    }
)
PAUSED_STEPS = frozenset({P.SUPPLEMENT, P.PAYMENT})

# The actions that ask the applicant for papers (at reception or in processing).
SUPPLEMENT_REQUESTS = frozenset(
    {DossierAction.REQUEST_SUPPLEMENT, DossierAction.REQUEST_SUPPLEMENT_AT_RECEPTION}
)

# Decree 297/2025 Art. 6(4): a dossier whose papers do not come in time is closed:
# at reception it was never received; in processing it is stopped.
UNSUPPLEMENTED_ENDS_AS: Mapping[str, int] = {
    P.RECEPTION_SUPPLEMENT: S.NOT_RECEIVED,
    P.SUPPLEMENT: S.STOPPED,
}


@dataclass(frozen=True, slots=True)
class DossierState:
    """What the table needs to know about a dossier (and who is looking)."""

    status: int
    step: str
    receiving_agency_id: int
    competent_agency_id: int
    open_leg_agency_ids: frozenset[int] = frozenset()
    assignee_id: int | None = None


@dataclass(frozen=True, slots=True)
class Permit:
    """The actor may run ``transition`` as ``role`` of agency ``agency_id``."""

    transition: Transition
    role: str
    agency_id: int | None


def transitions_from(
    action: str, state: State | None, *, by: ActorAgency | None = None
) -> Transition | None:
    """Return the row of ``action`` whose sources include ``state`` (None: creation).

    ``by`` (the applicant's ``NONE``, the ``SYSTEM``) picks the row that grants
    the action to that kind of actor; staff rows are found without it.
    """
    for transition in TRANSITIONS:
        if transition.action != action:
            continue
        if by is not None and not any(g.agency == by for g in transition.grants):
            continue
        if by is None and all(
            g.agency is ActorAgency.SYSTEM for g in transition.grants
        ):
            continue
        if state is None and not transition.sources:
            return transition
        if state is not None and state in transition.sources:
            return transition
    return None


def _agency_ids(grant: Grant, state: DossierState) -> Iterable[int]:
    if grant.agency is ActorAgency.RECEIVING:
        return (state.receiving_agency_id,)
    if grant.agency is ActorAgency.COMPETENT:
        return (state.competent_agency_id,)
    if grant.agency is ActorAgency.LEG:
        return sorted(state.open_leg_agency_ids)
    return ()


def permit_for(
    transition: Transition,
    state: DossierState,
    roles_by_agency: Mapping[int, Iterable[str]],
    *,
    user_id: int | None = None,
) -> Permit | None:
    """Return how the actor may run ``transition`` on ``state``, or None."""
    for grant in transition.grants:
        if grant.assignee_only and state.assignee_id not in (None, user_id):
            restricted = _roles(StaffRole.SPECIALIST)
        else:
            restricted = frozenset()
        for agency_id in _agency_ids(grant, state):
            held = set(roles_by_agency.get(agency_id, ())) & grant.roles
            held -= restricted
            if held:
                return Permit(transition, sorted(held)[0], agency_id)
    return None


def allowed_actions(
    dossier_state: DossierState,
    roles_by_agency: Mapping[int, Iterable[str]],
    *,
    user_id: int | None = None,
) -> list[DossierAction]:
    """Return the actions the holder of ``roles_by_agency`` may take now, in table
    order (for the buttons of the dossier page).

    ``roles_by_agency`` maps an agency id to the roles held there; ``user_id`` lets
    a specialist act on a dossier assigned to someone else only when unassigned.
    """
    state = (dossier_state.status, dossier_state.step)
    found: list[DossierAction] = []
    for transition in TRANSITIONS:
        if state not in transition.sources or transition.action in found:
            continue
        permit = permit_for(transition, dossier_state, roles_by_agency, user_id=user_id)
        if permit is not None:
            found.append(transition.action)
    return found


def system_only_actions() -> frozenset[str]:
    """The actions of the table that only the system takes (no person's form)."""
    actions: dict[str, bool] = {}
    for transition in TRANSITIONS:
        only = all(grant.agency is ActorAgency.SYSTEM for grant in transition.grants)
        actions[transition.action] = actions.get(transition.action, True) and only
    return frozenset(action for action, only in actions.items() if only)
