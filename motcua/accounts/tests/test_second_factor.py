"""The second factor's services: enrolment, one-time recovery codes, reset."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.models import User
from motcua.accounts.second_factor import (
    recovery_codes_left,
    second_factor_enrolled,
    second_factor_reset,
    second_factor_verify,
    totp_setup_confirm,
    totp_setup_start,
)
from motcua.core.errors import InvalidInput


def code_now(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{TOTP(device.bin_key, drift=device.drift).token():06d}"


def enrol(username: str = "officer") -> tuple[User, list[str]]:
    user = User.objects.create_user(username=username)
    device = totp_setup_start(user)
    _device, codes = totp_setup_confirm(user=user, code=code_now(device))
    return user, codes


@pytest.mark.django_db
def test_setup_keeps_one_secret_until_confirmed_and_one_app_after():
    user = User.objects.create_user(username="officer")
    first = totp_setup_start(user)
    again = totp_setup_start(user)

    with pytest.raises(InvalidInput):
        totp_setup_confirm(user=user, code="12345a")
    device, codes = totp_setup_confirm(user=user, code=code_now(first))

    assert again.pk == first.pk
    assert device.confirmed
    assert second_factor_enrolled(user)
    assert len(codes) == len(set(codes)) == 10
    assert recovery_codes_left(user) == 10


@pytest.mark.django_db
def test_recovery_codes_are_typed_loosely_and_used_up():
    user, codes = enrol()

    device = second_factor_verify(user=user, code=f"  {codes[3].upper()} ")

    assert device.user_id == user.pk
    assert recovery_codes_left(user) == 9
    assert not StaticToken.objects.filter(token=codes[3].replace("-", "")).exists()


@pytest.mark.django_db
def test_a_reset_removes_the_app_and_the_codes():
    user, codes = enrol()

    removed = second_factor_reset(user=user)

    assert removed == 2
    assert not second_factor_enrolled(user)
    with pytest.raises(InvalidInput):
        second_factor_verify(user=user, code=codes[0])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks"
)
def test_one_recovery_code_used_twice_at_once_lets_in_once():
    user, codes = enrol()
    barrier = threading.Barrier(2)
    results: list[object] = [None, None]

    def use(index: int) -> None:
        try:
            barrier.wait()
            results[index] = second_factor_verify(user=user, code=codes[0])
        except InvalidInput as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=use, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    accepted = [r for r in results if not isinstance(r, InvalidInput)]
    assert len(accepted) == 1, results
    assert recovery_codes_left(user) == 9
