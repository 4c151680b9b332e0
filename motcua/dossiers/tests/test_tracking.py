"""The dossier's public view (``tracking``): kept by every event, the same as
the whole history says, read by code in one query, and written for a lookup only
where a lookup must be on record (ADR 0012)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.core.errors import NotFound
from motcua.dossiers import services as s
from motcua.dossiers.inputs import FeeLine
from motcua.dossiers.models import Dossier, PublicLookup
from motcua.dossiers.public import dossier_public_get
from motcua.dossiers.services.retention import dossier_contacts_erase
from motcua.dossiers.tests.factories import dossier_in_state, vn
from motcua.dossiers.tracking import VIEW_VERSION, public_view_build

MONDAY_9 = vn(2026, 3, 2, 9)
TUESDAY_9 = vn(2026, 3, 3, 9)
KEY = "k" * 32


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _stored(dossier: Dossier) -> dict[str, Any]:
    dossier.refresh_from_db()
    view: dict[str, Any] = dossier.public_view
    return view


def _database_queries(captured: CaptureQueriesContext) -> list[str]:
    """The queries of a lookup, without the rate limit's (a cache: Redis in
    production, the database cache table in the tests)."""
    return [
        q["sql"] for q in captured.captured_queries if "motcua_cache" not in q["sql"]
    ]


def test_every_step_of_a_journey_keeps_the_view_equal_to_the_history(world):
    dossier = world.processing(MONDAY_9)
    assert _stored(dossier) == public_view_build(dossier)
    code = dossier.code
    s.dossier_request_supplement(
        dossier_code=code,
        actor=world.specialist,
        now=TUESDAY_9,
        items=["Ảnh 4x6"],
        reason="Thiếu ảnh",
    )
    assert _stored(dossier)["todo"] == {
        "kind": "supplement",
        "items": ["Ảnh 4x6"],
        "fees": [],
    }
    assert _stored(dossier) == public_view_build(dossier)
    s.dossier_receive_supplement(
        dossier_code=code, actor=world.officer, now=vn(2026, 3, 4, 9)
    )
    assert _stored(dossier) == public_view_build(dossier)
    s.dossier_request_payment(
        dossier_code=code,
        actor=world.specialist,
        now=vn(2026, 3, 4, 10),
        fees=[FeeLine(name="Lệ phí", amount_vnd=20000)],
    )
    assert _stored(dossier)["todo"] == {
        "kind": "pay",
        "items": [],
        "fees": [["Lệ phí", 20000]],
    }
    assert _stored(dossier) == public_view_build(dossier)
    s.dossier_apologise(
        dossier_code=code,
        actor=world.leader,
        now=vn(2026, 3, 4, 11),
        reason="Chờ xác minh",
        new_deadline_at=vn(2026, 3, 20, 17),
    )
    view = _stored(dossier)
    assert view == public_view_build(dossier)
    assert view["apology_reason"] == "Chờ xác minh"
    assert [action for action, _at in view["steps"]][-1] == "apologise"


def test_a_system_event_outside_the_table_keeps_the_view_too(world):
    dossier = dossier_in_state(world, "result_ready", MONDAY_9)
    s.dossier_return_result(
        dossier_code=dossier.code, actor=world.officer, now=TUESDAY_9
    )
    erased = dossier_contacts_erase(closed_before=vn(2027, 1, 1), now=vn(2027, 1, 2))
    assert erased == 1
    view = _stored(dossier)
    assert view["steps"][-1][0] == "erase_contacts"
    assert view == public_view_build(dossier)


def test_a_view_missing_or_of_an_older_shape_is_rebuilt_on_read_and_kept(world):
    dossier = world.processing(MONDAY_9)
    expected = public_view_build(dossier)
    Dossier.objects.filter(pk=dossier.pk).update(public_view={})

    public = dossier_public_get(
        code=dossier.code, check=None, now=TUESDAY_9, client_key=KEY
    )

    assert [step.action for step in public.steps] == [a for a, _ in expected["steps"]]
    assert _stored(dossier) == expected
    Dossier.objects.filter(pk=dossier.pk).update(
        public_view={**expected, "version": VIEW_VERSION - 1}
    )
    dossier_public_get(code=dossier.code, check=None, now=TUESDAY_9, client_key=KEY)
    assert _stored(dossier)["version"] == VIEW_VERSION


@pytest.mark.parametrize("steps", [0, 3])
def test_a_lookup_by_code_is_one_query_however_long_the_history(world, steps):
    dossier = world.processing(MONDAY_9)
    for n in range(steps):
        s.dossier_request_supplement(
            dossier_code=dossier.code,
            actor=world.specialist,
            now=vn(2026, 3, 3, 9 + n),
            items=[f"Giấy {n}"],
            reason="Thiếu",
        )
        s.dossier_receive_supplement(
            dossier_code=dossier.code,
            actor=world.officer,
            now=vn(2026, 3, 3, 9 + n, 30),
        )
    dossier_public_get(code=dossier.code, check=None, now=TUESDAY_9, client_key=KEY)

    with CaptureQueriesContext(connection) as captured:
        public = dossier_public_get(
            code=dossier.code, check=None, now=TUESDAY_9, client_key=KEY
        )

    assert len(public.steps) == 2 + 2 * steps  # received, assigned, then the rest
    (query,) = _database_queries(captured)
    assert query.startswith("SELECT") and '"dossiers_dossier"."code"' in query


def test_a_found_code_alone_is_not_written_and_a_check_or_a_guess_is(world):
    dossier = world.processing(MONDAY_9)

    dossier_public_get(code=dossier.code, check=None, now=TUESDAY_9, client_key=KEY)
    assert not PublicLookup.objects.exists()

    dossier_public_get(code=dossier.code, check="0000", now=TUESDAY_9, client_key=KEY)
    with pytest.raises(NotFound):
        dossier_public_get(
            code="000.00.00.H01-260302-9999", check=None, now=TUESDAY_9, client_key=KEY
        )
    logged = PublicLookup.objects.order_by("id").values_list("found", "with_check")
    assert list(logged) == [(True, True), (False, False)]
