"""Citizen sign-up, login (ID number + password, guarded by django-axes), logout."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user

from motcua.accounts.models import User
from motcua.citizens.models import Citizen
from motcua.citizens.tests.codes import code_sent_to
from motcua.citizens.tests.factories import ID_NUMBER, PASSWORD, citizen
from motcua.notifications.models import OutboxMessage

SIGNUP = "/cong-dan/dang-ky/"
SIGNUP_CONFIRM = "/cong-dan/dang-ky/xac-nhan/"
LOGIN = "/cong-dan/dang-nhap/"
LOGOUT = "/cong-dan/dang-xuat/"
MINE = "/cong-dan/ho-so-cua-toi/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def en(client):
    """A visitor who chose English (messages are read in English)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def signup_data(**overrides):
    data = {
        "full_name": "Trần Thị Hương",
        "id_number": ID_NUMBER,
        "birth_date": "1990-05-17",
        "phone": "0912345678",
        "email": "",
        "password": PASSWORD,
        "password_again": PASSWORD,
    }
    data.update(overrides)
    return data


def html(response):
    return response.content.decode()


def test_the_signup_page_has_labelled_fields_and_no_script(client):
    response = client.get(SIGNUP)

    page = html(response)
    assert response.status_code == 200
    for field in ("full_name", "id_number", "phone", "password", "password_again"):
        assert f'<label for="id_{field}">' in page
    assert 'aria-describedby="id_id_number_helptext"' in page
    assert "<script" not in page
    assert 'id="vneid-login"' not in page
    assert "no-store" in response["Cache-Control"]


def test_signing_up_asks_for_the_code_then_logs_the_citizen_in(client):
    response = client.post(SIGNUP, signup_data())

    assert response.status_code == 302
    assert response["Location"] == SIGNUP_CONFIRM
    assert not User.objects.exists()  # not before the code comes back

    response = client.post(SIGNUP_CONFIRM, {"code": code_sent_to("0912345678")})

    assert response.status_code == 302
    assert response["Location"] == MINE
    user = get_user(client)
    assert user.is_authenticated
    assert Citizen.objects.get(user=user).id_number == ID_NUMBER
    assert client.get(MINE).status_code == 200


def test_signup_shows_a_bad_id_number_next_to_its_field(en):
    response = en.post(SIGNUP, signup_data(id_number="12345"))

    page = html(response)
    assert response.status_code == 400
    assert 'id="id_number-errors"' in page
    assert "A personal ID number has exactly 12 digits." in page
    assert not User.objects.exists()


def test_signup_answers_alike_when_the_id_number_has_an_account_already(en):
    citizen()
    taken = en.post(SIGNUP, signup_data(phone="0987654321"))
    en.cookies.clear()
    en.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    new = en.post(SIGNUP, signup_data(id_number="001190099999", phone="0987654322"))

    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"] == SIGNUP_CONFIRM
    assert "already exists" not in html(en.get(SIGNUP_CONFIRM))
    assert User.objects.count() == 1
    # The owner of the account is told, not the visitor.
    (told,) = OutboxMessage.objects.filter(kind="sign_up_taken")
    assert told.recipient == "0912345678"


def test_signup_explains_a_weak_password(en):
    response = en.post(
        SIGNUP, signup_data(password="12345678", password_again="12345678")
    )

    page = html(response)
    assert response.status_code == 400
    assert 'id="password-errors"' in page
    assert "entirely numeric" in page
    assert not User.objects.exists()


def test_signup_refuses_two_different_passwords(en):
    response = en.post(SIGNUP, signup_data(password_again="Something-else-2026"))

    assert response.status_code == 400
    assert "The two passwords differ." in html(response)


def login(client, id_number=ID_NUMBER, password=PASSWORD, **extra):
    return client.post(LOGIN, {"id_number": id_number, "password": password, **extra})


def test_a_citizen_logs_in_with_the_id_number_and_password(client):
    user = citizen()

    response = login(client, id_number="0011 9001 2345")

    assert response.status_code == 302
    assert response["Location"] == MINE
    assert get_user(client).pk == user.pk


def test_a_wrong_password_is_refused_with_a_message(en):
    citizen()

    response = login(en, password="wrong-password")

    assert response.status_code == 400
    assert "The personal ID number or the password is wrong." in html(response)
    assert not get_user(en).is_authenticated


def test_a_staff_account_cannot_log_in_on_the_citizen_page(en):
    User.objects.create_user(username=ID_NUMBER, password=PASSWORD)

    response = login(en)

    assert response.status_code == 400
    assert "This is a staff account, not a citizen account." in html(response)
    assert not get_user(en).is_authenticated


def test_a_logged_in_staff_user_is_refused_from_my_pages(en):
    staff = User.objects.create_user(username="officer", password=PASSWORD)
    en.force_login(staff)

    response = en.get(MINE)

    assert response.status_code == 403
    assert 'id="staff-refused"' in html(response)


def test_five_wrong_passwords_lock_the_id_number_out_even_with_the_right_one(en):
    citizen()
    for _ in range(5):
        login(en, password="wrong-password")

    response = login(en)

    page = html(response)
    assert response.status_code == 429
    assert 'id="login-locked"' in page
    assert "blocked for 15 minutes" in page
    assert not get_user(en).is_authenticated


def test_other_pages_keep_the_plain_lockout_answer(client):
    """The axes hook shows the portal page only where the portal made it."""
    from django.test import RequestFactory

    from motcua.portal.accounts import axes_lockout_response

    response = axes_lockout_response(RequestFactory().post("/login/"), None, {})

    assert response.status_code == 429
    assert b"locked" in response.content


def test_after_login_the_citizen_goes_to_the_next_page_of_this_site(client):
    citizen()

    response = login(client, next="/thu-tuc/1.004222/")

    assert response["Location"] == "/thu-tuc/1.004222/"


@pytest.mark.parametrize(
    "unsafe",
    ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "http:///x"],
)
def test_a_next_url_of_another_site_is_ignored(client, unsafe):
    citizen()

    response = login(client, next=unsafe)

    assert response["Location"] == MINE


def test_the_next_url_travels_through_the_login_page(client):
    page = html(client.get(LOGIN, {"next": "/nop-truc-tuyen/1.004222/"}))

    assert 'name="next" value="/nop-truc-tuyen/1.004222/"' in page
    assert "?next=%2Fnop-truc-tuyen%2F1.004222%2F" in page  # the sign-up link


def test_an_anonymous_visitor_is_sent_to_login_and_back(client):
    response = client.get("/cong-dan/giay-to-cua-toi/")

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=%2Fcong-dan%2Fgiay-to-cua-toi%2F"


def test_logging_out_needs_a_post_and_ends_the_session(client):
    client.force_login(citizen())
    assert client.get(LOGOUT).status_code == 405

    response = client.post(LOGOUT)

    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert not get_user(client).is_authenticated
    assert 'id="messages"' in html(client.get(LOGIN))


def test_the_header_offers_login_or_the_citizens_own_pages(client):
    assert 'id="login-link"' in html(client.get("/tra-cuu/"))

    client.force_login(citizen())
    page = html(client.get("/tra-cuu/"))

    assert 'id="my-dossiers-link"' in page
    assert 'id="my-papers-link"' in page
    assert 'id="logout"' in page
    assert 'id="login-link"' not in page


PASSWORD_PAGE = "/cong-dan/doi-mat-khau/"
NEW_PASSWORD = "Mat-khau-moi-cua-toi-2027"


def test_a_citizen_changes_the_password_and_stays_logged_in(en):
    user = citizen()
    login(en)
    wrong = en.post(
        PASSWORD_PAGE,
        {
            "old_password": "not-it",
            "new_password": NEW_PASSWORD,
            "new_password_again": NEW_PASSWORD,
        },
    )
    assert wrong.status_code == 422
    assert "The current password is wrong." in html(wrong)
    weak = en.post(
        PASSWORD_PAGE,
        {
            "old_password": PASSWORD,
            "new_password": "12345678",
            "new_password_again": "12345678",
        },
    )
    assert weak.status_code == 422 and "new_password-errors" in html(weak)
    done = en.post(
        PASSWORD_PAGE,
        {
            "old_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "new_password_again": NEW_PASSWORD,
        },
    )
    assert done.status_code == 302 and done["Location"] == MINE
    assert get_user(en).is_authenticated  # the session survives the change
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD) and not user.check_password(PASSWORD)


def test_a_vneid_account_has_no_password_to_change(en):
    user = citizen()
    user.set_unusable_password()
    user.save()
    en.force_login(user)
    page = en.get(PASSWORD_PAGE)
    assert page.status_code == 200 and 'id="password-vneid"' in html(page)
    assert 'id="password-form"' not in html(page)
