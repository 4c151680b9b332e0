"""How a dossier is presented: its detail as its staff see it, loaded with access."""

from datetime import datetime

from django.http import HttpRequest
from django.utils import timezone

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.api.dossiers.parsing import staff_user
from motcua.api.dossiers.schemas_out import (
    AgencyRefOut,
    ApplicantOut,
    ChoiceOut,
    DocumentOut,
    DossierOut,
    FeeOut,
    FilerOut,
    LegOut,
    PersonOut,
    status_choice,
    step_choice,
)
from motcua.calendars.selectors import provisional_years_get
from motcua.dossiers import selectors
from motcua.dossiers.access import dossier_get_for_user, personal_data_visible
from motcua.dossiers.choices import DossierChannel, DossierStep
from motcua.dossiers.models import Dossier
from motcua.dossiers.timing import dossier_open_state


def _agency_ref(agency: Agency) -> AgencyRefOut:
    return AgencyRefOut(code=agency.code, name=agency.name)


def _open_state(dossier: Dossier, now: datetime) -> str | None:
    """On time / due soon / overdue while the clock runs (SPEC §5), else None."""
    state = dossier_open_state(dossier, now)
    return str(state) if state is not None else None


def _applicant(dossier: Dossier, *, full: bool) -> ApplicantOut:
    """The applicant; without ``full``, the name only (``personal_data_visible``)."""
    if not full:
        return ApplicantOut(
            kind=dossier.applicant_kind,
            name=dossier.applicant_name,
            id_number="",
            birth_date=None,
            address="",
            phone="",
            email="",
        )
    return ApplicantOut(
        kind=dossier.applicant_kind,
        name=dossier.applicant_name,
        id_number=dossier.applicant_id_number,
        birth_date=dossier.applicant_birth_date,
        address=dossier.applicant_address,
        phone=dossier.applicant_phone,
        email=dossier.applicant_email,
    )


def _filer(dossier: Dossier, *, full: bool) -> FilerOut | None:
    if not dossier.filer_name or not full:
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
    full = personal_data_visible(user, dossier)
    return DossierOut(
        code=dossier.code,
        procedure_code=dossier.procedure.code,
        procedure_name=dossier.procedure.name,
        case_heading=dossier.case_heading,
        summary=dossier.summary,
        channel=ChoiceOut(
            code=dossier.channel, label=str(DossierChannel(dossier.channel).label)
        ),
        status=status_choice(dossier),
        step=step_choice(dossier),
        receiving_agency=_agency_ref(dossier.receiving_agency),
        competent_agency=_agency_ref(dossier.competent_agency),
        service_point_code=dossier.service_point.code
        if dossier.service_point
        else None,
        applicant=_applicant(dossier, full=full),
        filer=_filer(dossier, full=full),
        assignee=_assignee(dossier),
        registered_at=dossier.registered_at,
        received_at=dossier.received_at,
        deadline_at=dossier.deadline_at,
        deadline_provisional_years=list(
            provisional_years_get(
                start_at=dossier.count_started_at, deadline_at=dossier.deadline_at
            )
            if dossier.count_started_at and dossier.deadline_at
            else ()
        ),
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
            for document in dossier.papers.order_by("position", "id")
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


def load(request: HttpRequest, code: str, purpose: str, now: datetime) -> Dossier:
    return dossier_get_for_user(
        user=staff_user(request), code=code, purpose=purpose, now=now
    )


def respond(request: HttpRequest, code: str, purpose: str) -> DossierOut:
    now = timezone.now()
    dossier = load(request, code, purpose, now)
    return dossier_out(dossier=dossier, user=staff_user(request), now=now)
