"""Signing up with a code sent through the outbox, never telling who has an account."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from motcua.accounts.models import User
from motcua.citizens.models import Citizen, SignUpRequest
from motcua.citizens.services import citizen_sign_up
from motcua.citizens.sign_up import (
    citizen_sign_up_confirm,
    citizen_sign_up_request,
    sign_up_requests_purge,
)
from motcua.citizens.tests.codes import code_sent_to
from motcua.citizens.tests.factories import ID_NUMBER, PASSWORD, citizen
from motcua.core.errors import InvalidInput
from motcua.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

PHONE = "0987654321"
OTHER_ID = "001190099999"


def request(**overrides: Any) -> str:
    values: dict[str, Any] = {
        "full_name": "Lê Văn Nam",
        "id_number": OTHER_ID,
        "phone": PHONE,
        "email": "Nam@Example.vn",
        "password": PASSWORD,
        "now": timezone.now(),
    }
    values.update(overrides)
    return citizen_sign_up_request(**values)


def wrong(code: str) -> str:
    return "000000" if code != "000000" else "111111"


def test_a_sign_up_makes_no_account_until_the_code_comes_back():
    token = request()

    assert not User.objects.exists()
    code = code_sent_to(PHONE)
    assert code_sent_to("nam@example.vn") == code
    kept = SignUpRequest.objects.get(token=token)
    assert code not in kept.digest and PASSWORD not in kept.password

    user = citizen_sign_up_confirm(token=token, code=code, now=timezone.now())

    assert user.username == OTHER_ID
    assert user.check_password(PASSWORD)
    assert (user.full_name, user.phone, user.email) == (
        "Lê Văn Nam",
        PHONE,
        "nam@example.vn",
    )
    assert Citizen.objects.get(user=user).is_id_verified is False


def test_a_code_works_once():
    token = request()
    code = code_sent_to(PHONE)
    citizen_sign_up_confirm(token=token, code=code, now=timezone.now())

    with pytest.raises(InvalidInput) as error:
        citizen_sign_up_confirm(token=token, code=code, now=timezone.now())

    assert "code" in error.value.field_errors
    assert User.objects.count() == 1


def test_a_code_may_be_typed_with_spaces():
    token = request()
    code = code_sent_to(PHONE)

    user = citizen_sign_up_confirm(
        token=token, code=f" {code[:3]} {code[3:]} ", now=timezone.now()
    )

    assert user.username == OTHER_ID


def test_a_code_ends_after_its_minutes():
    now = timezone.now()
    token = request(now=now)
    code = code_sent_to(PHONE)

    with pytest.raises(InvalidInput):
        citizen_sign_up_confirm(token=token, code=code, now=now + timedelta(minutes=15))

    user = citizen_sign_up_confirm(
        token=token, code=code, now=now + timedelta(minutes=14, seconds=59)
    )
    assert user.username == OTHER_ID


def test_five_wrong_codes_end_the_code_even_for_the_right_one():
    token = request()
    code = code_sent_to(PHONE)
    for _ in range(5):
        with pytest.raises(InvalidInput):
            citizen_sign_up_confirm(token=token, code=wrong(code), now=timezone.now())

    with pytest.raises(InvalidInput):
        citizen_sign_up_confirm(token=token, code=code, now=timezone.now())

    assert SignUpRequest.objects.get(token=token).attempts == 5
    assert not User.objects.exists()


def test_an_id_number_with_an_account_gets_the_same_answer_and_its_owner_is_told():
    owner = citizen()  # ID_NUMBER, phone 0912345678

    token = request(id_number=ID_NUMBER)

    assert isinstance(token, str) and token
    assert not OutboxMessage.objects.filter(recipient=PHONE).exists()
    assert not OutboxMessage.objects.filter(recipient="nam@example.vn").exists()
    (told,) = OutboxMessage.objects.filter(kind="sign_up_taken")
    assert told.recipient == owner.phone == "0912345678"
    assert "Quên mật khẩu" in told.body
    with pytest.raises(InvalidInput) as taken:
        citizen_sign_up_confirm(token=token, code="123456", now=timezone.now())
    new_token = request()
    with pytest.raises(InvalidInput) as wrong_code:
        citizen_sign_up_confirm(
            token=new_token, code=wrong(code_sent_to(PHONE)), now=timezone.now()
        )
    assert taken.value.as_dict() == wrong_code.value.as_dict()
    assert User.objects.count() == 1


def test_an_id_number_a_staff_account_uses_is_treated_as_taken():
    User.objects.create_user(username=OTHER_ID, password="x", phone="0900000001")

    request()

    assert not OutboxMessage.objects.filter(recipient=PHONE).exists()
    assert OutboxMessage.objects.get(kind="sign_up_taken").recipient == "0900000001"


def test_a_wrong_field_is_still_said_and_nothing_is_sent():
    with pytest.raises(InvalidInput) as error:
        request(password="12345678")

    assert "password" in error.value.field_errors
    assert not OutboxMessage.objects.exists()
    assert not SignUpRequest.objects.exists()


def test_an_id_number_gets_three_codes_an_hour_then_none():
    now = timezone.now()
    for minute in range(3):
        request(now=now + timedelta(minutes=minute), phone=f"090000000{minute}")

    request(now=now + timedelta(minutes=10))

    assert OutboxMessage.objects.filter(kind="sign_up_code", channel="sms").count() == 3
    assert not OutboxMessage.objects.filter(recipient=PHONE).exists()
    request(now=now + timedelta(minutes=61))
    assert OutboxMessage.objects.filter(recipient=PHONE).count() == 1


def test_a_phone_gets_three_codes_an_hour_whatever_the_id_number():
    now = timezone.now()
    for n in range(4):
        request(now=now + timedelta(minutes=n), id_number=f"00119009999{n}")

    assert OutboxMessage.objects.filter(recipient=PHONE).count() == 3


def test_an_owner_is_told_at_most_three_times_an_hour():
    citizen()
    now = timezone.now()
    for n in range(5):
        request(now=now + timedelta(minutes=n), id_number=ID_NUMBER)

    assert OutboxMessage.objects.filter(kind="sign_up_taken").count() == 3


def test_an_account_made_meanwhile_wins_over_the_request():
    token = request()
    code = code_sent_to(PHONE)
    citizen_sign_up(
        full_name="Lê Văn Nam",
        id_number=OTHER_ID,
        phone=PHONE,
        email="",
        password=PASSWORD,
        now=timezone.now(),
    )

    with pytest.raises(InvalidInput) as error:
        citizen_sign_up_confirm(token=token, code=code, now=timezone.now())

    assert "id_number" in error.value.field_errors
    assert User.objects.count() == 1


def test_an_unknown_token_is_a_wrong_code():
    with pytest.raises(InvalidInput) as error:
        citizen_sign_up_confirm(token="", code="123456", now=timezone.now())

    assert "code" in error.value.field_errors


def test_old_requests_are_purged():
    now = timezone.now()
    request(now=now - timedelta(days=2))
    request(now=now, phone="0987654320")

    assert sign_up_requests_purge(before=now - timedelta(days=1)) == 1
    assert SignUpRequest.objects.count() == 1
