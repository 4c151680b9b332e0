"""The pages where a code is typed: confirming a sign-up, resetting a password."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user
from django.test import Client

from motcua.accounts.models import User
from motcua.citizens.tests.codes import code_sent_to
from motcua.citizens.tests.factories import ID_NUMBER, PASSWORD, citizen
from motcua.notifications.models import OutboxMessage

LOGIN = "/cong-dan/dang-nhap/"
MINE = "/cong-dan/ho-so-cua-toi/"
SIGNUP = "/cong-dan/dang-ky/"
SIGNUP_CONFIRM = "/cong-dan/dang-ky/xac-nhan/"
FORGOT = "/cong-dan/quen-mat-khau/"
RESET = "/cong-dan/quen-mat-khau/dat-lai/"
PHONE = "0912345678"
NEW_PASSWORD = "Mat-khau-moi-cua-toi-2027"

pytestmark = pytest.mark.django_db


def english() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def en():
    return english()


def html(response):
    return response.content.decode()


def login(client, password=PASSWORD):
    return client.post(LOGIN, {"id_number": ID_NUMBER, "password": password})


def reset_data(code, password=NEW_PASSWORD):
    return {"code": code, "new_password": password, "new_password_again": password}


def test_the_login_page_links_to_the_password_reset(client):
    page = html(client.get(LOGIN))

    assert 'id="password-forgot-link"' in page
    assert f'href="{FORGOT}"' in page


def test_a_citizen_resets_a_forgotten_password_and_logs_in_with_it(en):
    citizen()
    assert 'id="password-forgot-form"' in html(en.get(FORGOT))

    asked = en.post(FORGOT, {"id_number": "0011 9001 2345"})

    assert asked.status_code == 302 and asked["Location"] == RESET
    page = en.get(RESET)
    assert page.status_code == 200
    assert "The code works for 15 minutes." in html(page)
    done = en.post(RESET, reset_data(code_sent_to(PHONE)))
    assert done.status_code == 302 and done["Location"] == LOGIN
    assert "Log in with your new password." in html(en.get(LOGIN))
    assert login(en, password=PASSWORD).status_code == 400
    assert login(en, password=NEW_PASSWORD)["Location"] == MINE
    assert get_user(en).is_authenticated


def test_the_reset_answers_alike_whether_or_not_the_account_exists(en):
    citizen()
    known = en.post(FORGOT, {"id_number": ID_NUMBER})
    other = english()
    unknown = other.post(FORGOT, {"id_number": "001190099999"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == RESET
    assert en.get(RESET).status_code == other.get(RESET).status_code == 200
    assert OutboxMessage.objects.filter(kind="password_reset_code").count() == 1
    refused = other.post(RESET, reset_data("123456"))
    wrong = en.post(RESET, reset_data(wrong_code(code_sent_to(PHONE))))
    assert refused.status_code == wrong.status_code == 400
    assert 'id="code-errors"' in html(refused) and 'id="code-errors"' in html(wrong)


def wrong_code(code):
    return "000000" if code != "000000" else "111111"


def test_a_reset_ends_the_other_sessions_of_the_account(en):
    user = citizen()
    elsewhere = Client()
    elsewhere.force_login(user)
    assert elsewhere.get(MINE).status_code == 200

    en.post(FORGOT, {"id_number": ID_NUMBER})
    en.post(RESET, reset_data(code_sent_to(PHONE)))

    assert not get_user(elsewhere).is_authenticated
    assert elsewhere.get(MINE)["Location"].startswith(LOGIN)


def test_a_reset_opens_an_account_locked_by_wrong_passwords(en):
    citizen()
    for _ in range(5):
        login(en, password="wrong-password")
    assert login(en).status_code == 429

    en.post(FORGOT, {"id_number": ID_NUMBER})
    en.post(RESET, reset_data(code_sent_to(PHONE)))

    assert login(en, password=NEW_PASSWORD)["Location"] == MINE


def test_a_weak_new_password_is_explained_and_the_code_still_works(en):
    citizen()
    en.post(FORGOT, {"id_number": ID_NUMBER})
    code = code_sent_to(PHONE)

    weak = en.post(RESET, reset_data(code, password="12345678"))

    assert weak.status_code == 400
    assert 'id="new_password-errors"' in html(weak)
    assert en.post(RESET, reset_data(code))["Location"] == LOGIN


def test_a_bad_id_number_is_said_next_to_its_field(en):
    response = en.post(FORGOT, {"id_number": "12345"})

    assert response.status_code == 400
    assert "A personal ID number has exactly 12 digits." in html(response)


def test_the_code_pages_without_a_request_send_back_to_the_start(client):
    assert client.get(RESET)["Location"] == FORGOT
    assert client.get(SIGNUP_CONFIRM)["Location"] == SIGNUP


def test_asking_for_codes_is_rate_limited_per_connection(en, settings):
    settings.MOTCUA_PUBLIC_LOOKUP_LIMIT = 2
    for _ in range(2):
        assert en.post(FORGOT, {"id_number": ID_NUMBER}).status_code == 302

    refused = en.post(FORGOT, {"id_number": ID_NUMBER})

    assert refused.status_code == 429
    assert "Too many tries from your connection." in html(refused)
    assert en.post(RESET, reset_data("123456")).status_code == 429


def signup_data(**overrides):
    data = {
        "full_name": "Lê Văn Nam",
        "id_number": "001190099999",
        "birth_date": "",
        "phone": "0987 654 321",
        "email": "",
        "password": PASSWORD,
        "password_again": PASSWORD,
    }
    data.update(overrides)
    return data


def test_the_confirmation_page_says_where_the_code_went(en):
    en.post(SIGNUP, signup_data())

    page = html(en.get(SIGNUP_CONFIRM))

    assert "the phone number ending in 321" in page
    assert 'autocomplete="one-time-code"' in page


def test_a_wrong_sign_up_code_is_refused_and_makes_no_account(en):
    en.post(SIGNUP, signup_data())

    response = en.post(SIGNUP_CONFIRM, {"code": wrong_code(code_sent_to("0987654321"))})

    assert response.status_code == 400
    assert 'id="code-errors"' in html(response)
    assert not User.objects.exists()


def test_after_confirming_the_citizen_goes_to_the_next_page(client):
    client.post(f"{SIGNUP}?next=/thu-tuc/1.004222/", signup_data())

    response = client.post(SIGNUP_CONFIRM, {"code": code_sent_to("0987654321")})

    assert response["Location"] == "/thu-tuc/1.004222/"
    assert client.get(SIGNUP_CONFIRM)["Location"] == SIGNUP  # the request is done


def test_signing_up_is_rate_limited_per_connection(en, settings):
    settings.MOTCUA_PUBLIC_LOOKUP_LIMIT = 1
    en.post(SIGNUP, signup_data())

    refused = en.post(SIGNUP, signup_data(phone="0987654322"))

    assert refused.status_code == 429
    assert "Too many tries from your connection." in html(refused)
