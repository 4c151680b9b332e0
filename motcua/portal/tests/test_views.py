"""The public tracking pages /tra-cuu/ and /tra-cuu/<code>/ (Vietnamese first)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from motcua.dossiers import services as s
from motcua.dossiers.models import PublicLookup
from motcua.dossiers.tests.factories import staff, vn

NAME = "Trần Thị Hương"
PERSONAL_ID = "001190012345"


@pytest.fixture
def dossier(world):
    return world.processing(timezone.now().replace(microsecond=0))


def detail(client, code, **params):
    return client.get(f"/tra-cuu/{code}/", params)


def test_the_form_page_has_labelled_fields_and_no_staff_menu(client, db):
    response = client.get("/tra-cuu/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert '<label for="id_code">' in html
    assert '<label for="id_check">' in html
    assert "<script" not in html
    assert "/counter/" not in html


def test_the_form_sends_the_code_and_check_to_the_dossier_page(client, db):
    response = client.get("/tra-cuu/", {"code": " 000.00.00.h01-1 ", "check": "2345"})

    assert response.status_code == 302
    assert response["Location"] == "/tra-cuu/000.00.00.H01-1/?check=2345"


def test_the_form_rejects_a_check_that_is_not_4_digits(client, db):
    response = client.get("/tra-cuu/", {"code": "X", "check": "12"})

    assert response.status_code == 200
    assert 'id="id_check-errors"' in response.content.decode()


def test_the_code_alone_shows_the_status_but_not_the_applicant(client, dossier):
    response = detail(client, dossier.code)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="status-label"' in html
    assert 'id="check-form"' in html
    assert NAME not in html
    assert PERSONAL_ID not in html
    assert "Đang xử lý" in html or "Being processed" in html


def test_the_right_check_shows_the_name_and_papers_and_is_not_cached(client, dossier):
    response = detail(client, dossier.code, check="2345")

    html = response.content.decode()
    assert 'id="applicant-name"' in html
    assert NAME in html
    assert "Tờ khai" in html
    assert PERSONAL_ID not in html
    assert "no-store" in response["Cache-Control"]


def test_a_wrong_check_shows_no_personal_data_and_is_logged(client, dossier):
    response = detail(client, dossier.code, check="1111")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="check-wrong"' in html
    assert NAME not in html
    log = PublicLookup.objects.get()
    assert (log.with_check, log.check_ok) == (True, False)
    assert log.client_key != "127.0.0.1"


def test_a_malformed_check_on_the_dossier_page_is_a_clear_error(client, dossier):
    response = detail(client, dossier.code, check="abc")

    assert response.status_code == 400
    assert 'id="tracking-error"' in response.content.decode()


def test_an_unknown_code_answers_404_with_the_form_again(client, db):
    response = detail(client, "000.00.00.H01-260302-9999")

    html = response.content.decode()
    assert response.status_code == 404
    assert 'id="tracking-error"' in html
    assert 'id="tracking-form"' in html


def test_too_many_lookups_answer_429_with_retry_after(client, dossier, settings):
    settings.MOTCUA_PUBLIC_LOOKUP_LIMIT = 2
    for _ in range(2):
        assert detail(client, dossier.code).status_code == 200

    response = detail(client, dossier.code)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert 'id="tracking-refused"' in response.content.decode()
    assert NAME not in response.content.decode()


def test_a_supplement_request_lists_the_papers_to_bring(client, world, dossier):
    s.dossier_request_supplement(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=timezone.now(),
        items=["Bản sao giấy khai sinh"],
    )

    html = detail(client, dossier.code).content.decode()

    assert 'data-kind="supplement"' in html
    assert "<li>Bản sao giấy khai sinh</li>" in html


def test_an_apology_shows_the_new_date(client, world):
    dossier = world.processing(vn(2026, 3, 2, 9))
    s.dossier_apologise(
        dossier_code=dossier.code,
        actor=world.leader,
        now=vn(2026, 3, 3, 9),
        reason="Chờ xác minh",
        new_deadline_at=vn(2026, 3, 12, 17),
    )

    html = detail(client, dossier.code).content.decode()

    assert 'id="apology"' in html
    assert '<strong id="apology-new-date">17:00 12/03/2026</strong>' in html


def test_the_english_page_follows_the_language_cookie(client, dossier):
    client.cookies["django_language"] = "en"

    html = detail(client, dossier.code).content.decode()

    assert '<html lang="en">' in html
    assert "Being processed" in html


def test_a_signed_in_officer_sees_no_staff_menu_on_the_portal(client, world, dossier):
    client.force_login(staff(world.agency, "reception_officer", username="o2"))

    html = detail(client, dossier.code).content.decode()

    assert "/counter/" not in html
    assert NAME not in html


def test_the_back_office_home_still_answers_at_the_root(client, db):
    assert client.get("/").status_code in (200, 302)
