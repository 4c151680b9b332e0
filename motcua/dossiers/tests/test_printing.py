"""The adapter from a dossier and its history to the official forms' data."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from motcua.accounts.models import User
from motcua.agencies.models import (
    AdministrativeUnit,
    Agency,
    AgencyKind,
    AgencyLevel,
    ServicePoint,
    UnitGeneration,
    UnitLevel,
)
from motcua.core.errors import InvalidInput, NotFound
from motcua.dossiers.choices import (
    DossierChannel,
    DossierStatus,
    DossierStep,
    PauseKind,
    ReturnMethod,
)
from motcua.dossiers.models import (
    AgencyRequest,
    Dossier,
    DossierApology,
    DossierEvent,
    DossierPaper,
    DossierPause,
)
from motcua.dossiers.printing import (
    apology_data,
    control_sheet_data,
    legal_time_words,
    receipt_data,
    refusal_data,
    register_data,
    stop_notice_data,
    supplement_request_data,
)
from motcua.printed_forms.rendering import form_pdf
from motcua.printed_forms.spreadsheets import register_xlsx
from motcua.procedures.models import Procedure

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
URL = "https://motcua.example.vn/tra-cuu/000.00.00.H30-260305-0001/"


def local(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=HANOI)


@pytest.fixture
def org(db):
    hanoi = AdministrativeUnit.objects.create(
        generation=UnitGeneration.TWO_LEVEL,
        level=UnitLevel.PROVINCE,
        code="01",
        name="Thành phố Hà Nội",
    )
    city = Agency.objects.create(
        code="000.00.00.H26",
        name="UBND Thành phố Hà Nội",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        level=AgencyLevel.PROVINCE,
        unit=hanoi,
    )
    centre = Agency.objects.create(
        code="000.00.00.H30",
        name="Trung tâm Phục vụ hành chính công",
        kind=AgencyKind.ONE_LEVEL_CENTRE,
        level=AgencyLevel.PROVINCE,
        unit=hanoi,
        parent=city,
    )
    building = Agency.objects.create(
        code="000.00.01.H26",
        name="Sở Xây dựng",
        kind=AgencyKind.DEPARTMENT,
        level=AgencyLevel.PROVINCE,
        unit=hanoi,
        parent=city,
    )
    point = ServicePoint.objects.create(
        code="HN-CN01",
        name="Chi nhánh số 1",
        kind="branch",
        agency=centre,
        address="258 Võ Chí Công, Tây Hồ",
        phone="024 3333 1234",
    )
    return {"city": city, "centre": centre, "building": building, "point": point}


@pytest.fixture
def staff(db):
    def make(username, full_name):
        return User.objects.create(username=username, full_name=full_name)

    return {
        "officer": make("binh", "Trần Văn Bình"),
        "specialist": make("ha", "Ngô Thu Hà"),
        "leader": make("viet", "Đặng Quốc Việt"),
    }


@pytest.fixture
def dossier(org):
    procedure = Procedure.objects.create(
        code="1.009994", name="Cấp giấy phép xây dựng nhà ở riêng lẻ"
    )
    dossier = Dossier.objects.create(
        code="000.00.00.H30-260305-0001",
        procedure=procedure,
        summary="Xây nhà 4 tầng tại số 12 Hàng Bạc",
        channel=DossierChannel.IN_PERSON,
        receiving_agency=org["centre"],
        service_point=org["point"],
        competent_agency=org["building"],
        status=DossierStatus.PROCESSING,
        step=DossierStep.PROCESSING,
        applicant_name="Nguyễn Thị Ánh Tuyết",
        applicant_id_number="001190000123",
        applicant_address="Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
        applicant_phone="0912345678",
        applicant_email="tuyet@example.vn",
        filer_name="Lê Văn Đức",
        filer_id_number="001085000456",
        filer_phone="0987654321",
        authorisation_paper="Giấy ủy quyền số 12/UQ",
        received_at=local(2026, 3, 5, 8, 30),
        legal_time_amount=Decimal("15.00"),
        legal_time_unit="working_days",
        deadline_at=local(2026, 3, 26, 8, 30),
        return_method=ReturnMethod.COUNTER,
        register_number=128,
    )
    for position, (name, originals, copies, provided) in enumerate(
        (
            ("Đơn đề nghị cấp giấy phép xây dựng", 1, 0, True),
            ("Bản vẽ thiết kế xây dựng", 0, 2, True),
            ("Giấy chứng nhận quyền sử dụng đất", 1, 1, True),
            ("Báo cáo thẩm tra thiết kế", 1, 0, False),
        ),
        start=1,
    ):
        DossierPaper.objects.create(
            dossier=dossier,
            position=position,
            name=name,
            originals=originals,
            copies=copies,
            is_provided=provided,
        )
    return dossier


def event(dossier, sequence, at, *, to_status, to_step, **fields):
    return DossierEvent.objects.create(
        dossier=dossier,
        sequence=sequence,
        action=fields.pop("action", "test"),
        at=at,
        to_status=to_status,
        to_step=to_step,
        **fields,
    )


@pytest.fixture
def history(dossier, org, staff):
    """Received, assigned, sent to the leader, back to the counter."""
    centre, building = org["centre"], org["building"]
    event(
        dossier,
        1,
        local(2026, 3, 5, 8, 30),
        to_status=DossierStatus.RECEIVED,
        to_step=DossierStep.ASSIGNMENT,
        actor=staff["officer"],
        actor_name="Trần Văn Bình",
        actor_agency=centre,
        receiver_agency=building,
    )
    event(
        dossier,
        2,
        local(2026, 3, 5, 14, 0),
        to_status=DossierStatus.PROCESSING,
        to_step=DossierStep.PROCESSING,
        actor_name="Hệ thống",
        actor_agency=building,
        receiver=staff["specialist"],
        judgement="early",
    )
    event(
        dossier,
        3,
        local(2026, 3, 16, 16, 45),
        to_status=DossierStatus.PROCESSING,
        to_step=DossierStep.APPROVAL,
        actor=staff["specialist"],
        actor_name="Ngô Thu Hà",
        actor_agency=building,
        receiver=staff["leader"],
        judgement="on_time",
        note="Đủ điều kiện cấp phép",
    )
    event(
        dossier,
        4,
        local(2026, 3, 27, 10, 5),
        to_status=DossierStatus.PROCESSED,
        to_step=DossierStep.RESULT_READY,
        actor=staff["leader"],
        actor_name="Đặng Quốc Việt",
        actor_agency=building,
        receiver_agency=centre,
        judgement="late",
    )
    # Not a hand-over: a note added without moving the dossier.
    event(
        dossier,
        5,
        local(2026, 3, 27, 11, 0),
        to_status=DossierStatus.PROCESSED,
        to_step=DossierStep.RESULT_READY,
        actor_name="Trần Văn Bình",
        note="Đã gọi điện báo công dân",
    )
    return dossier


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_receipt_is_filled_from_the_dossier(history, org):
    data = receipt_data(dossier=history, tracking_url=URL)

    assert data.header.parent_agency == "UBND Thành phố Hà Nội"
    assert data.header.unit == "Trung tâm Phục vụ hành chính công"
    assert data.header.place == "Hà Nội"
    assert data.header.issued_on == date(2026, 3, 5)
    assert data.header.number == "128"
    assert data.dossier_code == "000.00.00.H30-260305-0001"
    assert data.tracking_url == URL
    assert data.applicant.name == "Nguyễn Thị Ánh Tuyết"
    assert data.applicant.id_number == "001190000123"
    assert data.applicant.address.startswith("Số 12 phố Hàng Bạc")
    assert data.applicant.phone == "0912345678"
    assert data.applicant.email == "tuyet@example.vn"
    assert data.filer is not None
    assert data.filer.name == "Lê Văn Đức"
    assert data.filer.id_number == "001085000456"
    assert data.filer.phone == "0987654321"
    assert data.filer.authorisation_paper == "Giấy ủy quyền số 12/UQ"
    assert data.procedure_name == "Cấp giấy phép xây dựng nhà ở riêng lẻ"
    assert data.request == "Xây nhà 4 tầng tại số 12 Hàng Bạc"
    assert [paper.name for paper in data.papers] == [
        "Đơn đề nghị cấp giấy phép xây dựng",
        "Bản vẽ thiết kế xây dựng",
        "Giấy chứng nhận quyền sử dụng đất",
    ]
    assert (data.papers[1].originals, data.papers[1].copies) == (0, 2)
    assert data.received_at == local(2026, 3, 5, 8, 30)
    assert data.appointment_at == local(2026, 3, 26, 8, 30)
    assert data.legal_time == "15 ngày làm việc"
    assert data.return_place == "Chi nhánh số 1, 258 Võ Chí Công, Tây Hồ"
    assert data.return_method == "Trực tiếp"
    assert data.register_entry == "128"
    assert data.receiving_officer == "Trần Văn Bình"


def test_the_receipt_of_a_dossier_filed_by_the_applicant_has_no_filer(dossier):
    dossier.filer_name = ""
    dossier.return_method = ReturnMethod.POST
    dossier.return_address = "Số 5 Lý Thái Tổ"

    data = receipt_data(dossier=dossier, tracking_url=URL)

    assert data.filer is None
    assert data.return_place == "Số 5 Lý Thái Tổ"
    assert data.return_method == "Qua dịch vụ bưu chính"
    assert data.receiving_officer == ""  # no reception event yet


def test_an_unreceived_dossier_has_no_receipt(dossier):
    dossier.received_at = None

    with pytest.raises(NotFound):
        receipt_data(dossier=dossier, tracking_url=URL)


def test_the_receipt_prints(history):
    text = pdf_text(form_pdf(receipt_data(dossier=history, tracking_url=URL)))

    assert "000.00.00.H30-260305-0001" in text
    assert "Nguyễn Thị Ánh Tuyết" in text
    assert "26/03/2026" in text


def test_the_supplement_request_lists_the_items_of_the_latest_request(
    dossier, org, staff
):
    DossierPause.objects.create(
        dossier=dossier,
        kind=PauseKind.SUPPLEMENT,
        started_at=local(2026, 3, 10, 9),
        items=["Báo cáo thẩm tra thiết kế", "Bản sao CCCD của chủ nhà"],
    )
    event(
        dossier,
        1,
        local(2026, 3, 10, 9),
        from_step=DossierStep.PROCESSING,
        to_status=DossierStatus.SUPPLEMENT_REQUESTED,
        to_step=DossierStep.SUPPLEMENT,
        actor=staff["specialist"],
        actor_name="Ngô Thu Hà",
        actor_agency=org["building"],
        note="Thiếu báo cáo thẩm tra",
        action="request_supplement",
        data={"items": ["Báo cáo thẩm tra thiết kế", "Bản sao CCCD của chủ nhà"]},
    )

    data = supplement_request_data(dossier=dossier, tracking_url=URL)

    assert data.items == ("Báo cáo thẩm tra thiết kế", "Bản sao CCCD của chủ nhà")
    assert data.reason == "Thiếu báo cáo thẩm tra"
    assert data.officer == data.contact_officer == "Ngô Thu Hà"
    assert data.contact_phone == "024 3333 1234"
    assert data.header.unit == "Sở Xây dựng"
    assert data.header.issued_on == date(2026, 3, 10)
    assert data.applicant.name == "Nguyễn Thị Ánh Tuyết"
    assert data.received_at == local(2026, 3, 5, 8, 30)
    assert data.dossier_code == dossier.code
    text = pdf_text(form_pdf(data))
    assert "2. Bản sao CCCD của chủ nhà" in text


def test_a_dossier_without_a_supplement_request_has_no_form_02(history):
    with pytest.raises(NotFound):
        supplement_request_data(dossier=history, tracking_url=URL)


def test_the_refusal_gives_one_reason_a_line(dossier, staff, org):
    event(
        dossier,
        1,
        local(2026, 3, 5, 9),
        to_status=DossierStatus.NOT_RECEIVED,
        to_step=DossierStep.CLOSED,
        actor=staff["officer"],
        actor_name="Trần Văn Bình",
        actor_agency=org["centre"],
        note="- Không thuộc thẩm quyền\n\n- Thiếu giấy tờ bắt buộc\n",
    )

    data = refusal_data(dossier=dossier, tracking_url=URL)

    assert data.reasons == ("Không thuộc thẩm quyền", "Thiếu giấy tờ bắt buộc")
    assert data.officer == "Trần Văn Bình"
    assert data.applicant.id_number == "001190000123"
    assert data.request == "Xây nhà 4 tầng tại số 12 Hàng Bạc"
    assert data.header.issued_on == date(2026, 3, 5)
    assert "1. Không thuộc thẩm quyền" in pdf_text(form_pdf(data))


def test_a_dossier_not_refused_has_no_form_03(history):
    with pytest.raises(NotFound):
        refusal_data(dossier=history, tracking_url=URL)


def test_the_apology_is_signed_by_the_head_of_the_competent_agency(dossier, staff):
    DossierApology.objects.create(
        dossier=dossier,
        reason="Phải lấy ý kiến của Sở Quy hoạch - Kiến trúc",
        new_deadline_at=local(2026, 4, 2, 17),
        issued_at=local(2026, 3, 24, 10),
        issued_by=staff["leader"],
    )
    dossier.refresh_from_db()

    data = apology_data(dossier=dossier, tracking_url=URL)

    assert data.header.unit == "Sở Xây dựng"
    assert data.header.issued_on == date(2026, 3, 24)
    assert data.received_at == local(2026, 3, 5, 8, 30)
    assert data.original_appointment_at == local(2026, 3, 26, 8, 30)
    assert data.new_appointment_at == local(2026, 4, 2, 17)
    assert data.reason == "Phải lấy ý kiến của Sở Quy hoạch - Kiến trúc"
    assert data.head_name == "Đặng Quốc Việt"
    assert "Đặng Quốc Việt" in pdf_text(form_pdf(data))


def test_a_dossier_without_an_apology_has_no_form_04(dossier):
    with pytest.raises(NotFound):
        apology_data(dossier=dossier, tracking_url=URL)


def test_the_stop_notice_returns_the_originals(dossier, staff, org):
    event(
        dossier,
        1,
        local(2026, 3, 12, 15, 20),
        to_status=DossierStatus.WITHDRAWN,
        to_step=DossierStep.CLOSED,
        actor=staff["officer"],
        actor_name="Trần Văn Bình",
        actor_agency=org["centre"],
        note="Công dân xin rút hồ sơ",
    )

    data = stop_notice_data(dossier=dossier, tracking_url=URL)

    assert data.requested_on == date(2026, 3, 12)
    assert data.reason == "Công dân xin rút hồ sơ"
    assert data.returned_papers == (
        "Đơn đề nghị cấp giấy phép xây dựng",
        "Giấy chứng nhận quyền sử dụng đất",
    )
    assert data.officer == "Trần Văn Bình"
    assert data.received_at == local(2026, 3, 5, 8, 30)
    assert data.header.unit == "Trung tâm Phục vụ hành chính công"
    assert "Công dân xin rút hồ sơ" in pdf_text(form_pdf(data))


def test_an_open_dossier_has_no_stop_notice(history):
    with pytest.raises(NotFound):
        stop_notice_data(dossier=history, tracking_url=URL)


def test_the_control_sheet_has_one_row_per_hand_over(history, org):
    AgencyRequest.objects.create(
        dossier=history,
        to_agency=org["city"],
        mode="sequence",
        sent_at=local(2026, 3, 10, 9),
    )

    data = control_sheet_data(
        dossier=history, tracking_url=URL, now=local(2026, 3, 27, 12)
    )

    assert data.lead_agency == "Sở Xây dựng"
    assert data.coordinating_agencies == ("UBND Thành phố Hà Nội",)
    assert data.received_at == local(2026, 3, 5, 8, 30)
    assert data.appointment_at == local(2026, 3, 26, 8, 30)
    assert data.header.issued_on == date(2026, 3, 27)
    assert [
        (row.giver, row.giver_unit, row.receiver, row.receiver_unit, row.judgement)
        for row in data.rows
    ] == [
        ("Trần Văn Bình", "Trung tâm Phục vụ hành chính công", "", "Sở Xây dựng", ""),
        ("Hệ thống", "Sở Xây dựng", "Ngô Thu Hà", "Sở Xây dựng", "early"),
        ("Ngô Thu Hà", "Sở Xây dựng", "Đặng Quốc Việt", "Sở Xây dựng", "on_time"),
        (
            "Đặng Quốc Việt",
            "Sở Xây dựng",
            "",
            "Trung tâm Phục vụ hành chính công",
            "late",
        ),
    ]
    assert data.rows[2].handed_at == local(2026, 3, 16, 16, 45)
    assert data.rows[2].note == "Đủ điều kiện cấp phép"
    text = pdf_text(form_pdf(data))
    for word in ("Trước hạn", "Đúng hạn", "Quá hạn"):
        assert word in text


def test_the_control_sheet_shows_the_new_date_after_an_apology(history):
    history.new_deadline_at = local(2026, 4, 2, 17)

    data = control_sheet_data(dossier=history, tracking_url=URL, now=local(2026, 4, 1))

    assert data.appointment_at == local(2026, 4, 2, 17)


def test_the_register_lists_the_dossiers_received_in_the_period(history, org):
    other = Dossier.objects.get(pk=history.pk)
    other.pk = None
    other.code = "000.00.00.H30-260401-0001"
    other.received_at = local(2026, 4, 1, 0, 0)  # the first minute after March
    other.save()
    last_minute = Dossier.objects.get(pk=history.pk)
    last_minute.pk = None
    last_minute.code = "000.00.00.H30-260331-0009"
    last_minute.received_at = local(2026, 3, 31, 23, 59)
    last_minute.returned_at = None
    last_minute.save()
    history.returned_at = local(2026, 3, 27, 15)
    history.return_method = ReturnMethod.ONLINE
    history.save()

    data = register_data(
        agency=org["centre"],
        start_on=date(2026, 3, 1),
        end_on=date(2026, 3, 31),
        now=local(2026, 4, 1, 9),
    )

    assert [row.code for row in data.rows] == [
        "000.00.00.H30-260305-0001",
        "000.00.00.H30-260331-0009",
    ]
    row = data.rows[0]
    assert row.procedure_name == "Cấp giấy phép xây dựng nhà ở riêng lẻ"
    assert row.applicant_name == "Nguyễn Thị Ánh Tuyết"
    assert row.address.startswith("Số 12 phố Hàng Bạc")
    assert row.phone == "0912345678"
    assert row.lead_agency == "Sở Xây dựng"
    assert row.received_at == local(2026, 3, 5, 8, 30)
    assert row.appointment_at == local(2026, 3, 26, 8, 30)
    assert row.returned_at == local(2026, 3, 27, 15)
    assert row.return_method == "Trực tuyến"
    assert data.header.unit == "Trung tâm Phục vụ hành chính công"
    assert "000.00.00.H30-260331-0009" in pdf_text(form_pdf(data))
    assert register_xlsx(data).startswith(b"PK")


def test_the_register_of_another_agency_is_empty(history, org):
    data = register_data(
        agency=org["building"],
        start_on=date(2026, 3, 1),
        end_on=date(2026, 3, 31),
        now=local(2026, 4, 1, 9),
    )

    assert data.rows == ()


def test_a_register_period_cannot_end_before_it_starts(org):
    with pytest.raises(InvalidInput):
        register_data(
            agency=org["centre"],
            start_on=date(2026, 3, 31),
            end_on=date(2026, 3, 1),
            now=local(2026, 4, 1, 9),
        )


@pytest.mark.parametrize(
    ("amount", "unit", "words"),
    [
        (Decimal("15.00"), "working_days", "15 ngày làm việc"),
        (Decimal("10.00"), "working_days", "10 ngày làm việc"),
        (Decimal("0.50"), "working_days", "0,5 ngày làm việc"),
        (Decimal("4"), "working_hours", "4 giờ làm việc"),
        (Decimal("30"), "days", "30 ngày"),
        (Decimal("1"), "months", "1 tháng"),
        (None, "same_day", "Trong ngày"),
        (None, None, ""),
    ],
)
def test_the_legal_time_is_written_in_words(amount, unit, words):
    assert legal_time_words(amount, unit) == words
