"""Public tracking resists guessing: per code, per trusted address, ASCII digits."""

from __future__ import annotations

import pytest

from motcua.core.client import client_address_from_meta
from motcua.core.errors import InvalidInput
from motcua.dossiers.models import PublicLookup
from motcua.dossiers.public import dossier_public_get
from motcua.dossiers.tests.factories import vn
from motcua.notifications.models import NotificationKind, OutboxMessage

MONDAY_9 = vn(2026, 3, 2, 9)
TUESDAY_9 = vn(2026, 3, 3, 9)


def lookup(code, check, *, key, now=TUESDAY_9):
    return dossier_public_get(code=code, check=check, now=now, client_key=key)


def test_wrong_checks_from_many_addresses_lock_the_code_and_tell_the_owner(
    world, settings
):
    settings.MOTCUA_PUBLIC_CHECK_FAILURE_LIMIT = 5
    dossier = world.processing(MONDAY_9)

    for guess in range(5):  # five addresses, one wrong guess each
        wrong = lookup(dossier.code, f"{guess:04d}", key=f"client-{guess}")
        assert wrong.personal is None

    # Now even the right digits show nothing, from a fresh address.
    locked = lookup(dossier.code, "2345", key="client-new")
    assert locked.check_locked is True
    assert locked.check_ok is False
    assert locked.personal is None
    warned = OutboxMessage.objects.filter(
        dossier_code=dossier.code, kind=NotificationKind.CHECK_GUESSED
    )
    assert set(warned.values_list("channel", "recipient")) == {
        ("sms", "0912345678"),
        ("email", "huong@example.vn"),
    }
    assert dossier.code in warned.get(channel="sms").body
    # Further guesses do not send more messages.
    lookup(dossier.code, "1111", key="client-x")
    assert warned.count() == 2


def test_the_lock_ends_with_its_window(world, settings):
    settings.MOTCUA_PUBLIC_CHECK_FAILURE_LIMIT = 2
    settings.MOTCUA_PUBLIC_CHECK_FAILURE_WINDOW = 3600
    dossier = world.processing(MONDAY_9)
    lookup(dossier.code, "0000", key="a")
    lookup(dossier.code, "0001", key="b")
    assert lookup(dossier.code, "2345", key="c").check_locked

    later = lookup(dossier.code, "2345", key="c", now=vn(2026, 3, 3, 10, 1))

    assert later.check_locked is False
    assert later.personal is not None


def test_right_checks_and_codes_alone_do_not_count(world, settings):
    settings.MOTCUA_PUBLIC_CHECK_FAILURE_LIMIT = 1
    dossier = world.processing(MONDAY_9)

    lookup(dossier.code, None, key="a")
    lookup(dossier.code, "2345", key="a")

    assert lookup(dossier.code, "2345", key="b").personal is not None
    assert PublicLookup.objects.filter(check_ok=True).count() == 2


@pytest.mark.parametrize("check", ["٢٣٤٥", "２３４５", "²³⁴⁵", "23 45"])
def test_digits_of_other_scripts_are_refused_clearly(world, check):
    dossier = world.processing(MONDAY_9)

    with pytest.raises(InvalidInput) as refused:
        lookup(dossier.code, check, key="a")

    assert "4 digits" in str(refused.value.message)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        # One proxy: it appended the address it saw; the rest is the client's.
        (1, "198.51.100.9, 203.0.113.7", "203.0.113.7"),
        (1, "203.0.113.7", "203.0.113.7"),
        # Two proxies: the client is second from the right.
        (2, "1.1.1.1, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        # Fewer values than proxies: not written by them.
        (2, "203.0.113.7", "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_behind_proxies_the_right_most_hop_is_the_client(
    settings, proxies, forwarded, expected
):
    settings.MOTCUA_PUBLIC_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.MOTCUA_TRUSTED_PROXY_COUNT = proxies
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": forwarded}

    assert client_address_from_meta(meta) == expected


def test_rotating_the_forwarded_header_does_not_escape_the_limit(
    client, world, settings
):
    settings.MOTCUA_PUBLIC_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.MOTCUA_PUBLIC_LOOKUP_LIMIT = 3
    dossier = world.processing(MONDAY_9)
    url = f"/tra-cuu/{dossier.code}/"

    answers = [
        client.get(url, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7").status_code
        for n in range(5)
    ]

    assert answers == [200, 200, 200, 429, 429]


def test_without_a_header_setting_the_forwarded_header_is_ignored(settings):
    settings.MOTCUA_PUBLIC_CLIENT_IP_HEADER = ""
    meta = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}

    assert client_address_from_meta(meta) == "10.0.0.1"
