"""A deadline counted through a year with no official holiday announcement is
marked provisional wherever it is shown, and the mark goes once it is imported."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from motcua.accounts.models import User
from motcua.calendars.models import HolidayEntry, HolidayKind
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.tests.factories import World, vn
from motcua.dossiers.workflow import DossierAction

pytestmark = pytest.mark.django_db

MARK = "tính theo lịch nghỉ dự kiến"
RECEIVED = vn(2026, 12, 28, 9)  # 5 working days: due 09:00 05/01/2027
ANNOUNCEMENT_2027 = (
    "date,kind,name_vi\n"
    "2027-01-01,holiday,Tết Dương lịch\n"
    "2027-01-04,swapped_day_off,Nghỉ hoán đổi\n"
    "2027-01-09,makeup_workday,Làm bù\n"
)


def announce(year: int) -> None:
    HolidayEntry.objects.create(
        date=date(year, 1, 1), kind=HolidayKind.HOLIDAY, name_vi="Tết Dương lịch"
    )


@pytest.fixture
def world(db) -> World:
    made = World()
    announce(2026)
    return made


@pytest.fixture
def dossier(world: World) -> Dossier:
    return world.receive(RECEIVED)


@pytest.fixture
def admin_user(db) -> User:
    return User.objects.create_superuser("root", password="x")


def pdf_text(pdf: bytes) -> str:
    return " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages
    ).replace("\n", " ")


def test_the_back_office_page_and_worklist_mark_a_2027_deadline(client, world, dossier):
    client.force_login(world.division)

    page = client.get(f"/dossiers/{dossier.code}/").content.decode()
    worklist = client.get("/worklists/unit/").content.decode()

    assert MARK in page
    assert 'data-testid="provisional"' in page
    assert "2027" in page.split('data-testid="provisional" title="')[1][:120]
    assert MARK in worklist


def test_the_public_page_the_api_and_the_receipt_say_it_too(client, world, dossier):
    client.force_login(world.officer)

    tracking = client.get(f"/tra-cuu/{dossier.code}/").content.decode()
    public = client.get(f"/api/v1/public/dossiers/{dossier.code}").json()
    receipt = client.get(f"/dossiers/{dossier.code}/forms/01.pdf")

    assert MARK in tracking
    assert public["deadline_provisional_years"] == [2027]
    assert receipt.status_code == 200
    assert MARK in pdf_text(receipt.content)


def test_a_deadline_inside_announced_years_has_no_mark(client, world):
    announce(2027)
    dossier = world.receive(RECEIVED)
    client.force_login(world.division)

    assert MARK not in client.get(f"/dossiers/{dossier.code}/").content.decode()
    assert (
        client.get(f"/api/v1/public/dossiers/{dossier.code}").json()[
            "deadline_provisional_years"
        ]
        == []
    )


def test_the_counter_preview_and_the_calculator_mark_it(client, world):
    HolidayEntry.objects.all().delete()  # the suite's clock is in 2026: none
    client.force_login(world.officer)

    preview = client.get(
        "/counter/deadline/",
        {"procedure": world.procedure.code, "service_point": world.point.pk},
    ).content.decode()
    calculator = client.get(
        "/calendar/deadline/",
        {"received_at": "28/12/2026 09:00", "amount": "5", "unit": "working_days"},
    ).content.decode()

    assert MARK in preview
    assert MARK in calculator
    assert "05/01/2027" in calculator


def test_the_deadline_api_names_the_provisional_years(client, world):
    response = client.get(
        "/api/v1/calendar/deadline",
        {"received_at": "2026-12-28T09:00", "amount": "5", "unit": "working_days"},
    )

    assert response.json()["provisional_years"] == [2027]


def test_the_administrator_is_warned_from_the_first_of_december(
    client, admin_user, world, time_machine
):
    time_machine.move_to(vn(2026, 11, 30, 10))
    client.force_login(admin_user)
    before = client.get("/calendar/deadline/").content.decode()
    assert 'data-testid="calendar-warning"' not in before

    time_machine.move_to(vn(2026, 12, 1, 10))
    client.force_login(admin_user)  # a fresh session on the new day
    warned = client.get("/calendar/deadline/").content.decode()

    assert 'data-testid="calendar-warning"' in warned
    assert "2027" in warned
    assert "import_holidays" in warned
    assert 'href="/calendar/holidays/"' in warned


def test_other_staff_are_not_shown_the_administrators_warning(
    client, world, time_machine
):
    time_machine.move_to(vn(2026, 12, 1, 10))
    client.force_login(world.leader)

    assert (
        'data-testid="calendar-warning"'
        not in client.get("/calendar/deadline/").content.decode()
    )


def test_the_administrator_imports_the_announcement_and_deadlines_follow(
    client, admin_user, world, dossier, time_machine
):
    time_machine.move_to(vn(2026, 12, 2, 10))
    client.force_login(admin_user)
    upload = SimpleUploadedFile(
        "tb-2027.csv", ANNOUNCEMENT_2027.encode(), content_type="text/csv"
    )

    response = client.post("/calendar/holidays/", {"file": upload})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="import-result"' in html
    assert dossier.code in html
    dossier.refresh_from_db()
    assert dossier.deadline_at == vn(2027, 1, 6, 9)
    event = DossierEvent.objects.get(dossier=dossier, sequence=dossier.version)
    assert event.action == DossierAction.RECOMPUTE_DEADLINE
    assert event.actor == admin_user
    assert (
        'data-testid="calendar-warning"'
        not in client.get("/calendar/deadline/").content.decode()
    )
    assert MARK not in client.get(f"/dossiers/{dossier.code}/").content.decode()


def test_a_bad_file_is_refused_with_a_message_and_nothing_imported(
    client, admin_user, world
):
    client.force_login(admin_user)
    upload = SimpleUploadedFile("x.csv", b"ngay,loai\n2027-01-01,le\n")

    response = client.post("/calendar/holidays/", {"file": upload})

    assert response.status_code == 400
    assert "name_vi" in response.content.decode()
    assert not HolidayEntry.objects.filter(date__year=2027).exists()


def test_only_a_system_administrator_may_import(client, world):
    client.force_login(world.leader)
    upload = SimpleUploadedFile("tb.csv", ANNOUNCEMENT_2027.encode())

    page = client.get("/calendar/holidays/")
    refused = client.post("/calendar/holidays/", {"file": upload})

    assert page.status_code == 200
    assert 'data-testid="import-form"' not in page.content.decode()
    assert refused.status_code == 403
    assert not HolidayEntry.objects.filter(date__year=2027).exists()


def test_an_anonymous_visitor_is_sent_to_the_login(client, world):
    response = client.get("/calendar/holidays/")

    assert response.status_code == 302
    assert "/login/" in response["Location"]
