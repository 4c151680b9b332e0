"""Online filing: drafts, refused uploads, data-store reuse, payment, idempotence."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.citizens.selectors import papers_of
from motcua.core.errors import InvalidInput, NotFound
from motcua.dossiers.choices import DossierChannel, DossierStatus, DossierStep
from motcua.dossiers.models import Dossier
from motcua.notifications.models import OutboxMessage
from motcua.payments.gateways import gateway
from motcua.payments.models import PaymentStatus
from motcua.procedures.choices import OnlineLevel
from motcua.submissions.models import PaperSource, Submission, SubmissionState
from motcua.submissions.rules import held_by_authorities
from motcua.submissions.selectors import checklist_of, submission_problems
from motcua.submissions.services import (
    DraftValues,
    submission_file,
    submission_pay,
    submission_payment_return,
    submission_save,
    submission_start,
    submissions_purge,
)
from motcua.submissions.tests.factories import (
    NOW,
    other_citizen,
    pdf_upload,
    png_upload,
)

pytestmark = pytest.mark.django_db


def values(world, **overrides) -> DraftValues:
    base = {
        "competent_agency_id": world.agency.pk,
        "applicant_name": "Trần Thị Hương",
        "applicant_id_number": "001190012345",
        "applicant_phone": "0912345678",
        "applicant_email": "huong@example.vn",
        "applicant_address": "12 Hàng Bạc, Hoàn Kiếm",
        "summary": "Đăng ký thường trú cho con",
    }
    base.update(overrides)
    return DraftValues(**base)


def start(world) -> Submission:
    return submission_start(account=world.citizen, procedure=world.procedure, now=NOW)


def ready_draft(world) -> Submission:
    draft = submission_start(account=world.citizen, procedure=world.procedure, now=NOW)
    first, second, _held = world.items
    return submission_save(
        submission=draft,
        account=world.citizen,
        values=values(world),
        uploads={first.pk: pdf_upload(), second.pk: png_upload()},
        reuse={},
        now=NOW,
    )


def test_a_draft_starts_from_the_account_and_resumes(online):
    draft = submission_start(
        account=online.citizen, procedure=online.procedure, now=NOW
    )
    assert draft.applicant["id_number"] == "001190012345"
    assert draft.applicant["name"] == "Trần Thị Hương"
    assert draft.competent_agency == online.agency  # the only agency deciding it
    again = submission_start(
        account=online.citizen, procedure=online.procedure, now=NOW
    )
    assert again.pk == draft.pk


def test_a_procedure_not_online_cannot_be_started(online):
    online.procedure.online_level = OnlineLevel.NONE
    online.procedure.save()
    with pytest.raises(InvalidInput):
        start(online)


def test_identity_papers_are_taken_by_reference_not_uploaded(online):
    assert held_by_authorities("Thẻ Căn cước công dân (bản sao)")
    assert held_by_authorities("Bản sao CHỨNG MINH NHÂN DÂN")
    assert not held_by_authorities("Giấy chứng sinh")
    draft = submission_start(
        account=online.citizen, procedure=online.procedure, now=NOW
    )
    lines = checklist_of(draft)
    assert [line.held_by_authorities for line in lines] == [False, False, True]
    problems = submission_problems(draft)
    first, second, held = online.items
    assert f"paper-{first.pk}" in problems
    assert f"paper-{second.pk}" in problems
    assert f"paper-{held.pk}" not in problems


def test_a_bad_file_is_refused_and_everything_else_is_kept(online):
    draft = submission_start(
        account=online.citizen, procedure=online.procedure, now=NOW
    )
    first, second, _held = online.items
    fake = SimpleUploadedFile("giay-to.pdf", b"MZ\x90\x00 not a pdf at all")
    with pytest.raises(InvalidInput) as refused:
        submission_save(
            submission=draft,
            account=online.citizen,
            values=values(online, summary="Giữ lại nội dung này"),
            uploads={first.pk: pdf_upload(), second.pk: fake},
            reuse={},
            now=NOW,
        )
    assert list(refused.value.field_errors) == [f"paper-{second.pk}"]
    assert "giay-to.pdf" in str(refused.value.field_errors[f"paper-{second.pk}"])
    draft.refresh_from_db()
    assert draft.summary == "Giữ lại nội dung này"
    kept = draft.papers.get(required_paper=first)
    assert kept.source == PaperSource.UPLOAD
    assert kept.content_type == "application/pdf"
    assert default_storage.exists(kept.file.name)
    assert kept.file.name.endswith(".pdf") and "to-khai" not in kept.file.name
    assert not draft.papers.filter(required_paper=second).exists()


def test_filing_a_free_dossier_registers_it_online_once(online):
    draft = ready_draft(online)
    assert submission_problems(draft) == {}
    dossier = submission_file(submission=draft, account=online.citizen, now=NOW)
    assert dossier.status == DossierStatus.REGISTERED
    assert dossier.step == DossierStep.ONLINE_CHECK
    assert dossier.channel == DossierChannel.ONLINE
    assert dossier.account == online.citizen
    assert dossier.competent_agency == online.agency
    papers = list(dossier.papers.order_by("position"))
    assert [p.is_provided for p in papers] == [True, True, False]
    assert papers[0].file.name and default_storage.exists(papers[0].file.name)
    assert papers[2].reference == "population-db:001190012345"
    event = dossier.events.get()
    assert event.action == "register_online"
    # Decree 45/2020 Art. 11: acknowledged at once, by SMS and e-mail.
    acknowledgements = OutboxMessage.objects.filter(
        dossier_code=dossier.code, kind="registered_online"
    )
    assert {m.channel for m in acknowledgements} == {"sms", "email"}
    # A double click or a retried request returns the same dossier.
    again = submission_file(submission=draft, account=online.citizen, now=NOW)
    assert again.pk == dossier.pk
    assert Dossier.objects.count() == 1
    draft.refresh_from_db()
    assert draft.state == SubmissionState.SUBMITTED


def test_filed_papers_land_in_my_papers_and_are_offered_next_time(online):
    dossier = submission_file(
        submission=ready_draft(online), account=online.citizen, now=NOW
    )
    stored = list(papers_of(online.citizen))
    assert {paper.name for paper in stored} == {"Tờ khai", "Giấy tờ chứng minh chỗ ở"}
    assert {paper.dossier_code for paper in stored} == {dossier.code}
    # The next dossier of the same procedure offers them back.
    draft = submission_start(
        account=online.citizen, procedure=online.procedure, now=NOW
    )
    assert draft.pk != dossier.submission.pk
    first_line = checklist_of(draft)[0]
    assert [p.name for p in first_line.reusable] == ["Tờ khai"]
    first, second, _held = online.items
    submission_save(
        submission=draft,
        account=online.citizen,
        values=values(online),
        uploads={second.pk: png_upload()},
        reuse={first.pk: first_line.reusable[0].pk},
        now=NOW,
    )
    reused = draft.papers.get(required_paper=first)
    assert reused.source == PaperSource.STORED
    second_dossier = submission_file(submission=draft, account=online.citizen, now=NOW)
    row = second_dossier.papers.get(position=1)
    assert row.is_provided and row.file.name == first_line.reusable[0].file.name
    assert row.reference.startswith("data-store:")


def test_someone_elses_stored_paper_cannot_be_reused(online):
    submission_file(submission=ready_draft(online), account=online.citizen, now=NOW)
    theirs = papers_of(online.citizen).first()
    assert theirs is not None
    other = other_citizen()
    draft = submission_start(account=other, procedure=online.procedure, now=NOW)
    first = online.items[0]
    with pytest.raises(Exception) as error:
        submission_save(
            submission=draft,
            account=other,
            values=values(online),
            uploads={},
            reuse={first.pk: theirs.pk},
            now=NOW,
        )
    assert getattr(error.value, "status_code", None) == 404
    assert not draft.papers.exists()


def _gateway_return(payment, result: str) -> dict[str, str]:
    """Walk the demo gateway's page as the payer does and read where it sends us."""
    client = Client()
    page = gateway().redirect_url(payment)
    response = client.post(page, {"result": result})
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    return {key: value[0] for key, value in query.items()}


def test_a_fee_must_be_paid_before_filing(paid_online):
    world = paid_online
    draft = ready_draft(world)
    with pytest.raises(InvalidInput, match="Pay the fee"):
        submission_file(submission=draft, account=world.citizen, now=NOW)
    payment = submission_pay(
        submission=draft, account=world.citizen, return_url="/back/", now=NOW
    )
    assert payment.amount_vnd == 20_000
    assert payment.status == PaymentStatus.PENDING
    assert Dossier.objects.count() == 0


def test_a_failed_or_cancelled_payment_leaves_no_dossier(paid_online):
    world = paid_online
    draft = ready_draft(world)
    for outcome in ("failed", "cancelled"):
        payment = submission_pay(
            submission=draft, account=world.citizen, return_url="/back/", now=NOW
        )
        params = _gateway_return(payment, outcome)
        settled, dossier = submission_payment_return(
            submission=draft, account=world.citizen, params=params, now=NOW
        )
        assert dossier is None
        assert settled.status == outcome
    assert Dossier.objects.count() == 0
    draft.refresh_from_db()
    assert draft.state == SubmissionState.DRAFT


def test_a_paid_fee_files_the_dossier_with_its_receipt_once(paid_online):
    world = paid_online
    draft = ready_draft(world)
    payment = submission_pay(
        submission=draft, account=world.citizen, return_url="/back/", now=NOW
    )
    params = _gateway_return(payment, "paid")
    settled, dossier = submission_payment_return(
        submission=draft, account=world.citizen, params=params, now=NOW
    )
    assert settled.status == PaymentStatus.PAID
    assert dossier is not None
    fee = dossier.fees.get()
    assert fee.amount_vnd == 20_000 and fee.paid_at is not None
    assert fee.receipt_number
    # The payer reloads the return page: same dossier, nothing new.
    _again, same = submission_payment_return(
        submission=draft, account=world.citizen, params=params, now=NOW
    )
    assert same is not None and same.pk == dossier.pk
    assert Dossier.objects.count() == 1


def test_a_forged_payment_return_is_refused(paid_online):
    world = paid_online
    draft = ready_draft(world)
    payment = submission_pay(
        submission=draft, account=world.citizen, return_url="/back/", now=NOW
    )
    params = _gateway_return(payment, "failed")
    params["result"] = "paid"
    with pytest.raises(InvalidInput):
        submission_payment_return(
            submission=draft, account=world.citizen, params=params, now=NOW
        )
    assert Dossier.objects.count() == 0


def test_stale_drafts_are_purged_with_their_files(
    online, django_capture_on_commit_callbacks
):
    draft = ready_draft(online)
    names = [paper.file.name for paper in draft.papers.all()]
    assert all(default_storage.exists(name) for name in names)
    month = timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        assert submissions_purge(now=NOW + timedelta(days=10), older_than=month) == 0
        assert submissions_purge(now=NOW + timedelta(days=31), older_than=month) == 1
    assert not Submission.objects.filter(pk=draft.pk).exists()
    assert not any(default_storage.exists(name) for name in names)


def test_a_result_issued_earlier_is_reused_by_reference_without_a_file(online):
    """Decree 45/2020 Art. 4: the authorities hold the birth certificate they
    issued, so the citizen points at it instead of uploading it."""
    from motcua.citizens.models import StoredPaper
    from motcua.citizens.services import stored_paper_add
    from motcua.procedures.models import RequiredPaper

    birth = RequiredPaper.objects.create(
        procedure=online.procedure, position=4, name="Bản sao Giấy khai sinh"
    )
    result = stored_paper_add(
        owner=online.citizen,
        name="Giấy khai sinh",
        kind=StoredPaper.Kind.RESULT,
        now=NOW,
        number="45/2026",
        issued_by="UBND phường Ba Đình",
        issued_at=NOW,
        dossier_code="000.00.00.H01-260302-0001",
    )
    draft = ready_draft(online)
    line = checklist_of(draft)[3]
    assert line.item == birth and [p.pk for p in line.reusable] == [result.pk]
    assert f"paper-{birth.pk}" in submission_problems(draft)
    submission_save(
        submission=draft,
        account=online.citizen,
        values=values(online),
        uploads={},
        reuse={birth.pk: result.pk},
        now=NOW,
    )
    assert submission_problems(draft) == {}
    dossier = submission_file(submission=draft, account=online.citizen, now=NOW)
    row = dossier.papers.get(required_paper=birth)
    assert row.is_provided and not row.file
    assert row.reference.startswith(f"data-store:{result.pk} Giấy khai sinh")
    assert "45/2026" in row.reference and "UBND phường Ba Đình" in row.reference


def test_an_older_payment_never_pays_fees_added_since(online):
    from motcua.core.errors import Conflict
    from motcua.dossiers.inputs import FeeLine, PaperTick
    from motcua.dossiers.services import (
        dossier_assign,
        dossier_pay_fees_online,
        dossier_receive,
        dossier_request_payment,
    )

    dossier = submission_file(
        submission=ready_draft(online), account=online.citizen, now=NOW
    )
    ticks = [PaperTick(required_paper_id=item.pk) for item in online.items]
    dossier_receive(
        dossier_code=dossier.code, actor=online.officer, now=NOW, papers=ticks
    )
    dossier_assign(
        dossier_code=dossier.code,
        actor=online.division,
        now=NOW,
        assignee=online.specialist,
    )
    dossier_request_payment(
        dossier_code=dossier.code,
        actor=online.specialist,
        now=NOW,
        fees=[FeeLine(name="Lệ phí", amount_vnd=50_000)],
    )
    with pytest.raises(Conflict):
        dossier_pay_fees_online(
            dossier_code=dossier.code,
            account=online.citizen,
            now=NOW,
            amount_vnd=20_000,
            payment_method="demo",
            receipt_number="DEMO-1",
        )
    with pytest.raises(NotFound):
        dossier_pay_fees_online(
            dossier_code=dossier.code,
            account=other_citizen(),
            now=NOW,
            amount_vnd=50_000,
            payment_method="demo",
            receipt_number="DEMO-2",
        )
    dossier.refresh_from_db()
    assert dossier.status == 6 and dossier.fees.get().paid_at is None
