"""The counter screen: receive, look up the applicant, preview the deadline."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import World
from motcua.notifications.models import OutboxMessage
from motcua.procedures.models import ProcedureChannel

pytestmark = pytest.mark.django_db

URL = reverse("backoffice:counter")


def post_data(world: World, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "service_point": world.point.pk,
        "procedure": world.procedure.code,
        "case_heading": "",
        "competent_agency": world.agency.pk,
        "papers": [
            str(pk) for pk in world.procedure.papers.values_list("pk", flat=True)
        ],
        "applicant_kind": "person",
        "applicant_id_number": "001190012345",
        "applicant_name": "Trần Thị Hương",
        "applicant_birth_date": "1990-05-04",
        "applicant_address": "12 Hàng Bạc, Hà Nội",
        "applicant_phone": "0912345678",
        "applicant_email": "",
        "return_method": "counter",
    }
    data.update(overrides)
    return data


def test_a_reception_officer_opens_the_counter_with_the_search_focused(client, world):
    client.force_login(world.officer)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="procedure-search"' in html
    assert "autofocus" in html
    assert 'data-shortcut="KeyS"' in html


def test_staff_without_the_reception_role_may_not_use_the_counter(client, world):
    client.force_login(world.specialist)
    assert client.get(URL).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("backoffice:login") in response["Location"]


def test_confirming_receives_the_dossier_and_opens_its_page(client, world):
    client.force_login(world.officer)
    response = client.post(URL, post_data(world))
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("backoffice:dossier", args=[dossier.code]) + "?received=1"
    )
    assert dossier.applicant_name == "Trần Thị Hương"
    assert dossier.deadline_at is not None
    page = client.get(response["Location"]).content.decode()
    assert reverse("backoffice:dossier_form", args=[dossier.code, "01"]) in page


def test_a_missing_paper_is_explained_and_every_value_kept(client, world):
    client.force_login(world.officer)
    first = world.procedure.papers.order_by("position").first()
    response = client.post(URL, post_data(world, papers=[str(first.pk)]))
    assert response.status_code == 200
    assert not Dossier.objects.exists()
    html = response.content.decode()
    assert 'data-testid="form-errors"' in html
    assert "Giấy tờ chứng minh chỗ ở" in html  # the missing paper is named
    assert 'value="Trần Thị Hương"' in html
    assert 'value="001190012345"' in html
    assert re.search(rf'name="papers" value="{first.pk}"[^>]*checked', html)


def test_a_malformed_personal_id_comes_back_on_its_field(client, world):
    client.force_login(world.officer)
    response = client.post(URL, post_data(world, applicant_id_number="12345"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "12 digits" in html or "12 chữ số" in html
    assert 'value="12345"' in html


def test_an_empty_form_is_answered_with_errors_not_a_crash(client, world):
    client.force_login(world.officer)
    response = client.post(URL, {})
    assert response.status_code == 200
    assert 'data-testid="form-errors"' in response.content.decode()


def test_the_procedure_search_ignores_diacritics(client, world):
    client.force_login(world.officer)
    response = client.get(
        reverse("backoffice:counter_procedures"), {"q": "dang ky thuong tru"}
    )
    assert world.procedure.code in response.content.decode()


def test_choosing_a_procedure_shows_its_checklist_and_deadline(client, world):
    client.force_login(world.officer)
    response = client.get(
        reverse("backoffice:counter_checklist"),
        {"procedure": world.procedure.code, "service_point": world.point.pk},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "Tờ khai" in html
    assert 'data-testid="deadline-value"' in html
    assert 'hx-swap-oob="true"' in html


def test_the_deadline_preview_uses_the_chosen_agency(client, world):
    client.force_login(world.officer)
    response = client.get(
        reverse("backoffice:counter_deadline"),
        {"procedure": world.procedure.code, "competent_agency": world.agency.pk},
    )
    assert 'data-testid="deadline-value"' in response.content.decode()


def test_the_personal_id_lookup_fills_name_birth_date_and_address(client, world):
    client.force_login(world.officer)
    response = client.get(
        reverse("backoffice:counter_citizen"),
        {"applicant_id_number": "001090001234"},
    )
    html = response.content.decode()
    assert 'data-testid="lookup-found"' in html
    assert "Phường Ba Đình" in html
    # Shown in Vietnamese order (dd/mm/yyyy), whatever the browser's language.
    assert re.search(r'name="applicant_birth_date" value="\d\d/\d\d/1990"', html)


def test_an_unknown_personal_id_changes_only_the_message(client, world):
    client.force_login(world.officer)
    response = client.get(
        reverse("backoffice:counter_citizen"),
        {"applicant_id_number": "001090000000", "applicant_name": "Lê Văn Tám"},
    )
    html = response.content.decode()
    assert 'data-testid="lookup-message"' in html
    assert "applicant_name" not in html  # what was typed is not replaced
    assert response["HX-Retarget"] == "#lookup-status"


def test_a_malformed_personal_id_lookup_says_why(client, world):
    client.force_login(world.officer)
    response = client.get(
        reverse("backoffice:counter_citizen"), {"applicant_id_number": "12"}
    )
    assert response.status_code == 200
    assert 'data-testid="lookup-message"' in response.content.decode()


def test_a_resent_confirmation_makes_no_second_dossier(client, world):
    client.force_login(world.officer)
    page = client.get(URL).content.decode()
    key = re.search(r'name="request_key" value="([0-9a-f]+)"', page)
    assert key is not None
    data = post_data(world, request_key=key.group(1))

    first = client.post(URL, data)
    again = client.post(URL, data)  # a double click, or the answer was lost

    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    dossier = Dossier.objects.get()
    assert dossier.events.filter(action="receive").count() == 1
    assert (
        OutboxMessage.objects.filter(dossier_code=dossier.code, channel="sms").count()
        == 1
    )
    # A new form is a new key: the next applicant gets their own dossier.
    fresh = re.search(
        r'name="request_key" value="([0-9a-f]+)"', client.get(URL).content.decode()
    )
    assert fresh is not None and fresh.group(1) != key.group(1)


def test_an_incomplete_walk_in_is_handed_form_02_with_the_missing_paper(client, world):
    client.force_login(world.officer)
    first = world.procedure.papers.order_by("position").first()

    response = client.post(
        URL,
        post_data(
            world, papers=[str(first.pk)], outcome="papers", note="Mang bản chính"
        ),
    )

    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith("?asked=1")
    assert dossier.status == 5 and dossier.received_at is None
    page = client.get(response["Location"]).content.decode()
    form_02 = reverse("backoffice:dossier_form", args=[dossier.code, "02"])
    assert form_02 in page and 'data-testid="print-form-02"' in page
    pdf = client.get(form_02)
    assert pdf.status_code == 200
    text = pdf_text(pdf)
    assert "Giấy tờ chứng minh chỗ ở" in text
    assert dossier.code in text


def test_a_refusal_at_the_counter_needs_reasons_and_prints_form_03(client, world):
    client.force_login(world.officer)

    empty = client.post(URL, post_data(world, outcome="refuse", note=""))
    assert empty.status_code == 200
    assert not Dossier.objects.exists()
    assert 'id="id_note"' in empty.content.decode()

    response = client.post(
        URL, post_data(world, outcome="refuse", note="Không thuộc thẩm quyền")
    )
    dossier = Dossier.objects.get()
    assert response["Location"].endswith("?refused=1")
    assert dossier.status == 3
    pdf = client.get(reverse("backoffice:dossier_form", args=[dossier.code, "03"]))
    assert "Không thuộc thẩm quyền" in pdf_text(pdf)


def pdf_text(response) -> str:
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _one_day_for_the_case_four_for_every_case(world, case: str) -> None:
    for position, (amount, heading) in enumerate(((1, case), (4, "")), start=1):
        ProcedureChannel.objects.create(
            procedure=world.procedure,
            position=position,
            channel="in_person",
            time_amount=Decimal(amount),
            time_unit="working_days",
            case_heading=heading,
        )


def test_the_deadline_preview_follows_the_chosen_case(client, world):
    case = "Trường hợp thuộc điểm c, điểm d khoản 1 Điều 31"
    world.procedure.papers.filter(position=2).update(case_heading=case)
    # A second case, so that "" means "none chosen yet" (a procedure with one
    # case has it chosen by itself, on the panel and in the preview alike).
    world.procedure.papers.exclude(position=2).update(case_heading="Trường hợp khác")
    _one_day_for_the_case_four_for_every_case(world, case)
    client.force_login(world.officer)

    def due(case_heading: str) -> str:
        html = client.get(
            reverse("backoffice:counter_deadline"),
            {
                "procedure": world.procedure.code,
                "competent_agency": world.agency.pk,
                "case_heading": case_heading,
            },
        ).content.decode()
        found = re.search(r'data-testid="deadline-value" data-iso="([^"]+)"', html)
        assert found, html
        return found.group(1)

    assert due(case) < due("")


def test_the_preview_and_the_panel_take_a_single_case_by_themselves(client, world):
    case = "Trường hợp thuộc điểm c, điểm d khoản 1 Điều 31"
    world.procedure.papers.filter(position=2).update(case_heading=case)
    _one_day_for_the_case_four_for_every_case(world, case)
    client.force_login(world.officer)
    query = {"procedure": world.procedure.code, "competent_agency": world.agency.pk}

    def due(view: str) -> str:
        html = client.get(reverse(view), query).content.decode()
        found = re.search(r'data-testid="deadline-value" data-iso="([^"]+)"', html)
        assert found, html
        return found.group(1)

    # The one case's own time (1 working day), not the every-case row (4).
    assert due("backoffice:counter_deadline") == due("backoffice:counter_checklist")
    assert due("backoffice:counter_deadline") == "2026-11-18T09:30:00+07:00"
