"""Guessing one account from many addresses locks it; an administrator unlocks it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from motcua.accounts.lockout import account_failures, account_locked
from motcua.accounts.models import ApiToken, User

pytestmark = pytest.mark.django_db

PASSWORD = "a-Long-passphrase-42"
# Every test starts at this instant (not the machine's clock) and moves from it.
START = datetime(2026, 11, 17, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def at_start(time_machine):
    time_machine.move_to(START, tick=False)


@pytest.fixture
def officer():
    return User.objects.create_user(
        username="officer", password=PASSWORD, full_name="Lê Thị Hoa"
    )


def staff_login(client, password, address):
    return client.post(
        reverse("backoffice:login"),
        {"username": "officer", "password": password},
        REMOTE_ADDR=address,
    )


def guess_from_many_addresses(client, settings, count=10):
    # Four wrong passwords per address: under the per-address limit of 5.
    for n in range(count):
        staff_login(client, "wrong", f"198.51.100.{n // 4}")


def test_ten_failures_from_several_addresses_lock_the_account(
    client, officer, settings
):
    settings.MOTCUA_ACCOUNT_FAILURE_LIMIT = 10
    guess_from_many_addresses(client, settings)

    assert account_failures(username="officer", now=START) == 10
    refused = staff_login(client, PASSWORD, "203.0.113.50")

    assert refused.status_code == 200  # the login page again, with the reason
    assert "_auth_user_id" not in client.session
    assert "tạm khóa vì nhập sai mật khẩu" in refused.content.decode()
    # The API refuses it as well.
    answer = client.post(
        "/api/v1/auth/token",
        {"username": "officer", "password": PASSWORD},
        content_type="application/json",
        REMOTE_ADDR="203.0.113.51",
    )
    assert answer.status_code in {403, 429}
    assert not ApiToken.objects.exists()


def test_fewer_failures_do_not_lock_the_account(client, officer, settings):
    settings.MOTCUA_ACCOUNT_FAILURE_LIMIT = 10
    guess_from_many_addresses(client, settings, count=9)

    answer = staff_login(client, PASSWORD, "203.0.113.50")

    assert answer.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_the_lock_ends_after_the_cool_off(client, officer, settings, time_machine):
    settings.MOTCUA_ACCOUNT_FAILURE_LIMIT = 10
    guess_from_many_addresses(client, settings)
    assert account_locked(username="officer", now=START)

    # AXES_COOLOFF_TIME: 15 minutes.
    time_machine.move_to(START + timedelta(minutes=16), tick=False)

    assert staff_login(client, PASSWORD, "203.0.113.50").status_code == 302


def test_an_administrator_unlocks_the_account(client, officer, settings):
    settings.MOTCUA_ACCOUNT_FAILURE_LIMIT = 10
    guess_from_many_addresses(client, settings)
    admin = User.objects.create_superuser("root", password=PASSWORD)
    client.force_login(admin)

    answer = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock_sign_in", "_selected_action": [officer.pk]},
        follow=True,
    )

    assert answer.status_code == 200
    assert "Đã mở khóa đăng nhập cho 1 tài khoản." in answer.content.decode()
    client.logout()
    assert staff_login(client, PASSWORD, "203.0.113.50").status_code == 302
