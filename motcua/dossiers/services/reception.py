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
from motcua.core.errors import Conflict, InvalidInput, PermissionDenied
from motcua.core.text import fold, nfc
from motcua.dossiers.access import roles_by_agency_for
from motcua.dossiers.choices import (
    DossierChannel,
    DossierStatus,
    DossierStep,
    ReturnMethod,
)
from motcua.dossiers.events import event_record
from motcua.dossiers.inputs import (
    ApplicantInput,
    DocumentTick,
    PaidFee,
    supplement_items_clean,
)
from motcua.dossiers.intake import (
    checklist_missing,
    competent_agency_check,
    competent_agency_for,
    receiving_agency_for,
)
from motcua.dossiers.messages import notify
from motcua.dossiers.models import Dossier, DossierFee
from motcua.dossiers.numbering import dossier_code_allocate, register_entry_allocate
from motcua.dossiers.services.auto_assign import dossier_auto_assign
from motcua.dossiers.services.checklist import (
    checklist_update,
    checklist_write,
    deadline_set,
)
from motcua.dossiers.services.transitions import (
    target_check,
    transition_begin,
    transition_finish,
)
from motcua.dossiers.timing import step_due_at
from motcua.dossiers.workflow import (
    AT_RECEPTION_SUPPLEMENT,
    ONLINE_CHECK,
    DossierAction,
    DossierState,
    permit_for,
    transitions_from,
)
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


def _require_reception_officer(
    actor: User, receiving: Agency, action: str = DossierAction.RECEIVE
) -> str:
    """The actor's role for ``action`` at ``receiving`` per the transition table
    (``RECEIVE`` from the check; ``REGISTER_ONLINE``, a creation)."""
    source = None if action == DossierAction.REGISTER_ONLINE else ONLINE_CHECK
    transition = transitions_from(action, source)
    assert transition is not None  # noqa: S101 - the table has this row
    state = DossierState(
        status=DossierStatus.REGISTERED,
        step=DossierStep.ONLINE_CHECK,
        receiving_agency_id=receiving.pk,
        competent_agency_id=receiving.pk,
    )
    permit = permit_for(transition, state, roles_by_agency_for(actor), user_id=actor.pk)
    if permit is None:
        raise PermissionDenied(
            _("Only a reception officer of %(agency)s may receive dossiers there.")
            % {"agency": receiving}
        )
    return permit.role


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
        field_errors={"documents": _("Some required papers are missing.")},
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
    action: str,
    request_key: str,
    procedure: Procedure,
    service_point: ServicePoint,
    applicant: ApplicantInput,
    documents: Sequence[DocumentTick],
    case_heading: str,
    summary: str,
    channel: int,
    competent_agency: Agency | None,
    return_method: str,
    return_address: str,
) -> tuple[Dossier, str, list[str]]:
    """The unsaved dossier of a walk-in applicant, the actor's role for
    ``action``, and the checklist papers not brought.

    The receiving agency is the service point's; the competent agency is the one
    given, which must be able to decide the procedure, else the one
    ``dossiers.competence`` proposes for the applicant's commune (Decree 118/2025
    Art. 14: reception regardless of boundary).

    Raises:
        PermissionDenied: the actor is not a reception officer of the point's agency.
        InvalidInput: bad applicant details, unknown checklist items, no
            competent agency found, or one that cannot decide the procedure.
    """
    receiving = service_point.agency
    role = _require_reception_officer(actor, receiving, action=action)
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
    missing = checklist_missing(procedure, case_heading, documents, channel=channel)
    return dossier, role, missing


def _walk_in_save(
    dossier: Dossier,
    *,
    actor: User,
    role: str,
    action: str,
    now: datetime,
    documents: Sequence[DocumentTick],
    note: str = "",
    data: dict[str, object] | None = None,
) -> None:
    """Give the code, save the dossier and its checklist, write its first event."""
    receiving = dossier.receiving_agency
    dossier.code = dossier_code_allocate(agency=receiving, at=now)
    dossier.registered_at = now
    dossier.step_started_at = now
    dossier.step_due_at = step_due_at(dossier, dossier.step, now)
    dossier.save()
    checklist_write(dossier, documents)
    event_record(
        dossier=dossier,
        action=action,
        at=now,
        from_status=None,
        from_step="",
        actor=actor,
        actor_role=role,
        actor_agency=receiving,
        receiver_agency=dossier.competent_agency,
        note=note,
        data={"channel": dossier.channel, "counter": True, **(data or {})},
    )


@transaction.atomic
def _create_at_counter(
    *,
    actor: User,
    request_key: str,
    now: datetime,
    procedure: Procedure,
    service_point: ServicePoint,
    applicant: ApplicantInput,
    documents: Sequence[DocumentTick],
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
    dossier, role, missing = _walk_in(
        actor=actor,
        action=DossierAction.RECEIVE,
        request_key=request_key,
        procedure=procedure,
        service_point=service_point,
        applicant=applicant,
        documents=documents,
        case_heading=case_heading,
        summary=summary,
        channel=channel,
        competent_agency=competent_agency,
        return_method=return_method,
        return_address=return_address,
    )
    if missing:
        raise _incomplete(missing)
    dossier.status, dossier.step = DossierStatus.RECEIVED, DossierStep.ASSIGNMENT
    deadline_set(dossier, now=now)
    register_entry_allocate(dossier, now=now)
    _walk_in_save(
        dossier,
        actor=actor,
        role=role,
        action=DossierAction.RECEIVE,
        now=now,
        documents=documents,
    )
    notify(dossier, kind="received", now=now)
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
    documents: Sequence[DocumentTick],
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
    action = DossierAction.REQUEST_SUPPLEMENT_AT_RECEPTION
    dossier, role, missing = _walk_in(
        actor=actor,
        action=action,
        request_key=request_key,
        procedure=procedure,
        service_point=service_point,
        applicant=applicant,
        documents=documents,
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
            field_errors={"documents": _("Nothing is missing.")},
        )
    dossier.status, dossier.step = AT_RECEPTION_SUPPLEMENT
    _walk_in_save(
        dossier,
        actor=actor,
        role=role,
        action=action,
        now=now,
        documents=documents,
        note=reason.strip(),
        data={"items": missing, "round": 1},
    )
    notify(
        dossier,
        kind="supplement_requested",
        now=now,
        items=missing,
        reason=reason.strip(),
    )
    return dossier


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
    documents: Sequence[DocumentTick],
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
    dossier, role, _missing = _walk_in(
        actor=actor,
        action=DossierAction.REFUSE,
        request_key=request_key,
        procedure=procedure,
        service_point=service_point,
        applicant=applicant,
        documents=documents,
        case_heading=case_heading,
        summary=summary,
        channel=channel,
        competent_agency=competent_agency,
        return_method=return_method,
        return_address=return_address,
    )
    dossier.status, dossier.step = DossierStatus.NOT_RECEIVED, DossierStep.CLOSED
    dossier.finished_at = now
    _walk_in_save(
        dossier,
        actor=actor,
        role=role,
        action=DossierAction.REFUSE,
        now=now,
        documents=documents,
        note=reasons,
    )
    notify(dossier, kind="refused", now=now, reason=reasons)
    return dossier


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
    documents: Sequence[DocumentTick],
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
    _applicant_check(applicant)
    receiving = receiving_agency_for(competent_agency)
    role = ""
    if actor is not None:
        role = _require_reception_officer(
            actor, receiving, action=DossierAction.REGISTER_ONLINE
        )
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
    checklist_missing(procedure, case_heading, documents, channel=DossierChannel.ONLINE)
    dossier.account = account
    dossier.request_key = request_key or None
    dossier.code = dossier_code_allocate(agency=receiving, at=now)
    dossier.registered_at = now
    dossier.step_started_at = now
    dossier.step_due_at = step_due_at(dossier, DossierStep.ONLINE_CHECK, now)
    dossier.save()
    checklist_write(dossier, documents)
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
    event_record(
        dossier=dossier,
        action=DossierAction.REGISTER_ONLINE,
        at=now,
        from_status=None,
        from_step="",
        actor=actor,
        actor_role=role,
        actor_agency=receiving if actor is not None else None,
        data={"channel": DossierChannel.ONLINE},
    )
    # Decree 45/2020/NĐ-CP Art. 11: the portal acknowledges an online dossier at
    # once, with the time it was received.
    notify(dossier, kind="registered_online", now=now, registered_at=now)
    return dossier


@transaction.atomic
def dossier_receive(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    expected_version: int | None = None,
    documents: Sequence[DocumentTick] = (),
) -> Dossier:
    """Receive a checked online dossier: (1) → (2, assignment); deadline from now.

    ``documents`` updates the checklist ticks first; every item must then be
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
    missing = checklist_update(dossier, documents)
    if missing:
        raise _incomplete(missing)
    deadline_set(dossier, now=now)
    register_entry_allocate(dossier, now=now)
    transition_finish(
        acting,
        now=now,
        to=acting.permit.transition.targets[0],
        receiver_agency=dossier.competent_agency,
    )
    notify(dossier, kind="received", now=now)
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
    earlier = list(
        dossier.events.filter(action=DossierAction.REQUEST_SUPPLEMENT_AT_RECEPTION)
        .order_by("sequence")
        .values_list("data", flat=True)
    )
    if earlier:
        first = {fold(str(item)) for item in earlier[0].get("items") or []}
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
        data={"items": cleaned, "round": len(earlier) + 1},
    )
    notify(
        acting.dossier,
        kind="supplement_requested",
        now=now,
        items=cleaned,
        reason=reason,
    )
    return acting.dossier


def _items_not_held(dossier: Dossier, items: Sequence[str]) -> None:
    """Refuse a request that lists a paper of the checklist the dossier holds."""
    held = {
        fold(row.name): row.name
        for row in dossier.documents.all()
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
    documents: Sequence[DocumentTick] = (),
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
    checklist_update(acting.dossier, documents)
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
        acting, now=now, to=acting.permit.transition.targets[0], note=reasons.strip()
    )
    notify(acting.dossier, kind="refused", now=now, reason=reasons.strip())
    return acting.dossier
