"""Reception (tiếp nhận): at the counter, online registration, check, refusal.

SPEC §4.1–4.2 and Decree 118/2025: a complete dossier is received and gets its
receipt (form 01) and deadline; an incomplete dossier, online or brought to the
counter, gets one written supplement request listing every missing item (form 02)
and its period starts once complete; a dossier outside competence or not eligible
is refused with reasons (form 03). A walk-in applicant's form 02 or 03 is recorded
under a dossier code (ADR 0009).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.models import Agency, ServicePoint
from motcua.core.errors import Conflict, InvalidInput
from motcua.core.text import fold, nfc
from motcua.dossiers.choices import (
    DossierChannel,
    ReturnMethod,
)
from motcua.dossiers.inputs import (
    ApplicantInput,
    PaidFee,
    PaperTick,
    supplement_items_clean,
)
from motcua.dossiers.intake import (
    checklist_missing,
    competent_agency_check,
    competent_agency_for,
    receiving_agency_for,
)
from motcua.dossiers.models import Dossier, DossierFee
from motcua.dossiers.numbering import register_entry_allocate
from motcua.dossiers.payloads import PapersAskedAtReception, Received, payload_of
from motcua.dossiers.services.auto_assign import dossier_auto_assign
from motcua.dossiers.services.checklist import (
    checklist_update,
    checklist_write,
    deadline_set,
)
from motcua.dossiers.services.transitions import (
    Acting,
    ActorKind,
    creation_begin,
    target_check,
    transition_begin,
    transition_finish,
)
from motcua.dossiers.workflow import (
    AT_RECEPTION_SUPPLEMENT,
    ONLINE_CHECK,
    DossierAction,
)
from motcua.notifications.models import NotificationKind
from motcua.procedures.models import Procedure, ProcedureAgency

# What a client may send as a request key: a UUID or any such token.
REQUEST_KEY_PATTERN = re.compile(r"[A-Za-z0-9-]{8,64}")


def _applicant_check(applicant: ApplicantInput) -> None:
    errors = applicant.errors()
    if errors:
        raise InvalidInput(
            _("Some applicant details are not usable."), field_errors=errors
        )


def _new_dossier(
    *,
    procedure: Procedure,
    applicant: ApplicantInput,
    receiving: Agency,
    competent: Agency,
    channel: int,
    case_heading: str,
    summary: str,
    return_method: str,
    return_address: str,
) -> Dossier:
    return Dossier(
        procedure=procedure,
        case_heading=case_heading,
        summary=nfc(summary),
        channel=channel,
        receiving_agency=receiving,
        competent_agency=competent,
        applicant_kind=applicant.kind,
        # Names and addresses in composed form (NFC), as typed on any keyboard:
        # search and printed forms then match what was typed.
        applicant_name=nfc(applicant.name),
        applicant_id_number=applicant.id_number.strip(),
        applicant_birth_date=applicant.birth_date,
        applicant_address=nfc(applicant.address),
        applicant_unit_id=applicant.unit_id,
        applicant_phone=applicant.phone,
        applicant_email=applicant.email,
        filer_name=nfc(applicant.filer_name),
        filer_id_number=applicant.filer_id_number,
        filer_phone=applicant.filer_phone,
        authorisation_paper=applicant.authorisation_paper,
        applicant_folded=fold(nfc(applicant.name))[:200],
        return_method=return_method,
        return_address=nfc(return_address),
    )


def _require_decides(procedure: Procedure, competent: Agency) -> None:
    """The competent agency must carry out the procedure (the catalogue's links)."""
    if (
        not competent.is_active
        or not ProcedureAgency.objects.filter(
            procedure=procedure, agency=competent
        ).exists()
    ):
        raise InvalidInput(
            _("%(agency)s does not decide the procedure %(procedure)s.")
            % {"agency": competent, "procedure": procedure.code},
            field_errors={
                "competent_agency": _("Choose an agency that decides this procedure.")
            },
        )


def dossier_by_request_key(*, request_key: str, actor: User | None) -> Dossier | None:
    """The dossier an earlier try of the same request made, or None.

    A key made by someone else is a conflict, never a way to see their dossier.
    """
    if not request_key:
        return None
    found = Dossier.objects.filter(request_key=request_key).first()
    if found is None:
        return None
    # The creation is the first event, whichever it was (a reception, an online
    # registration, a supplement request or a refusal at the counter).
    maker = found.events.order_by("sequence").values_list("actor_id", flat=True).first()
    if actor is None or maker != actor.pk:
        raise Conflict(
            _("This request key was already used for another request."),
            field_errors={"request_key": _("Send a new key for a new dossier.")},
        )
    return found


def _once(
    create: Callable[..., Dossier],
    *,
    actor: User | None,
    request_key: str,
    details: dict[str, Any],
) -> Dossier:
    """Run ``create`` (atomic) once per ``request_key``: a retried request (a
    double click, a client that lost the answer) gets the dossier the first one
    made, with no second code and no second message."""
    key = _request_key_clean(request_key)
    found = dossier_by_request_key(request_key=key, actor=actor)
    if found is not None:
        return found
    try:
        return create(actor=actor, request_key=key, **details)
    except IntegrityError:
        # Two tries at once: the other one committed first.
        found = dossier_by_request_key(request_key=key, actor=actor)
        if found is None:
            raise
        return found


def _request_key_clean(request_key: str) -> str:
    key = request_key.strip()
    if key and not REQUEST_KEY_PATTERN.fullmatch(key):
        raise InvalidInput(
            _("The request key must be 8 to 64 letters, digits or dashes."),
            field_errors={"request_key": _("Send a UUID, for example.")},
        )
    return key


def _incomplete(missing: list[str]) -> InvalidInput:
    return InvalidInput(
        _("The dossier is not complete; missing: %(items)s.")
        % {"items": "; ".join(missing)},
        field_errors={"papers": _("Some required papers are missing.")},
    )


def dossier_create_at_counter(
    *,
    actor: User,
    request_key: str = "",
    **details: Any,
) -> Dossier:
    """Create and receive a complete dossier at a counter, once per ``request_key``.

    ``request_key`` (the counter form's hidden key, the API's ``Idempotency-Key``)
    makes a retried request return the dossier its first try made; see
    ``_create_at_counter`` for the rest.

    Raises:
        Conflict: ``request_key`` was used by someone else.
        InvalidInput, PermissionDenied: see ``_create_at_counter``.
    """
    return _once(
        _create_at_counter, actor=actor, request_key=request_key, details=details
    )


def _walk_in(
    *,
    actor: User,
    action: DossierAction,
    request_key: str,
    procedure: Procedure,
    service_point: ServicePoint,
    applicant: ApplicantInput,
    papers: Sequence[PaperTick],
    case_heading: str,
    summary: str,
    channel: int,
    competent_agency: Agency | None,
    return_method: str,
    return_address: str,
) -> tuple[Acting, list[str]]:
    """The creation of a walk-in applicant's dossier by ``action`` (unsaved), and
    the checklist papers not brought.

    The receiving agency is the service point's; the competent agency is the one
    given, which must be able to decide the procedure, else the one
    ``dossiers.competence`` proposes for the applicant's commune (Decree 118/2025
    Art. 14: reception regardless of boundary).

    Raises:
        PermissionDenied: the table's creation row does not grant ``action`` to
            the actor at the point's agency (a reception officer).
        InvalidInput: bad applicant details, unknown checklist items, no
            competent agency found, or one that cannot decide the procedure.
    """
    receiving = service_point.agency
    # Who may act is checked before what was typed, as for any transition.
    acting = creation_begin(
        action=action, dossier=Dossier(receiving_agency=receiving), actor=actor
    )
    _applicant_check(applicant)
    if competent_agency is None:
        competent = competent_agency_for(
            procedure=procedure, service_point=service_point, unit_id=applicant.unit_id
        )
    else:
        competent_agency_check(procedure, service_point, competent_agency)
        competent = competent_agency
    dossier = _new_dossier(
        procedure=procedure,
        applicant=applicant,
        receiving=receiving,
        competent=competent,
        channel=channel,
        case_heading=case_heading,
        summary=summary,
        return_method=return_method,
        return_address=return_address,
    )
    dossier.service_point = service_point
    dossier.request_key = request_key or None
    acting.dossier = dossier
    missing = checklist_missing(procedure, case_heading, papers, channel=channel)
    return acting, missing


def _walk_in_save(
    acting: Acting,
    *,
    now: datetime,
    papers: Sequence[PaperTick],
    message: NotificationKind,
    message_context: dict[str, object] | None = None,
    note: str = "",
    payload: Received | PapersAskedAtReception | None = None,
) -> Dossier:
    """Create the dossier (code, first event, message) and write its checklist.

    ``payload`` defaults to a walk-in reception on the dossier's channel.
    """
    dossier = acting.dossier
    transition_finish(
        acting,
        now=now,
        to=acting.permit.transition.targets[0],
        receiver_agency=dossier.competent_agency,
        note=note,
        payload=payload or Received(channel=dossier.channel, counter=True),
        message=message,
        message_context=message_context,
    )
    checklist_write(dossier, papers)
    return dossier


@transaction.atomic
def _create_at_counter(
    *,
    actor: User,
    request_key: str,
    now: datetime,
    procedure: Procedure,
    service_point: ServicePoint,
    applicant: ApplicantInput,
    papers: Sequence[PaperTick],
    case_heading: str = "",
    summary: str = "",
    channel: int = DossierChannel.IN_PERSON,
    competent_agency: Agency | None = None,
    return_method: str = ReturnMethod.COUNTER,
    return_address: str = "",
) -> Dossier:
    """Create and receive a complete dossier at a counter, in one transaction.

    See ``_walk_in`` for the agencies. Gives the code, computes the deadline,
    writes one ``receive`` event and the receipt message.

    Raises:
        PermissionDenied: the actor is not a reception officer of the point's agency.
        InvalidInput: bad applicant details, unknown or missing checklist items,
            no competent agency found.
    """
    acting, missing = _walk_in(
        actor=actor,
        action=DossierAction.RECEIVE,
        request_key=request_key,
        procedure=procedure,
        service_point=service_point,
        applicant=applicant,
        papers=papers,
        case_heading=case_heading,
        summary=summary,
        channel=channel,
        competent_agency=competent_agency,
        return_method=return_method,
        return_address=return_address,
    )
    if missing:
        raise _incomplete(missing)
    dossier = acting.dossier
    deadline_set(dossier, now=now)
    register_entry_allocate(dossier, now=now)
    _walk_in_save(acting, now=now, papers=papers, message=NotificationKind.RECEIVED)
    dossier_auto_assign(dossier, now=now)
    return dossier


def dossier_request_papers_at_counter(
    *,
    actor: User,
    request_key: str = "",
    **details: Any,
) -> Dossier:
    """Hand a walk-in applicant whose papers are incomplete the one written list
    of every missing paper (form 02), once per ``request_key``.

    The dossier is registered with its code and waits at reception (status 5,
    step "waiting for papers at reception"); when the applicant brings the
    papers, the officer records them and receives it under the same code, and
    its period starts then (ADR 0009). See ``_request_papers_at_counter``.
    """
    return _once(
        _request_papers_at_counter,
        actor=actor,
        request_key=request_key,
        details=details,
    )


@transaction.atomic
def _request_papers_at_counter(
    *,
    actor: User,
    request_key: str,
    now: datetime,
    procedure: Procedure,
    service_point: ServicePoint,
    applicant: ApplicantInput,
    papers: Sequence[PaperTick],
    case_heading: str = "",
    summary: str = "",
    reason: str = "",
    channel: int = DossierChannel.IN_PERSON,
    competent_agency: Agency | None = None,
    return_method: str = ReturnMethod.COUNTER,
    return_address: str = "",
) -> Dossier:
    """Register a walk-in dossier and ask for every missing paper at once.

    The papers asked for are exactly those of the checklist not ticked, so a
    paper that was brought cannot be listed and none is forgotten (Decree
    118/2025: the applicant is guided once, fully, in writing).

    Raises:
        PermissionDenied: not a reception officer of the point's agency.
        Conflict: nothing is missing (receive the dossier instead).
        InvalidInput: see ``_walk_in``.
    """
    acting, missing = _walk_in(
        actor=actor,
        action=DossierAction.REQUEST_SUPPLEMENT_AT_RECEPTION,
        request_key=request_key,
        procedure=procedure,
        service_point=service_point,
        applicant=applicant,
        papers=papers,
        case_heading=case_heading,
        summary=summary,
        channel=channel,
        competent_agency=competent_agency,
        return_method=return_method,
        return_address=return_address,
    )
    if not missing:
        raise Conflict(
            _("Every paper of the checklist is here: receive the dossier instead."),
            field_errors={"papers": _("Nothing is missing.")},
        )
    return _walk_in_save(
        acting,
        now=now,
        papers=papers,
        note=reason.strip(),
        payload=PapersAskedAtReception(
            channel=acting.dossier.channel, counter=True, items=tuple(missing), round=1
        ),
        message=NotificationKind.SUPPLEMENT_REQUESTED,
        message_context={"items": missing, "reason": reason.strip()},
    )


def dossier_refuse_at_counter(
    *,
    actor: User,
    request_key: str = "",
    **details: Any,
) -> Dossier:
    """Refuse a walk-in applicant's dossier with reasons (form 03), once per
    ``request_key``: the dossier is recorded with its code as not received
    (status 3), in the register, so the refusal is on record (ADR 0009). See
    ``_refuse_at_counter``."""
    return _once(
        _refuse_at_counter, actor=actor, request_key=request_key, details=details
    )


@transaction.atomic
def _refuse_at_counter(
    *,
    actor: User,
    request_key: str,
    now: datetime,
    procedure: Procedure,
    service_point: ServicePoint,
    applicant: ApplicantInput,
    papers: Sequence[PaperTick],
    reasons: str,
    case_heading: str = "",
    summary: str = "",
    channel: int = DossierChannel.IN_PERSON,
    competent_agency: Agency | None = None,
    return_method: str = ReturnMethod.COUNTER,
    return_address: str = "",
) -> Dossier:
    """Record a walk-in dossier refused at reception (status 3, closed).

    Raises:
        PermissionDenied: not a reception officer of the point's agency.
        InvalidInput: no reasons; see ``_walk_in``.
    """
    reasons = reasons.strip()
    if not reasons:
        raise InvalidInput(
            _("A refusal needs its reasons."),
            field_errors={"reasons": _("This field is required.")},
        )
    acting, _missing = _walk_in(
        actor=actor,
        action=DossierAction.REFUSE,
        request_key=request_key,
        procedure=procedure,
        service_point=service_point,
        applicant=applicant,
        papers=papers,
        case_heading=case_heading,
        summary=summary,
        channel=channel,
        competent_agency=competent_agency,
        return_method=return_method,
        return_address=return_address,
    )
    acting.dossier.finished_at = now
    return _walk_in_save(
        acting,
        now=now,
        papers=papers,
        note=reasons,
        message=NotificationKind.REFUSED,
        message_context={"reason": reasons},
    )


def dossier_register_online(
    *,
    actor: User | None = None,
    request_key: str = "",
    **details: Any,
) -> Dossier:
    """Register a dossier filed online, once per ``request_key``.

    With no ``actor`` it is the portal's filing path. With one (the staff API),
    the transition table must grant ``REGISTER_ONLINE`` to the actor at the
    receiving agency (a reception officer registering on the applicant's
    behalf), the competent agency must decide the procedure, and the history
    names the actor. See ``_register_online`` for the rest.

    Raises:
        PermissionDenied: the actor may not register there.
        Conflict: ``request_key`` was used by someone else.
        InvalidInput: see ``_register_online``; an agency that does not decide
            the procedure.
    """
    return _once(
        _register_online, actor=actor, request_key=request_key, details=details
    )


@transaction.atomic
def _register_online(
    *,
    actor: User | None,
    request_key: str,
    now: datetime,
    procedure: Procedure,
    competent_agency: Agency,
    applicant: ApplicantInput,
    papers: Sequence[PaperTick],
    case_heading: str = "",
    summary: str = "",
    return_method: str = ReturnMethod.ONLINE,
    return_address: str = "",
    account: User | None = None,
    paid_fees: Sequence[PaidFee] = (),
) -> Dossier:
    """Register a dossier filed on the portal or through the API (status 1).

    The receiving agency is the one whose service point receives for the
    competent agency (else the competent agency itself); the code is given now.
    No staff acts, so the event has no actor. Missing papers are allowed: the
    reception officer asks for them at the check. ``account`` is the citizen
    account that filed it; ``paid_fees`` were paid online before filing.

    Raises:
        InvalidInput: bad applicant details or unknown checklist items.
    """
    receiving = receiving_agency_for(competent_agency)
    acting = creation_begin(
        action=DossierAction.REGISTER_ONLINE,
        dossier=Dossier(receiving_agency=receiving),
        actor=actor,
        kind=ActorKind.STAFF if actor is not None else ActorKind.APPLICANT,
    )
    _applicant_check(applicant)
    if actor is not None:
        _require_decides(procedure, competent_agency)
    dossier = _new_dossier(
        procedure=procedure,
        applicant=applicant,
        receiving=receiving,
        competent=competent_agency,
        channel=DossierChannel.ONLINE,
        case_heading=case_heading,
        summary=summary,
        return_method=return_method,
        return_address=return_address,
    )
    # Rejects an unknown case or unknown items; missing papers are asked at the check.
    checklist_missing(procedure, case_heading, papers, channel=DossierChannel.ONLINE)
    dossier.account = account
    dossier.request_key = request_key or None
    acting.dossier = dossier
    # Decree 45/2020/NĐ-CP Art. 11: the portal acknowledges an online dossier at
    # once, with the time it was received.
    transition_finish(
        acting,
        now=now,
        to=acting.permit.transition.targets[0],
        payload=Received(channel=DossierChannel.ONLINE),
        message=NotificationKind.REGISTERED_ONLINE,
        message_context={"registered_at": now},
    )
    checklist_write(dossier, papers)
    DossierFee.objects.bulk_create(
        DossierFee(
            dossier=dossier,
            name=fee.name,
            amount_vnd=fee.amount_vnd,
            requested_at=fee.paid_at,
            paid_at=fee.paid_at,
            payment_method=fee.payment_method,
            receipt_number=fee.receipt_number,
        )
        for fee in paid_fees
    )
    return dossier


@transaction.atomic
def dossier_receive(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    expected_version: int | None = None,
    papers: Sequence[PaperTick] = (),
) -> Dossier:
    """Receive a checked online dossier: (1) → (2, assignment); deadline from now.

    ``papers`` updates the checklist ticks first; every item must then be
    provided or referenced.

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin``.
        InvalidInput: the dossier is still incomplete.
    """
    acting = transition_begin(
        action=DossierAction.RECEIVE,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    dossier = acting.dossier
    missing = checklist_update(dossier, papers)
    if missing:
        raise _incomplete(missing)
    deadline_set(dossier, now=now)
    register_entry_allocate(dossier, now=now)
    transition_finish(
        acting,
        now=now,
        to=acting.permit.transition.targets[0],
        receiver_agency=dossier.competent_agency,
        message=NotificationKind.RECEIVED,
    )
    dossier_auto_assign(dossier, now=now)
    return dossier


@transaction.atomic
def dossier_request_supplement_at_reception(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    items: Sequence[str],
    reason: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """Ask for every missing paper of a dossier at reception at once (form 02).

    The period has not started: it starts when the complete dossier is received.
    The law asks for one complete request (Decree 118/2025; LAW-NOTES §1
    "Incomplete"): a paper the dossier holds cannot be listed, and a later round
    (the applicant brought only some papers) may list only papers the first
    request asked for. Each request records its round.

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin``.
        InvalidInput: no items listed, a paper the dossier holds listed, or a
            later round asking for a paper the first request did not.
    """
    acting = transition_begin(
        action=DossierAction.REQUEST_SUPPLEMENT_AT_RECEPTION,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    cleaned = supplement_items_clean(items)
    dossier = acting.dossier
    _items_not_held(dossier, cleaned)
    earlier = [
        payload_of(event, PapersAskedAtReception)
        for event in dossier.events.filter(
            action=DossierAction.REQUEST_SUPPLEMENT_AT_RECEPTION
        ).order_by("sequence")
    ]
    if earlier:
        first = {fold(item) for item in earlier[0].items}
        new = [item for item in cleaned if fold(item) not in first]
        if new:
            raise InvalidInput(
                _(
                    "The first request must have listed every missing paper; it did "
                    "not ask for: %(items)s. Receive the dossier, or refuse it."
                )
                % {"items": "; ".join(new)},
                field_errors={"items": _("Only papers asked for the first time.")},
            )
    transition_finish(
        acting,
        now=now,
        to=target_check(acting, AT_RECEPTION_SUPPLEMENT),
        note=reason,
        payload=PapersAskedAtReception(items=tuple(cleaned), round=len(earlier) + 1),
        message=NotificationKind.SUPPLEMENT_REQUESTED,
        message_context={"items": cleaned, "reason": reason},
    )
    return acting.dossier


def _items_not_held(dossier: Dossier, items: Sequence[str]) -> None:
    """Refuse a request that lists a paper of the checklist the dossier holds."""
    held = {
        fold(row.name): row.name
        for row in dossier.papers.all()
        if row.is_provided or row.reference
    }
    listed = [held[fold(item)] for item in items if fold(item) in held]
    if listed:
        raise InvalidInput(
            _("These papers are already in the dossier: %(items)s.")
            % {"items": "; ".join(listed)},
            field_errors={"items": _("List only papers that are missing.")},
        )


@transaction.atomic
def dossier_receive_supplement_at_reception(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    papers: Sequence[PaperTick] = (),
    note: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """Record the papers sent after a reception request; back to the check (1).

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin``.
        InvalidInput: an unknown checklist item.
    """
    acting = transition_begin(
        action=DossierAction.RECEIVE_SUPPLEMENT_AT_RECEPTION,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    checklist_update(acting.dossier, papers)
    transition_finish(acting, now=now, to=target_check(acting, ONLINE_CHECK), note=note)
    return acting.dossier


@transaction.atomic
def dossier_refuse(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    reasons: str,
    expected_version: int | None = None,
) -> Dossier:
    """Refuse a dossier at reception with reasons (form 03): status 3, closed.

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin``.
        InvalidInput: no reasons given.
    """
    if not reasons.strip():
        raise InvalidInput(
            _("A refusal needs its reasons."),
            field_errors={"reasons": _("This field is required.")},
        )
    acting = transition_begin(
        action=DossierAction.REFUSE,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    acting.dossier.finished_at = now
    transition_finish(
        acting,
        now=now,
        to=acting.permit.transition.targets[0],
        note=reasons.strip(),
        message=NotificationKind.REFUSED,
        message_context={"reason": reasons.strip()},
    )
    return acting.dossier
