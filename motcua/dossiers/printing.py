"""Build the official forms' data (``motcua.printed_forms``) from a dossier and
its history.

Forms 01–07 of Circular 03/2025/TT-VPCP, Annex I (fields in LAW-NOTES §2). The
caller checks that the asker may see the dossier (``access``) and passes the
absolute URL of its public tracking page for the QR code; these functions only
read. Render the result with ``motcua.printed_forms.rendering.form_pdf`` (or
``motcua.printed_forms.spreadsheets.register_xlsx`` for the register).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.accounts.models import User
from motcua.agencies.access import agency_for_user, require_role
from motcua.agencies.models import Agency, StaffRole
from motcua.calendars.selectors import provisional_years_get
from motcua.core.errors import InvalidInput, NotFound
from motcua.dossiers.access import (
    dossier_get_for_user,
    personal_data_visible,
    roles_by_agency_for,
)
from motcua.dossiers.choices import DossierStatus, DossierStep, ReturnMethod
from motcua.dossiers.messages import tracking_url
from motcua.dossiers.models import Dossier, DossierEvent, PersonalDataAccess
from motcua.dossiers.payloads import items_asked
from motcua.dossiers.workflow import SUPPLEMENT_REQUESTS, DossierAction
from motcua.printed_forms.data import (
    ApologyData,
    ControlSheetData,
    DeclarationData,
    Filer,
    FormData,
    FormHeader,
    HandOverRow,
    PaperItem,
    Party,
    ReceiptData,
    RefusalData,
    RegisterData,
    RegisterRow,
    StopNoticeData,
    SupplementRequestData,
)

# The forms are legal papers in Vietnamese, whatever the reader's language: these
# words are printed text, not interface messages.
RETURN_METHOD_WORDS = {
    ReturnMethod.COUNTER: "Trực tiếp",
    ReturnMethod.POST: "Qua dịch vụ bưu chính",
    ReturnMethod.ONLINE: "Trực tuyến",
}
TIME_UNIT_WORDS = {  # procedures.TimeUnit values
    "working_days": "ngày làm việc",
    "working_hours": "giờ làm việc",
    "days": "ngày",
    "months": "tháng",
}
SAME_DAY_WORDS = "Trong ngày"
# "Thành phố Hà Nội, ngày …" prints as "Hà Nội, ngày …" (Decree 30/2020, Annex I).
PLACE_PREFIXES = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ", "Thị trấn ")

# -- shared pieces -----------------------------------------------------------


def _local_date(value: datetime) -> date:
    return timezone.localtime(value).date()


def place_name(agency: Agency) -> str:
    """Return the place printed before the date: the agency's unit, unprefixed."""
    if agency.unit is None:
        return ""
    name = agency.unit.name
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return name


def form_header(agency: Agency, *, issued_on: date, number: str = "") -> FormHeader:
    """Return the header of a form issued by ``agency`` (parent agency above it)."""
    parent = agency.parent
    return FormHeader(
        parent_agency=parent.name if parent is not None else "",
        unit=agency.name,
        place=place_name(agency),
        issued_on=issued_on,
        number=number,
    )


def applicant_party(dossier: Dossier) -> Party:
    """Return the applicant (chủ hồ sơ) as printed on the forms."""
    return Party(
        name=dossier.applicant_name,
        id_number=dossier.applicant_id_number,
        address=dossier.applicant_address,
        phone=dossier.applicant_phone,
        email=dossier.applicant_email,
    )


def filer_of(dossier: Dossier) -> Filer | None:
    """Return who filed for the applicant, if someone did."""
    if not dossier.filer_name:
        return None
    return Filer(
        name=dossier.filer_name,
        id_number=dossier.filer_id_number,
        phone=dossier.filer_phone,
        authorisation_paper=dossier.authorisation_paper,
    )


def legal_time_words(amount: Decimal | None, unit: str | None) -> str:
    """Return "5 ngày làm việc" (a decimal comma: "0,5 ngày làm việc")."""
    if unit == "same_day":
        return SAME_DAY_WORDS
    if amount is None or unit is None:
        return ""
    number = f"{amount.normalize():f}".replace(".", ",")
    return f"{number} {TIME_UNIT_WORDS.get(unit, unit)}"


NO_LEGAL_TIME_WORDS = "không được công bố trong danh mục thủ tục hành chính"


def _receipt_legal_time(dossier: Dossier) -> str:
    """Line 3 of form 01: never blank. A unit the catalogue left out is said."""
    words = legal_time_words(dossier.legal_time_amount, dossier.legal_time_unit)
    if not words:
        return NO_LEGAL_TIME_WORDS
    if dossier.legal_time_unit_assumed and dossier.legal_time_amount is not None:
        number = f"{dossier.legal_time_amount.normalize():f}".replace(".", ",")
        return f"{words} (danh mục chỉ ghi “{number}”, không ghi đơn vị)"
    return words


def _request_text(dossier: Dossier) -> str:
    return dossier.summary or dossier.case_heading


def _events(dossier: Dossier) -> QuerySet[DossierEvent]:
    return dossier.events.select_related(
        "actor_agency", "receiver", "receiver_agency"
    ).order_by("sequence")


def _last_event(dossier: Dossier, condition: Q, *, missing: str) -> DossierEvent:
    event = _events(dossier).filter(condition).order_by("-sequence").first()
    if event is None:
        raise NotFound(missing)
    return event


def _actor_name(dossier: Dossier, condition: Q) -> str:
    event = _events(dossier).filter(condition).order_by("-sequence").first()
    return event.actor_name if event is not None else ""


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip(" -–•\t") for line in text.splitlines() if line.strip())


# -- 01 receipt --------------------------------------------------------------


def _papers(dossier: Dossier) -> tuple[PaperItem, ...]:
    documents = dossier.papers.filter(Q(is_provided=True) | ~Q(reference="")).order_by(
        "position", "id"
    )
    return tuple(
        PaperItem(
            name=document.name,
            originals=document.originals,
            copies=document.copies,
            note=document.reference,
        )
        for document in documents
    )


def _return_place(dossier: Dossier) -> str:
    if dossier.return_method == ReturnMethod.POST:
        return dossier.return_address
    if dossier.return_method == ReturnMethod.ONLINE:
        return dossier.return_address or dossier.applicant_email
    point = dossier.service_point
    if point is None:
        return dossier.receiving_agency.name
    return f"{point.name}, {point.address}"


def receipt_data(*, dossier: Dossier, tracking_url: str) -> ReceiptData:
    """Return form 01 (receipt and appointment) for a received dossier.

    Raises:
        NotFound: the dossier has not been received.
    """
    if dossier.received_at is None:
        raise NotFound(_("The dossier has not been received: there is no receipt."))
    # Entered in the register at reception (one book a year: the year received).
    register_entry = str(dossier.register_number or "")
    register_book = str(_local_date(dossier.received_at).year) if register_entry else ""
    return ReceiptData(
        header=form_header(
            dossier.receiving_agency,
            issued_on=_local_date(dossier.received_at),
            number=register_entry,
        ),
        dossier_code=dossier.code,
        tracking_url=tracking_url,
        applicant=applicant_party(dossier),
        filer=filer_of(dossier),
        procedure_name=dossier.procedure.name,
        request=_request_text(dossier),
        received_at=dossier.received_at,
        appointment_at=dossier.deadline_at,
        legal_time=_receipt_legal_time(dossier),
        papers=_papers(dossier),
        return_place=_return_place(dossier),
        return_method=RETURN_METHOD_WORDS.get(
            ReturnMethod(dossier.return_method), dossier.return_method
        ),
        register_book=register_book,
        register_entry=register_entry,
        receiving_officer=_actor_name(dossier, Q(to_status=DossierStatus.RECEIVED)),
        appointment_provisional=bool(
            dossier.count_started_at
            and dossier.deadline_at
            and provisional_years_get(
                start_at=dossier.count_started_at, deadline_at=dossier.deadline_at
            )
        ),
    )


# -- 02 supplement request, 03 refusal ---------------------------------------


def supplement_request_data(
    *, dossier: Dossier, tracking_url: str
) -> SupplementRequestData:
    """Return form 02 for the dossier's latest supplement request.

    Items and reason come from the request's event (its payload, its note);
    the contact phone is the service point's.

    Raises:
        NotFound: no supplement was ever requested.
    """
    event = _last_event(
        dossier,
        Q(action__in=SUPPLEMENT_REQUESTS),
        missing=_("No supplement was requested for this dossier."),
    )
    point = dossier.service_point
    return SupplementRequestData(
        header=form_header(
            event.actor_agency or dossier.receiving_agency,
            issued_on=_local_date(event.at),
        ),
        dossier_code=dossier.code,
        tracking_url=tracking_url,
        applicant=applicant_party(dossier),
        procedure_name=dossier.procedure.name,
        items=items_asked(event),
        reason=event.note,
        request=_request_text(dossier),
        received_at=dossier.received_at,
        contact_officer=event.actor_name,
        contact_phone=point.phone if point is not None else "",
        officer=event.actor_name,
    )


def refusal_data(*, dossier: Dossier, tracking_url: str) -> RefusalData:
    """Return form 03 for a dossier refused at reception (one reason a line).

    Raises:
        NotFound: the dossier was not refused.
    """
    event = _last_event(
        dossier,
        Q(to_status=DossierStatus.NOT_RECEIVED),
        missing=_("This dossier was not refused."),
    )
    return RefusalData(
        header=form_header(dossier.receiving_agency, issued_on=_local_date(event.at)),
        dossier_code=dossier.code,
        tracking_url=tracking_url,
        applicant=applicant_party(dossier),
        procedure_name=dossier.procedure.name,
        reasons=_lines(event.note),
        request=_request_text(dossier),
        officer=event.actor_name,
    )


# -- 04 apology, 05 stop notice ----------------------------------------------


def apology_data(*, dossier: Dossier, tracking_url: str) -> ApologyData:
    """Return form 04, signed by the head of the competent agency.

    Raises:
        NotFound: no apology was issued, or the dossier has no deadline.
    """
    apology = getattr(dossier, "apology", None)
    if apology is None or dossier.deadline_at is None or dossier.received_at is None:
        raise NotFound(_("No apology was issued for this dossier."))
    return ApologyData(
        header=form_header(
            dossier.competent_agency, issued_on=_local_date(apology.issued_at)
        ),
        dossier_code=dossier.code,
        tracking_url=tracking_url,
        applicant=applicant_party(dossier),
        procedure_name=dossier.procedure.name,
        received_at=dossier.received_at,
        original_appointment_at=dossier.deadline_at,
        new_appointment_at=apology.new_deadline_at,
        reason=apology.reason,
        head_name=str(apology.issued_by),
    )


def _returned_papers(dossier: Dossier) -> tuple[str, ...]:
    # The originals handed in go back to the applicant with the notice.
    documents = dossier.papers.filter(is_provided=True, originals__gt=0)
    return tuple(d.name for d in documents.order_by("position", "id"))


def stop_notice_data(*, dossier: Dossier, tracking_url: str) -> StopNoticeData:
    """Return form 05 for a stopped or withdrawn dossier (SPEC §4.7).

    The request's date is the day the stop or withdrawal was recorded.

    Raises:
        NotFound: the dossier was neither stopped nor withdrawn.
    """
    event = _last_event(
        dossier,
        Q(to_status__in=(DossierStatus.STOPPED, DossierStatus.WITHDRAWN)),
        missing=_("This dossier was neither stopped nor withdrawn."),
    )
    return StopNoticeData(
        header=form_header(
            event.actor_agency or dossier.competent_agency,
            issued_on=_local_date(event.at),
        ),
        dossier_code=dossier.code,
        tracking_url=tracking_url,
        applicant=applicant_party(dossier),
        procedure_name=dossier.procedure.name,
        requested_on=_local_date(event.at),
        reason=event.note,
        received_at=dossier.received_at,
        returned_papers=_returned_papers(dossier),
        officer=event.actor_name,
    )


# -- 06 control sheet --------------------------------------------------------


def _is_hand_over(event: DossierEvent) -> bool:
    return bool(event.receiver_id or event.receiver_agency_id or event.judgement)


def hand_over_row(event: DossierEvent) -> HandOverRow:
    """Return the form-06 row of one hand-over event."""
    giver_unit = event.actor_agency.name if event.actor_agency is not None else ""
    receiver_agency = event.receiver_agency
    return HandOverRow(
        giver=event.actor_name,
        giver_unit=giver_unit,
        receiver=str(event.receiver) if event.receiver is not None else "",
        receiver_unit=receiver_agency.name if receiver_agency else giver_unit,
        handed_at=event.at,
        judgement=event.judgement,
        note=event.note,
    )


def _coordinating_agencies(dossier: Dossier) -> tuple[str, ...]:
    names: list[str] = []
    requests = dossier.agency_requests.select_related("to_agency")
    for request in requests.order_by("sent_at", "id"):
        if request.to_agency.name not in names:
            names.append(request.to_agency.name)
    return tuple(names)


def control_sheet_data(
    *, dossier: Dossier, tracking_url: str, now: datetime
) -> ControlSheetData:
    """Return form 06: one row per hand-over in the dossier's history.

    The system logs the trail automatically (Circular 03/2025, form 06).

    Raises:
        NotFound: the dossier has not been received.
    """
    if dossier.received_at is None:
        raise NotFound(
            _("The dossier has not been received: there is no control sheet.")
        )
    rows = tuple(hand_over_row(e) for e in _events(dossier) if _is_hand_over(e))
    return ControlSheetData(
        header=form_header(dossier.receiving_agency, issued_on=_local_date(now)),
        dossier_code=dossier.code,
        tracking_url=tracking_url,
        applicant_name=dossier.applicant_name,
        procedure_name=dossier.procedure.name,
        lead_agency=dossier.competent_agency.name,
        coordinating_agencies=_coordinating_agencies(dossier),
        received_at=dossier.received_at,
        appointment_at=dossier.new_deadline_at or dossier.deadline_at,
        rows=rows,
    )


# -- 07 register -------------------------------------------------------------


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()))


def register_row(dossier: Dossier, *, personal: bool = True) -> RegisterRow:
    """Return the register line of one received dossier; without ``personal``
    the applicant's address and phone are left out (the name stays)."""
    if dossier.received_at is None:  # register_dossiers lists received ones only
        raise ValueError(f"dossier {dossier.code} has not been received")
    return RegisterRow(
        code=dossier.code,
        procedure_name=dossier.procedure.name,
        applicant_name=dossier.applicant_name,
        address=dossier.applicant_address if personal else "",
        phone=dossier.applicant_phone if personal else "",
        lead_agency=dossier.competent_agency.name,
        received_at=dossier.received_at,
        appointment_at=dossier.new_deadline_at or dossier.deadline_at,
        returned_at=dossier.returned_at,
        return_method=RETURN_METHOD_WORDS.get(
            ReturnMethod(dossier.return_method), dossier.return_method
        ),
    )


def register_dossiers(
    *, agency: Agency, start_on: date, end_on: date
) -> QuerySet[Dossier]:
    """Return the dossiers ``agency`` received from ``start_on`` to ``end_on``."""
    return (
        Dossier.objects.filter(
            receiving_agency=agency,
            received_at__gte=_day_start(start_on),
            received_at__lt=_day_start(end_on + timedelta(days=1)),
        )
        .select_related("procedure", "competent_agency")
        .order_by("received_at", "id")
    )


def register_data(
    *,
    agency: Agency,
    start_on: date,
    end_on: date,
    now: datetime,
    reader: User | None = None,
) -> RegisterData:
    """Return form 07 for the dossiers ``agency`` received in a period.

    ``end_on`` is included: the register of March is 1 to 31 March. With a
    ``reader``, the personal-data rule of the dossier page applies per row
    (``personal_data_visible``): others get the names only, and each row shown
    with personal data is logged as that reader's access.

    Raises:
        InvalidInput: the period ends before it starts.
    """
    if end_on < start_on:
        raise InvalidInput(
            _("The period ends before it starts."),
            field_errors={"end_on": _("Choose a date on or after the start.")},
        )
    if not (start_on >= REGISTER_FIRST_DAY and end_on <= REGISTER_LAST_DAY):
        raise InvalidInput(
            _("Choose dates between %(first)s and %(last)s.")
            % {
                "first": REGISTER_FIRST_DAY.strftime("%d/%m/%Y"),
                "last": REGISTER_LAST_DAY.strftime("%d/%m/%Y"),
            },
            field_errors={"start_on": _("Out of range.")},
        )
    if (end_on - start_on).days >= REGISTER_MAX_DAYS:
        raise InvalidInput(
            _("A register covers at most %(days)d days: choose a shorter period.")
            % {"days": REGISTER_MAX_DAYS},
            field_errors={"end_on": _("Choose a shorter period.")},
        )
    dossiers: Iterable[Dossier] = register_dossiers(
        agency=agency, start_on=start_on, end_on=end_on
    )
    if reader is None:
        rows = tuple(register_row(dossier) for dossier in dossiers)
    else:
        rows = _register_rows_for(reader, dossiers, now)
    return RegisterData(
        header=form_header(agency, issued_on=_local_date(now)),
        start_on=start_on,
        end_on=end_on,
        rows=rows,
    )


def _register_rows_for(
    reader: User, dossiers: Iterable[Dossier], now: datetime
) -> tuple[RegisterRow, ...]:
    held = roles_by_agency_for(reader)
    rows, shown = [], []
    for dossier in dossiers:
        personal = (
            dossier.receiving_agency_id in held or dossier.competent_agency_id in held
        )
        rows.append(register_row(dossier, personal=personal))
        if personal:
            shown.append(
                PersonalDataAccess(
                    user=reader, dossier=dossier, at=now, purpose="register 07"
                )
            )
    PersonalDataAccess.objects.bulk_create(shown, batch_size=1000)
    return tuple(rows)


# The dates a register may cover (the system's years), and at most a year at once.
REGISTER_FIRST_DAY = date(2000, 1, 1)
REGISTER_LAST_DAY = date(2100, 12, 31)
REGISTER_MAX_DAYS = 366


def register_rows_per_part() -> int:
    """Rows per PDF part of form 07 (``MOTCUA_REGISTER_PDF_ROWS``, default 200):
    one part renders well inside a request's time (bench/forms.py)."""
    return max(1, int(settings.MOTCUA_REGISTER_PDF_ROWS))


def register_part(data: RegisterData, part: int | None = None) -> RegisterData:
    """Part ``part`` (from 1; default 1) of a register, for the PDF.

    Excel takes the whole register; a PDF of a busy centre's month would take
    longer to render than a request may, so it prints in parts of
    ``register_rows_per_part()`` rows, numbered on from the part before.

    Raises:
        InvalidInput: no such part.
    """
    size = register_rows_per_part()
    parts = max(1, -(-len(data.rows) // size))
    number = part or 1
    if not 1 <= number <= parts:
        raise InvalidInput(
            ngettext(
                "This register has %(parts)d part: choose part 1.",
                "This register has %(parts)d parts: choose one from 1 to %(parts)d.",
                parts,
            )
            % {"parts": parts},
            field_errors={"part": _("No such part.")},
        )
    start = (number - 1) * size
    return replace(
        data,
        rows=data.rows[start : start + size],
        part=number,
        parts=parts,
        first_number=start + 1,
    )


# Who keeps or reads an agency's register of dossiers (form 07).
REGISTER_ROLES = (
    StaffRole.RECEPTION_OFFICER,
    StaffRole.CLERK,
    StaffRole.DIVISION_LEADER,
    StaffRole.AGENCY_LEADER,
    StaffRole.CITY_SUPERVISOR,
)


def register_data_for_user(
    *,
    user: User,
    agency_code: str,
    start_on: date | None,
    end_on: date | None,
    now: datetime,
) -> RegisterData:
    """Form 07 of an agency the user may read (default: this month up to today).

    Raises:
        NotFound: the agency does not exist or the user may not see it.
        PermissionDenied: the user holds no register role there.
        InvalidInput: the period ends before it starts.
    """
    agency = agency_for_user(user, agency_code)
    require_role(user, REGISTER_ROLES, agency)
    today = _local_date(now)
    return register_data(
        agency=agency,
        start_on=start_on or today.replace(day=1),
        end_on=end_on or today,
        now=now,
        reader=user,
    )


# Forms 01–06 of one dossier and the prefilled request (TK), for a user: one path
# for the back office and the API.

FormBuilder = Callable[[Dossier, str, datetime], FormData]


def declaration_data(*, dossier: Dossier) -> DeclarationData:
    """The applicant's request, prefilled from the dossier for signing.

    Raises:
        NotFound: the dossier has not been received.
    """
    if dossier.received_at is None:
        raise NotFound(_("The dossier has not been received: nothing to sign yet."))
    return DeclarationData(
        header=form_header(
            dossier.competent_agency, issued_on=_local_date(dossier.received_at)
        ),
        dossier_code=dossier.code,
        applicant=applicant_party(dossier),
        birth_date=dossier.applicant_birth_date,
        procedure_name=dossier.procedure.name,
        request=_request_text(dossier),
        filer=filer_of(dossier),
        papers=_papers(dossier),
    )


FORM_BUILDERS: dict[str, FormBuilder] = {
    "01": lambda d, url, now: receipt_data(dossier=d, tracking_url=url),
    "02": lambda d, url, now: supplement_request_data(dossier=d, tracking_url=url),
    "03": lambda d, url, now: refusal_data(dossier=d, tracking_url=url),
    "04": lambda d, url, now: apology_data(dossier=d, tracking_url=url),
    "05": lambda d, url, now: stop_notice_data(dossier=d, tracking_url=url),
    "06": lambda d, url, now: control_sheet_data(dossier=d, tracking_url=url, now=now),
    # The applicant's request, prefilled for signing (no hand-written declaration).
    "TK": lambda d, url, now: declaration_data(dossier=d),
}


def personal_data_masked(data: FormData) -> FormData:
    """``data`` with the applicant and filer reduced to their names (what a user
    who sees the dossier but not the person may read, ``personal_data_visible``)."""
    changes: dict[str, object] = {}
    for item in fields(data):
        value = getattr(data, item.name)
        if isinstance(value, Party):
            changes[item.name] = Party(name=value.name)
        elif isinstance(value, Filer):
            changes[item.name] = Filer(name=value.name)
    return replace(data, **changes) if changes else data  # type: ignore[arg-type]


def forms_that_apply(
    dossier: Dossier, events: Iterable[DossierEvent] | None = None
) -> list[str]:
    """The numbers of the forms (Circular 03/2025, Annex I) that ``dossier``'s
    history calls for, in order; ``events`` when the caller already has them."""
    history = list(events) if events is not None else list(_events(dossier))
    steps = {e.to_step for e in history}
    actions = {e.action for e in history}
    found = {
        "01": dossier.received_at is not None,
        "02": bool(steps & {DossierStep.SUPPLEMENT, DossierStep.RECEPTION_SUPPLEMENT}),
        "03": dossier.status == DossierStatus.NOT_RECEIVED,
        # An extension for a service notice also sets a new date, but no form 04.
        "04": DossierAction.APOLOGISE in actions,
        "05": dossier.status in (DossierStatus.STOPPED, DossierStatus.WITHDRAWN),
        "06": dossier.received_at is not None,
        "TK": dossier.received_at is not None,
    }
    return [number for number, applies in found.items() if applies]


def dossier_form_data_for_user(
    *, user: User, code: str, number: str, now: datetime
) -> FormData:
    """Form ``number`` (01–06, or TK the prefilled request) of dossier ``code``
    as ``user`` may print it.

    The access is logged like opening the dossier; the personal-data rule of the
    dossier page applies to the printed form as well.

    Raises:
        NotFound: no such form, dossier, or the form does not apply yet.
    """
    builder = FORM_BUILDERS.get(number)
    if builder is None:
        raise NotFound(
            _(
                "There is no form %(number)s for a dossier; forms are 01 to 06, and"
                " TK the request."
            )
            % {"number": number}
        )
    dossier = dossier_get_for_user(
        user=user, code=code, purpose=f"print form {number}", now=now
    )
    if number not in forms_that_apply(dossier):
        raise NotFound(
            _("Form %(number)s does not apply to dossier %(code)s yet.")
            % {"number": number, "code": dossier.code}
        )
    data = builder(dossier, tracking_url(dossier), now)
    if not personal_data_visible(user, dossier):
        return personal_data_masked(data)
    return data
