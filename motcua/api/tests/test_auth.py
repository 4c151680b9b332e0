"""Staff token login for the API, with brute-force protection."""

import pytest

from motcua.accounts.models import ApiToken, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    return User.objects.create_user(
        username="officer", password="a-Long-passphrase-42", full_name="Lê Thị Hoa"
    )


PASSWORD = "a-Long-passphrase-42"


def login(client, password=PASSWORD):
    return client.post(
        "/api/v1/auth/token",
        {"username": "officer", "password": password},
        content_type="application/json",
    )


def test_a_staff_member_gets_a_token_and_only_its_hash_is_kept(client, officer):
    response = login(client)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["full_name"] == "Lê Thị Hoa"
    stored = ApiToken.objects.get(user=officer)
    assert body["token"] not in stored.key_hash


def test_a_wrong_password_is_refused(client, officer):
    response = login(client, password="nope")
    assert response.status_code == 403
    assert response.json()["detail"]


def test_five_wrong_passwords_lock_the_account(client, officer):
    for _ in range(5):
        login(client, password="nope")
    locked = login(client)
    assert locked.status_code == 429
    assert locked["Content-Type"] == "application/json"
    assert "Thử lại sau ít phút" in locked.json()["detail"]
    assert not ApiToken.objects.exists()


def test_logging_out_revokes_the_token(client, officer):
    token = login(client).json()["token"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.delete("/api/v1/auth/token", **auth).status_code == 204
    assert client.delete("/api/v1/auth/token", **auth).status_code == 401
