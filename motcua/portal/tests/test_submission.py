"""Filing online over real HTTP: start, form, refused upload, review, pay, done."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.dossiers.models import Dossier, PersonalDataAccess
from motcua.submissions.models import Submission
from motcua.submissions.tests.factories import (
    OnlineWorld,
    other_citizen,
    pdf_upload,
    png_upload,
)

pytestmark = pytest.mark.django_db


def form_data(world: OnlineWorld, **overrides) -> dict[str, object]:
    data: dict[str, object] = {
        "competent_agency": str(world.agency.pk),
        "applicant_name": "Trần Thị Hương",
        "applicant_id_number": "001190012345",
        "applicant_birth_date": "1990-05-31",
        "applicant_phone": "0912345678",
        "applicant_email": "huong@example.vn",
        "applicant_address": "12 Hàng Bạc",
        "summary": "Đăng ký thường trú",
        "return_method": "online",
        "return_address": "",
        "action": "review",
    }
    data.update(overrides)
    return data


def started(client: Client, world: OnlineWorld) -> str:
    client.force_login(world.citizen)
    response = client.post(f"/nop-truc-tuyen/{world.procedure.code}/")
    assert response.status_code == 302
    return response["Location"]


def filed(client: Client, world: OnlineWorld, form_url: str) -> Dossier:
    """Fill the form with good papers and file it (a free procedure)."""
    first, second, _held = world.items
    papers = {f"paper-{first.pk}": pdf_upload(), f"paper-{second.pk}": png_upload()}
    client.post(form_url, form_data(world, **papers))
    client.post(form_url + "xem-lai/")
    return Dossier.objects.get()


def test_the_start_page_lists_the_papers_and_asks_to_log_in(db):
    world = OnlineWorld(fee=20_000)
    client = Client()
    page = client.get(f"/nop-truc-tuyen/{world.procedure.code}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Giấy tờ chứng minh chỗ ở" in html
    assert "20.000" in html
    assert "/cong-dan/dang-nhap/?next=" in html
    # POST without an account goes to the login, then back.
    response = client.post(f"/nop-truc-tuyen/{world.procedure.code}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/cong-dan/dang-nhap/?next=")
    assert not Submission.objects.exists()


def test_unknown_procedure_and_foreign_draft_are_404(db):
    world = OnlineWorld()
    client = Client()
    assert client.get("/nop-truc-tuyen/9.999999/").status_code == 404
    form_url = started(client, world)
    stranger = Client()
    other = other_citizen()
    stranger.force_login(other)
    assert stranger.get(form_url).status_code == 404
    assert stranger.get(form_url + "xem-lai/").status_code == 404


def test_a_bad_upload_is_refused_and_the_form_keeps_its_values(db):
    world = OnlineWorld()
    client = Client()
    form_url = started(client, world)
    first, second, _held = world.items
    renamed = SimpleUploadedFile("anh-chup.png", b"%PDF-1.7 broken \x00\x01")
    response = client.post(
        form_url,
        form_data(
            world,
            summary="Nội dung không được mất",
            **{f"paper-{first.pk}": pdf_upload(), f"paper-{second.pk}": renamed},
        ),
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Nội dung không được mất" in html
    assert 'value="0912345678"' in html
    assert f'id="paper-{second.pk}-error"' in html
    assert "anh-chup.png" in html
    assert f'id="paper-{first.pk}-have"' in html  # the good file was kept
    assert not Dossier.objects.exists()


def test_a_free_dossier_is_filed_once_and_confirmed(db):
    world = OnlineWorld()
    client = Client()
    form_url = started(client, world)
    first, second, _held = world.items
    response = client.post(
        form_url,
        form_data(
            world,
            **{f"paper-{first.pk}": pdf_upload(), f"paper-{second.pk}": png_upload()},
        ),
    )
    assert response.status_code == 302 and response["Location"].endswith("/xem-lai/")
    review = client.get(response["Location"])
    assert "Thẻ Căn cước" in review.content.decode()
    filed = client.post(response["Location"])
    again = client.post(response["Location"])  # a double click
    assert filed.status_code == again.status_code == 302
    assert Dossier.objects.count() == 1
    done = client.get(filed["Location"])
    dossier = Dossier.objects.get()
    html = done.content.decode()
    assert dossier.code in html
    assert f"/tra-cuu/{dossier.code}/" in html
    assert 'id="done-expected"' in html


def test_paying_through_the_demo_gateway_files_the_dossier(db):
    world = OnlineWorld(fee=20_000)
    client = Client()
    form_url = started(client, world)
    first, second, _held = world.items
    client.post(
        form_url,
        form_data(
            world,
            **{f"paper-{first.pk}": pdf_upload(), f"paper-{second.pk}": png_upload()},
        ),
    )
    to_gateway = client.post(form_url + "xem-lai/")
    assert to_gateway.status_code == 302
    bank = client.get(to_gateway["Location"])
    assert bank.status_code == 200 and "20.000" in bank.content.decode()
    # The payer cancels first: nothing is filed.
    back = client.post(to_gateway["Location"], {"result": "cancelled"})
    returned = client.get(back["Location"])
    assert returned.status_code == 200
    assert not Dossier.objects.exists()
    # Then pays.
    to_gateway = client.post(form_url + "xem-lai/")
    back = client.post(to_gateway["Location"], {"result": "paid"})
    assert urlsplit(back["Location"]).path.endswith("/thanh-toan/")
    done = client.get(back["Location"])
    assert done.status_code == 302 and done["Location"].endswith("/da-nop/")
    dossier = Dossier.objects.get()
    assert dossier.fees.get().paid_at is not None
    # Reloading the return page files nothing more.
    client.get(back["Location"])
    assert Dossier.objects.count() == 1


def test_the_officer_opens_an_uploaded_paper_and_the_access_is_logged(db):
    world = OnlineWorld()
    client = Client()
    form_url = started(client, world)
    dossier = filed(client, world, form_url)
    officer = Client()
    officer.force_login(world.officer)
    page = officer.get(f"/dossiers/{dossier.code}/")
    assert f"/dossiers/{dossier.code}/papers/1/" in page.content.decode()
    response = officer.get(f"/dossiers/{dossier.code}/papers/1/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.getvalue().startswith(b"%PDF")
    assert PersonalDataAccess.objects.filter(
        user=world.officer, dossier=dossier, purpose="open paper 1"
    ).exists()
    police = Client()
    police.force_login(world.other_staff)
    assert police.get(f"/dossiers/{dossier.code}/papers/1/").status_code == 404
    # The citizen is not staff and cannot use the back office to open it.
    assert client.get(f"/dossiers/{dossier.code}/papers/1/").status_code in (
        302,
        403,
        404,
    )


def test_my_dossiers_lists_the_draft_then_the_filed_dossier(db):
    world = OnlineWorld()
    client = Client()
    form_url = started(client, world)
    page = client.get("/cong-dan/ho-so-cua-toi/").content.decode()
    assert 'id="my-drafts"' in page and form_url in page
    dossier = filed(client, world, form_url)
    page = client.get("/cong-dan/ho-so-cua-toi/").content.decode()
    assert 'id="my-drafts"' not in page
    assert f"/tra-cuu/{dossier.code}/" in page


def test_a_staff_account_cannot_file_as_a_citizen(db):
    world = OnlineWorld()
    officer = Client()
    officer.force_login(world.officer)
    response = officer.post(f"/nop-truc-tuyen/{world.procedure.code}/")
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_the_citizen_sends_a_requested_supplement_online(db):
    """Form 02 at reception → the owner uploads the papers asked for; the officer
    then checks them and records the supplement."""
    from motcua.dossiers.services import (
        dossier_receive_supplement_at_reception,
        dossier_request_supplement_at_reception,
    )
    from motcua.dossiers.tests.factories import vn

    world = OnlineWorld()
    client = Client()
    dossier = filed(client, world, started(client, world))
    asked = ["Tờ khai (bản rõ nét hơn)", "Giấy xác nhận của tổ dân phố"]
    dossier_request_supplement_at_reception(
        dossier_code=dossier.code,
        actor=world.officer,
        now=vn(2026, 3, 3, 9),
        items=asked,
    )
    page = client.get(f"/tra-cuu/{dossier.code}/").content.decode()
    send_url = f"/cong-dan/ho-so-cua-toi/{dossier.code}/bo-sung/"
    assert send_url in page
    assert send_url in client.get("/cong-dan/ho-so-cua-toi/").content.decode()
    # Someone else cannot send papers for this dossier.
    stranger = Client()
    stranger.force_login(other_citizen())
    assert stranger.get(send_url).status_code == 404

    bad = SimpleUploadedFile("to-khai.pdf", b"not a pdf")
    response = client.post(send_url, {"paper-0": bad, "paper-1": png_upload()})
    assert response.status_code == 422
    assert 'id="paper-0-error"' in response.content.decode()
    assert 'id="supplement-1-sent"' in response.content.decode()
    response = client.post(send_url, {"paper-0": pdf_upload(), "note": "Bản rõ hơn"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.step == "reception_supplement"  # the officer still checks
    sent = dossier.events.filter(action="send_supplement_online")
    assert [e.data["papers"] for e in sent.order_by("sequence")] == [
        [asked[1]],
        [asked[0]],
    ]
    first_sent = sent.first()
    assert first_sent is not None and first_sent.actor == world.citizen
    extra = dossier.papers.get(name=asked[1])
    assert extra.is_provided and extra.file and extra.required_paper is None
    dossier_receive_supplement_at_reception(
        dossier_code=dossier.code, actor=world.officer, now=vn(2026, 3, 4, 9)
    )
    dossier.refresh_from_db()
    assert dossier.step == "online_check"  # back to the officer's check, complete
    page = client.get(send_url).content.decode()
    assert 'id="supplement-not-waiting"' in page


def test_the_citizen_pays_requested_fees_online_and_the_clock_resumes(db):
    from urllib.parse import parse_qsl

    from motcua.dossiers.inputs import FeeLine, PaperTick
    from motcua.dossiers.services import (
        dossier_assign,
        dossier_receive,
        dossier_request_payment,
    )
    from motcua.dossiers.tests.factories import vn

    world = OnlineWorld()
    client = Client()
    dossier = filed(client, world, started(client, world))
    ticks = [PaperTick(required_paper_id=item.pk) for item in world.items]
    dossier_receive(
        dossier_code=dossier.code,
        actor=world.officer,
        now=vn(2026, 3, 3, 9),
        papers=ticks,
    )
    dossier_assign(
        dossier_code=dossier.code,
        actor=world.division,
        now=vn(2026, 3, 3, 10),
        assignee=world.specialist,
    )
    dossier_request_payment(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=vn(2026, 3, 4, 9),
        fees=[FeeLine(name="Lệ phí trước bạ", amount_vnd=500_000)],
    )
    pay_url = f"/cong-dan/ho-so-cua-toi/{dossier.code}/nop-phi/"
    assert pay_url in client.get(f"/tra-cuu/{dossier.code}/").content.decode()
    page = client.get(pay_url).content.decode()
    assert "500.000" in page and 'id="fees-submit"' in page

    bank = client.post(pay_url)
    assert bank.status_code == 302 and "/thanh-toan-demo/" in bank["Location"]
    failed = client.post(bank["Location"], {"result": "failed"})
    response = client.get(failed["Location"])
    assert (
        response.status_code == 200 and 'id="fees-message"' in response.content.decode()
    )
    dossier.refresh_from_db()
    assert dossier.status == 6

    bank = client.post(pay_url)
    back = client.post(bank["Location"], {"result": "paid"})
    forged = dict(parse_qsl(back["Location"].split("?", 1)[1]))
    forged["txn"] = "DEMO-FORGED"
    path = back["Location"].split("?", 1)[0]
    assert client.get(path, forged).status_code == 400
    done = client.get(back["Location"])
    assert done.status_code == 302 and done["Location"].endswith("?da-nop=1")
    dossier.refresh_from_db()
    assert dossier.status == 4  # processing again: the clock resumes
    fee = dossier.fees.get()
    assert fee.paid_at is not None and fee.receipt_number.startswith("DEMO-")
    event = dossier.events.filter(action="record_payment").get()
    assert event.actor == world.citizen and event.actor_role == "applicant"
    assert event.actor_agency is None
    # Reloading the gateway's return page records nothing twice.
    assert client.get(back["Location"]).status_code == 302
    assert dossier.events.filter(action="record_payment").count() == 1


def test_the_fees_and_papers_pages_refuse_everyone_but_the_owner(db):
    world = OnlineWorld()
    owner = Client()
    dossier = filed(owner, world, started(owner, world))
    pages = [
        f"/cong-dan/ho-so-cua-toi/{dossier.code}/nop-phi/",
        f"/cong-dan/ho-so-cua-toi/{dossier.code}/nop-phi/ket-qua/",
        f"/cong-dan/ho-so-cua-toi/{dossier.code}/bo-sung/",
        "/cong-dan/doi-mat-khau/",
    ]
    anonymous = Client()
    stranger = Client()
    stranger.force_login(other_citizen())
    officer = Client()
    officer.force_login(world.officer)
    for url in pages:
        response = anonymous.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/cong-dan/dang-nhap/?next=")
        if dossier.code in url:
            assert stranger.get(url).status_code == 404
        assert officer.get(url).status_code == 403  # staff are not citizens here
    # The owner with nothing to pay is told so, and a POST opens no payment.
    assert 'id="fees-nothing"' in owner.get(pages[0]).content.decode()
    assert owner.post(pages[0]).status_code == 409
