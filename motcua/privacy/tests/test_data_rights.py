"""A citizen's rights over their data: who looked, a copy, erasure; retention."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessLog
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from motcua.accounts.models import User
from motcua.citizens.models import Citizen, StoredPaper
from motcua.citizens.services import citizen_account_access_log, stored_paper_upload
from motcua.core.errors import Conflict, InvalidInput
from motcua.dossiers import services as s
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import (
    Dossier,
    DossierEvent,
    PersonalDataAccess,
    PublicLookup,
)
from motcua.dossiers.public import dossier_public_get
from motcua.dossiers.tests.factories import all_ticks, applicant, vn
from motcua.notifications.models import MessageStatus, OutboxMessage
from motcua.privacy.models import ErasureRequest
from motcua.privacy.selectors import Viewer, data_views_of, personal_data_of
from motcua.privacy.services import account_erase, retention_purge
from motcua.submissions.models import Submission
from motcua.submissions.services import submission_start
from motcua.submissions.tests.factories import (
    NOW,
    OnlineWorld,
    other_citizen,
    pdf_upload,
)

ID = "001190012345"  # OnlineWorld's citizen
DATA = "/cong-dan/du-lieu-ca-nhan/"
DOWNLOAD = DATA + "tai-ve/"
ERASE = DATA + "xoa-tai-khoan/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def world():
    return OnlineWorld()


def filed(world, account=None, *, at=NOW):
    """A dossier the citizen filed online, received at the counter."""
    dossier = s.dossier_register_online(
        now=at,
        procedure=world.procedure,
        competent_agency=world.agency,
        applicant=applicant(id_number=ID, name="Trần Thị Hương"),
        papers=all_ticks(world.procedure),
        account=account or world.citizen,
    )
    return s.dossier_receive(
        dossier_code=dossier.code, actor=world.officer, now=at + timedelta(hours=1)
    )


def returned(world, dossier, at):
    code = dossier.code
    s.dossier_assign(
        dossier_code=code, actor=world.division, now=at, assignee=world.specialist
    )
    s.dossier_forward(
        dossier_code=code,
        actor=world.specialist,
        now=at + timedelta(hours=1),
        to_step="approval",
    )
    s.dossier_approve(
        dossier_code=code, actor=world.leader, now=at + timedelta(hours=2)
    )
    s.dossier_issue_result(
        dossier_code=code, actor=world.clerk, now=at + timedelta(hours=3)
    )
    return s.dossier_return_result(
        dossier_code=code, actor=world.officer, now=at + timedelta(hours=4)
    )


def opened_by_specialist(world, dossier, at):
    from motcua.dossiers.access import dossier_get_for_user

    return dossier_get_for_user(
        user=world.specialist, code=dossier.code, purpose="print form 01", now=at
    )


# Who looked ------------------------------------------------------------------------


def test_staff_openings_name_the_agency_and_role_never_the_officer(world):
    dossier = filed(world)
    opened_by_specialist(world, dossier, NOW + timedelta(hours=2))

    views = data_views_of(world.citizen)

    staff = [view for view in views if view.viewer == Viewer.STAFF]
    assert [(v.dossier_code, v.agency, v.role, v.purpose) for v in staff] == [
        (dossier.code, world.agency.name, "specialist", "printed form 01")
    ]
    shown = json.dumps([vars(view) for view in views], default=str)
    assert world.specialist.full_name not in shown
    assert world.specialist.full_name


def test_public_lookups_with_the_check_digits_and_admin_openings_are_listed(world):
    dossier = filed(world)
    dossier_public_get(code=dossier.code, check=ID[-4:], now=NOW, client_key="a")
    dossier_public_get(code=dossier.code, check=None, now=NOW, client_key="b")
    admin = User.objects.create_superuser("root", password="x-Kh0ng-doan-2026")
    citizen_account_access_log(
        staff=admin, account=world.citizen, purpose="admin get", now=NOW
    )

    kinds = sorted(view.viewer for view in data_views_of(world.citizen))

    # The lookup without the check showed no personal data: not listed.
    assert kinds == [Viewer.ADMIN, Viewer.PUBLIC]


def test_another_citizens_dossiers_are_not_in_the_list(world):
    mine = filed(world)
    opened_by_specialist(world, mine, NOW + timedelta(hours=2))
    nam = other_citizen()

    assert data_views_of(nam) == []


def test_the_page_lists_views_for_the_citizen_only_and_is_not_cached(client, world):
    dossier = filed(world)
    opened_by_specialist(world, dossier, NOW + timedelta(hours=2))
    client.force_login(world.citizen)

    response = client.get(DATA)

    page = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert world.agency.name in page
    assert dossier.code in page
    assert world.specialist.full_name not in page
    client.force_login(world.officer)
    assert client.get(DATA).status_code == 403
    client.logout()
    assert client.get(DATA).status_code == 302


# A copy of one's data ----------------------------------------------------------------


def test_the_download_holds_the_account_dossiers_papers_drafts_and_views(client, world):
    dossier = filed(world)
    opened_by_specialist(world, dossier, NOW + timedelta(hours=2))
    paper = stored_paper_upload(
        owner=world.citizen, name="Giấy khai sinh", upload=pdf_upload(), now=NOW
    )
    submission_start(account=world.citizen, procedure=world.procedure, now=NOW)
    theirs = other_citizen()
    client.force_login(world.citizen)

    response = client.get(DOWNLOAD)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["citizen"]["id_number"] == ID
    assert data["account"]["email"] == "huong@example.vn"
    assert [d["code"] for d in data["dossiers"]] == [dossier.code]
    assert data["dossiers"][0]["applicant"]["id_number"] == ID
    assert [p["sha256"] for p in data["stored_papers"]] == [paper.sha256]
    assert [d["procedure"] for d in data["drafts"]] == [world.procedure.name]
    assert {v["viewer"] for v in data["views"]} == {"staff"}
    assert theirs.citizen.id_number not in response.content.decode()


def test_the_copy_is_the_same_through_the_selector(world):
    dossier = filed(world)

    data = personal_data_of(world.citizen, now=NOW)

    assert data["dossiers"][0]["status"] == "received"
    assert data["dossiers"][0]["code"] == dossier.code


# Erasure ---------------------------------------------------------------------------


def test_erasure_needs_the_id_number_and_changes_nothing_without_it(world):
    with pytest.raises(InvalidInput) as refused:
        account_erase(account=world.citizen, id_number="001190099999", now=NOW)

    assert "id_number" in refused.value.field_errors
    assert Citizen.objects.filter(user=world.citizen).exists()


def test_erasure_waits_while_a_dossier_is_open(world):
    dossier = filed(world)

    with pytest.raises(Conflict) as refused:
        account_erase(account=world.citizen, id_number=ID, now=NOW)

    assert dossier.code in str(refused.value.message)
    assert User.objects.get(pk=world.citizen.pk).is_active


def test_erasure_removes_account_profile_papers_drafts_and_keeps_the_dossier(
    world, django_capture_on_commit_callbacks
):
    dossier = returned(world, filed(world), NOW + timedelta(days=1))
    lone = stored_paper_upload(
        owner=world.citizen, name="Giấy khai sinh", upload=pdf_upload(), now=NOW
    )
    shared = StoredPaper.objects.create(
        owner=world.citizen,
        name="Tờ khai",
        kind=StoredPaper.Kind.UPLOAD,
        created_at=NOW,
    )
    shared.file.save("tk.pdf", ContentFile(b"%PDF-1.4 shared"), save=True)
    document = dossier.papers.order_by("position").first()
    document.file.name = shared.file.name
    document.save(update_fields=["file"])
    submission_start(account=world.citizen, procedure=world.procedure, now=NOW)
    lone_name, shared_name = lone.file.name, shared.file.name

    with django_capture_on_commit_callbacks(execute=True):
        record = account_erase(account=world.citizen, id_number=f" {ID} ", now=NOW)

    account = User.objects.get(pk=world.citizen.pk)
    assert account.username == f"erased-{account.pk}"
    assert (account.full_name, account.email, account.phone) == ("", "", "")
    assert not account.is_active and not account.has_usable_password()
    assert not Citizen.objects.filter(user=account).exists()
    assert not StoredPaper.objects.filter(owner=account).exists()
    assert not Submission.objects.filter(account=account).exists()
    assert not default_storage.exists(lone_name)
    assert default_storage.exists(shared_name)  # a dossier holds it
    kept = Dossier.objects.get(pk=dossier.pk)
    assert kept.applicant_id_number == ID and kept.status == DossierStatus.RETURNED
    assert record.kept_dossiers == [dossier.code]
    # two uploads and the result the returned dossier put in the store
    assert record.erased == {"stored_papers": 3, "drafts": 1, "profile": 1}
    assert ID not in json.dumps(record.erased)


def test_the_erase_page_confirms_logs_out_and_the_login_stops_working(client, world):
    dossier = returned(world, filed(world), NOW + timedelta(days=1))
    other_device = type(client)()
    client.post(
        "/cong-dan/dang-nhap/", {"id_number": ID, "password": "Khong-doan-duoc-2026"}
    )
    other_device.force_login(world.citizen)
    assert AccessLog.objects.filter(username=ID).exists()

    wrong = client.post(ERASE, {"id_number": "001190099999", "understood": "on"})
    unticked = client.post(ERASE, {"id_number": ID})
    done = client.post(ERASE, {"id_number": ID, "understood": "on"})

    assert wrong.status_code == 422
    assert unticked.status_code == 422
    assert done.status_code == 200
    assert dossier.code in done.content.decode()
    assert ErasureRequest.objects.filter(account=world.citizen).count() == 1
    assert client.get("/cong-dan/ho-so-cua-toi/").status_code == 302
    assert other_device.get("/cong-dan/ho-so-cua-toi/").status_code == 302
    login = client.post(
        "/cong-dan/dang-nhap/",
        {"id_number": ID, "password": "Khong-doan-duoc-2026"},
    )
    assert login.status_code != 302
    assert not AccessLog.objects.filter(username=ID).exists()


def test_the_erase_page_says_which_dossier_is_still_open(client, world):
    dossier = filed(world)
    client.force_login(world.citizen)

    response = client.post(ERASE, {"id_number": ID, "understood": "on"})

    assert response.status_code == 409
    assert dossier.code in response.content.decode()


# Retention -------------------------------------------------------------------------


def message(status, at):
    return OutboxMessage.objects.create(
        kind="received",
        channel="sms",
        recipient="0912345678",
        body="...",
        status=status,
        next_attempt_at=at,
        created_at=at,
    )


def test_the_purge_deletes_what_is_past_its_period_and_keeps_the_rest(settings, world):
    now = vn(2026, 11, 2, 9)
    old, recent = now - timedelta(days=400), now - timedelta(days=10)
    settings.MOTCUA_RETENTION_DAYS = {
        **settings.MOTCUA_RETENTION_DAYS,
        "public_lookups": 365,
        "outbox_messages": 365,
        "personal_data_accesses": 365,
    }
    dossier = filed(world)
    for at in (old, recent):
        PublicLookup.objects.create(
            code="X",
            found=False,
            with_check=False,
            check_ok=False,
            client_key="k",
            at=at,
        )
        PersonalDataAccess.objects.create(
            user=world.officer, dossier=dossier, at=at, purpose="view"
        )
    sent_old = message(MessageStatus.SENT, old)
    pending_old = message(MessageStatus.PENDING, old)
    sent_recent = message(MessageStatus.SENT, recent)

    done = retention_purge(now=now)

    assert done["public_lookups"] == 1
    assert list(PublicLookup.objects.filter(code="X").values_list("at", flat=True)) == [
        recent
    ]
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) >= {
        pending_old.pk,
        sent_recent.pk,
    }
    assert not OutboxMessage.objects.filter(pk=sent_old.pk).exists()
    assert not PersonalDataAccess.objects.filter(at=old).exists()
    assert PersonalDataAccess.objects.filter(at=recent).exists()
    assert done["dossier_contacts"] is None  # kept until a period is set


def test_closed_dossiers_lose_their_contacts_after_the_period_with_an_event(
    settings, world
):
    settings.MOTCUA_RETENTION_DAYS = {
        **settings.MOTCUA_RETENTION_DAYS,
        "dossier_contacts": 30,
    }
    closed = returned(world, filed(world), NOW + timedelta(days=1))
    still_open = filed(world, at=NOW + timedelta(days=2))

    done = retention_purge(now=NOW + timedelta(days=60), only="dossier_contacts")

    assert done == {"dossier_contacts": 1}
    closed.refresh_from_db()
    assert (closed.applicant_phone, closed.applicant_address) == ("", "")
    assert closed.applicant_birth_date is None
    assert closed.applicant_id_number == ID  # the archived record says who
    event = DossierEvent.objects.filter(dossier=closed).order_by("-sequence")[0]
    assert event.action == "erase_contacts"
    assert event.sequence == closed.version
    assert "applicant_phone" in event.data["fields"]
    still_open.refresh_from_db()
    assert still_open.applicant_phone != ""
    assert retention_purge(now=NOW + timedelta(days=60), only="dossier_contacts") == {
        "dossier_contacts": 0
    }


def test_the_command_reports_each_record_type(world):
    out = StringIO()

    call_command("retention_purge", stdout=out)

    text = out.getvalue()
    for name in ("drafts", "public_lookups", "outbox_messages", "dossier_contacts"):
        assert name in text
    assert "dossier_contacts: kept for good." in text


def test_a_retention_period_below_a_day_is_refused_by_the_checks(settings):
    from motcua.privacy.checks import retention_settings_check

    settings.MOTCUA_RETENTION_DAYS = {"public_lookups": 0, "typo": 3}

    ids = sorted(str(error.id) for error in retention_settings_check())

    assert ids == ["privacy.E001", "privacy.E002"]
