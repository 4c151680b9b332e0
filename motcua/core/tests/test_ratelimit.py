"""The public rate limit: one counter per client, refusals say when to retry,
failed lookups block the client, and every public interface counts through it."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from motcua.core.ratelimit import (
    ratelimit_allow,
    ratelimit_client_key,
    ratelimit_failure_record,
    ratelimit_public_try,
    ratelimit_retry_after,
)

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
# 09:03:20 local time: 200 s into a 600 s window, 200 s into an hour.
NOW = datetime(2026, 3, 2, 9, 3, 20, tzinfo=HANOI)
CLIENT = {"REMOTE_ADDR": "203.0.113.7"}
OTHER = {"REMOTE_ADDR": "203.0.113.8"}
MOTCUA = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db  # the "limits" cache is a database table


def test_tries_over_the_limit_are_refused_with_the_rest_of_the_window(settings):
    settings.MOTCUA_PUBLIC_LOOKUP_LIMIT = 2
    settings.MOTCUA_PUBLIC_LOOKUP_WINDOW = 600

    tries = [ratelimit_public_try(meta=CLIENT, now=NOW) for _ in range(3)]

    assert [t.refused for t in tries] == [False, False, True]
    assert tries[2].retry_after == 400
    assert tries[2].retry_minutes == 7
    assert tries[0].client_key == ratelimit_client_key(meta=CLIENT)
    assert ratelimit_public_try(meta=OTHER, now=NOW).refused is False


def test_a_refused_client_may_try_again_in_the_next_window(settings):
    settings.MOTCUA_PUBLIC_LOOKUP_LIMIT = 1
    settings.MOTCUA_PUBLIC_LOOKUP_WINDOW = 600
    ratelimit_public_try(meta=CLIENT, now=NOW)
    assert ratelimit_public_try(meta=CLIENT, now=NOW).refused

    later = datetime(2026, 3, 2, 9, 10, tzinfo=HANOI)

    assert ratelimit_public_try(meta=CLIENT, now=later).refused is False


def test_failed_lookups_block_the_client_for_the_failure_window(settings):
    settings.MOTCUA_PUBLIC_LOOKUP_FAILURE_LIMIT = 2
    settings.MOTCUA_PUBLIC_LOOKUP_FAILURE_WINDOW = 3600
    key = ratelimit_client_key(meta=CLIENT)
    for _ in range(2):
        assert ratelimit_allow(client_key=key, now=NOW)
        ratelimit_failure_record(client_key=key, now=NOW)

    assert ratelimit_allow(client_key=key, now=NOW) is False
    assert ratelimit_retry_after(client_key=key, now=NOW) == 3400
    assert ratelimit_public_try(meta=CLIENT, now=NOW).retry_after == 3400
    assert ratelimit_public_try(meta=OTHER, now=NOW).refused is False


def test_the_client_key_is_a_hash_of_the_address():
    key = ratelimit_client_key(meta=CLIENT)

    assert "203.0.113.7" not in key
    assert len(key) == 32
    assert key != ratelimit_client_key(meta=OTHER)


def test_no_interface_counts_public_tries_on_its_own():
    """Pages and endpoints count through ``ratelimit_public_try`` only (directly
    or through ``portal.limits``), never with the lower-level calls."""
    lower_level = re.compile(
        r"\b(public_lookup_allow|public_lookup_retry_after|ratelimit_allow|"
        r"ratelimit_retry_after|caches\[\"limits\"\])"
    )
    interfaces = ("portal", "api", "backoffice")
    offenders = [
        str(path.relative_to(MOTCUA))
        for interface in interfaces
        for path in (MOTCUA / interface).rglob("*.py")
        if "tests" not in path.parts and lower_level.search(path.read_text())
    ]

    assert offenders == []
