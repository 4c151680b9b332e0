"""Real concurrency on PostgreSQL: threads, each with its own connection.

Skipped on SQLite, where writers are serialised and the races cannot happen.
"""

from __future__ import annotations

import pytest
from django.db import connection

from motcua.core.errors import Conflict
from motcua.core.testing import run_in_threads
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_assign
from motcua.dossiers.tests.factories import World, vn
from motcua.notifications.models import OutboxMessage

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks"
    ),
]

NOW = vn(2026, 3, 2, 9)


def test_two_counters_at_one_agency_get_consecutive_unique_codes():
    world = World()

    def receive_twenty(_index: int) -> list[str]:
        return [world.receive(NOW).code for _ in range(20)]

    results = run_in_threads(2, receive_twenty)

    assert not [r for r in results if isinstance(r, Exception)], results
    codes = sorted(code for batch in results for code in batch)  # type: ignore[attr-defined]
    assert codes == [f"000.00.00.H01-260302-{n:04d}" for n in range(1, 41)]
    assert Dossier.objects.count() == 40


def test_two_first_receptions_of_the_day_race_on_the_new_counter_row():
    world = World()

    results = run_in_threads(4, lambda _i: world.receive(NOW).code)

    assert sorted(map(str, results)) == [
        f"000.00.00.H01-260302-{n:04d}" for n in range(1, 5)
    ]


def test_two_leaders_acting_on_one_dossier_at_once_one_wins():
    world = World()
    code = world.receive(NOW).code

    def assign(_index: int) -> object:
        return dossier_assign(
            dossier_code=code,
            actor=world.division,
            now=NOW,
            assignee=world.specialist,
            expected_version=1,
        )

    results = run_in_threads(2, assign)

    conflicts = [r for r in results if isinstance(r, Conflict)]
    wins = [r for r in results if isinstance(r, Dossier)]
    assert (len(wins), len(conflicts)) == (1, 1), results
    dossier = Dossier.objects.get(code=code)
    assert dossier.version == 2
    assert dossier.events.count() == 2


def test_the_same_request_sent_four_times_at_once_makes_one_dossier():
    world = World()
    key = "retry-0123456789abcdef"

    results = run_in_threads(4, lambda _i: world.receive(NOW, request_key=key).code)

    assert not [r for r in results if isinstance(r, Exception)], results
    assert len(set(map(str, results))) == 1
    assert Dossier.objects.count() == 1
    sms = OutboxMessage.objects.filter(channel="sms", kind="received")
    assert sms.count() == 1
