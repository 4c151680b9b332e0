"""A citizen account never enters the back office nor holds a staff API token."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import timezone

from motcua.accounts.tokens import api_token_issue
from motcua.citizens.tests.factories import ID_NUMBER, PASSWORD, citizen

pytestmark = pytest.mark.django_db


def test_the_staff_login_refuses_a_citizen_account_and_says_why(client):
    citizen()

    response = client.post("/login/", {"username": ID_NUMBER, "password": PASSWORD})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "hãy đăng nhập trên cổng dịch vụ công dân" in response.content.decode()


def test_a_citizens_portal_session_is_sent_to_the_staff_login_without_a_loop(
    client,
):
    client.force_login(citizen())

    counter = client.get("/counter/")
    login = client.get(counter["Location"])

    assert counter.status_code == 302
    assert counter["Location"].startswith("/login/")
    assert login.status_code == 200


def test_a_citizen_gets_no_staff_api_token(client):
    citizen()

    response = client.post(
        "/api/v1/auth/token",
        {"username": ID_NUMBER, "password": PASSWORD},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert "token" not in response.json()


def test_a_token_a_citizen_held_before_is_refused(client):
    user = citizen()
    secret, _token = api_token_issue(  # as it was before citizens were refused
        request=RequestFactory().post("/api/v1/auth/token"),
        username=user.username,
        password=PASSWORD,
        now=timezone.now(),
    )

    response = client.get(
        "/api/v1/worklists/mine", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )

    assert response.status_code == 401


def test_staff_still_log_in(client, world):
    world.officer.set_password("demo12345")
    world.officer.save()

    response = client.post("/login/", {"username": "officer", "password": "demo12345"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.officer.pk)
