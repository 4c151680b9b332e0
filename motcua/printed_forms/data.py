"""What each official form shows (Circular 03/2025/TT-VPCP, Annex I; LAW-NOTES §2).

Plain frozen dataclasses so that this low layer needs no model: the dossiers app
builds them (``motcua.dossiers.printing``). Text is shown as given, in
Vietnamese; datetimes must be timezone-aware and are printed in local time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# The judgement of a hand-over on form 06 (the values of calendars' Judgement).
EARLY = "early"  # trước hạn
ON_TIME = "on_time"  # đúng hạn
LATE = "late"  # quá hạn


@dataclass(frozen=True)
class FormHeader:
    """The top of every form: issuing body, number, place and date.

    ``parent_agency`` is the governing body (e.g. "UBND Thành phố Hà Nội"),
    ``unit`` the issuing unit (e.g. the centre or its one-stop section); an empty
    ``unit`` falls back to the brand kit's unit name (``brand_get().unit_name``).
    """

    parent_agency: str
    unit: str
    place: str
    issued_on: date
    number: str = ""  # "Số …/PBS-TTPVHCC"; empty prints a dotted blank


@dataclass(frozen=True)
class Party:
    """The applicant (chủ hồ sơ): a person or an organisation."""

    name: str
    id_number: str = ""  # số định danh cá nhân / mã số doanh nghiệp
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Filer:
    """Someone filing for the applicant (người nộp thay / được ủy quyền)."""

    name: str
    id_number: str = ""
    phone: str = ""
    authorisation_paper: str = ""


@dataclass(frozen=True)
class PaperItem:
    """One paper handed in, with its number of originals and copies."""

    name: str
    originals: int = 0
    copies: int = 0
    note: str = ""


@dataclass(frozen=True)
class ReceiptData:
    """Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""

    header: FormHeader
    dossier_code: str
    tracking_url: str
    applicant: Party
    procedure_name: str
    received_at: datetime
    appointment_at: datetime | None
    legal_time: str  # "05 ngày làm việc"
    filer: Filer | None = None
    request: str = ""
    papers: tuple[PaperItem, ...] = ()
    sets: int = 1
    return_place: str = ""
    return_method: str = ""
    register_book: str = ""
    register_entry: str = ""
    receiving_officer: str = ""
    # The appointment counts through a year with no official holiday announcement
    # imported: printed as "tính theo lịch nghỉ dự kiến".
    appointment_provisional: bool = False


@dataclass(frozen=True)
class SupplementRequestData:
    """Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (every item at once)."""

    header: FormHeader
    dossier_code: str
    tracking_url: str
    applicant: Party
    procedure_name: str
    items: tuple[str, ...]
    reason: str = ""
    request: str = ""
    received_at: datetime | None = None
    contact_officer: str = ""
    contact_phone: str = ""
    officer: str = ""  # the guiding officer who signs


@dataclass(frozen=True)
class RefusalData:
    """Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

    header: FormHeader
    dossier_code: str  # may be empty: a refused online dossier may have none
    tracking_url: str
    applicant: Party
    procedure_name: str
    reasons: tuple[str, ...]
    request: str = ""
    officer: str = ""


@dataclass(frozen=True)
class ApologyData:
    """Form 04: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (Circular
    03/2025; "Phiếu xin lỗi và hẹn lại ngày trả kết quả" before), signed by the head."""

    header: FormHeader
    dossier_code: str
    tracking_url: str
    applicant: Party
    procedure_name: str
    received_at: datetime
    original_appointment_at: datetime
    new_appointment_at: datetime
    reason: str
    head_title: str = "THỦ TRƯỞNG CƠ QUAN"
    head_name: str = ""


@dataclass(frozen=True)
class StopNoticeData:
    """Form 05: Thông báo dừng giải quyết hồ sơ (new in Circular 03/2025).

    The law notes do not give its fields; we print the dossier, procedure,
    applicant, the date of the applicant's request, the reason and the papers
    returned (SPEC §4.7).
    """

    header: FormHeader
    dossier_code: str
    tracking_url: str
    applicant: Party
    procedure_name: str
    requested_on: date
    reason: str
    received_at: datetime | None = None
    returned_papers: tuple[str, ...] = ()
    officer: str = ""


@dataclass(frozen=True)
class HandOverRow:
    """One hand-over on form 06: who gave, who received, when, how timely."""

    giver: str
    giver_unit: str
    receiver: str
    receiver_unit: str
    handed_at: datetime
    judgement: str = ""  # EARLY, ON_TIME, LATE or "" (not judged)
    note: str = ""


@dataclass(frozen=True)
class ControlSheetData:
    """Form 06: Phiếu kiểm soát quá trình giải quyết hồ sơ."""

    header: FormHeader
    dossier_code: str
    tracking_url: str
    applicant_name: str
    procedure_name: str
    lead_agency: str
    received_at: datetime
    appointment_at: datetime | None
    coordinating_agencies: tuple[str, ...] = ()
    rows: tuple[HandOverRow, ...] = ()


@dataclass(frozen=True)
class RegisterRow:
    """One dossier in the register (form 07)."""

    code: str
    procedure_name: str
    applicant_name: str
    address: str
    phone: str
    lead_agency: str
    received_at: datetime
    appointment_at: datetime | None = None
    returned_at: datetime | None = None
    return_method: str = ""
    note: str = ""


@dataclass(frozen=True)
class RegisterData:
    """Form 07: Sổ theo dõi hồ sơ for a period (``end_on`` included)."""

    header: FormHeader
    start_on: date
    end_on: date
    rows: tuple[RegisterRow, ...] = field(default_factory=tuple)
    field_name: str = ""  # lĩnh vực; the book is kept per field
    # A long register prints in parts (``dossiers.printing.register_part``):
    # this is part ``part`` of ``parts``, its first row numbered ``first_number``.
    part: int = 1
    parts: int = 1
    first_number: int = 1


@dataclass(frozen=True)
class DeclarationData:
    """The applicant's request (đơn đề nghị giải quyết thủ tục hành chính),
    filled in from the data the counter took, for the applicant only to sign:
    the hall's "no hand-written declaration" days (no form of its own in
    Circular 03/2025; a procedure's own declaration form replaces it where the
    catalogue gives one)."""

    header: FormHeader  # the agency addressed, the place and the day
    dossier_code: str
    applicant: Party
    procedure_name: str
    birth_date: date | None = None
    request: str = ""
    filer: Filer | None = None
    papers: tuple[PaperItem, ...] = ()


FormData = (
    ReceiptData
    | SupplementRequestData
    | RefusalData
    | ApologyData
    | StopNoticeData
    | ControlSheetData
    | RegisterData
    | DeclarationData
)
