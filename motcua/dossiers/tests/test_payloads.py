"""Each action's event records one typed payload (``dossiers.payloads``)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from motcua.dossiers.events import event_record
from motcua.dossiers.payloads import (
    PAYLOAD_OF_ACTION,
    PAYLOAD_TYPES,
    FeeAsked,
    MovedForNotice,
    NoDetails,
    PapersAsked,
    PapersAskedAtReception,
    PauseEnded,
    PaymentAsked,
    Received,
    items_asked,
    payload_default,
    payload_of,
    payload_read,
)
from motcua.dossiers.tests.factories import dossier_in_state, vn
from motcua.dossiers.workflow import DossierAction


def test_every_action_has_exactly_one_payload_type():
    named = [action for kind in PAYLOAD_TYPES for action in kind.ACTIONS]
    assert sorted(named) == sorted(DossierAction.values)
    assert len(named) == len(set(named))
    assert set(PAYLOAD_OF_ACTION) == set(DossierAction.values)


@pytest.mark.parametrize("action", sorted(DossierAction.values))
def test_every_payload_reads_back_what_it_stored(action):
    payload = payload_default(action)
    assert payload_read(action, payload.as_data()) == payload


def test_datetimes_are_stored_in_local_time_and_lists_as_arrays():
    moved = MovedForNotice(
        notice_id=7,
        reason="Mất điện",
        extra_working_hours=8,
        promised_before=datetime(2026, 11, 17, 2, 30, tzinfo=UTC),
        new_deadline_at=vn(2026, 11, 18, 9, 30),
    )
    data = moved.as_data()
    assert data == {
        "notice_id": 7,
        "reason": "Mất điện",
        "extra_working_hours": 8,
        "promised_before": "2026-11-17T09:30:00+07:00",
        "new_deadline_at": "2026-11-18T09:30:00+07:00",
    }
    back = payload_read(DossierAction.EXTEND_FOR_NOTICE, data)
    assert back == moved
    asked = PaymentAsked(fees=(FeeAsked(name="Lệ phí", amount_vnd=50_000),))
    assert asked.as_data() == {
        "fees": [{"name": "Lệ phí", "amount_vnd": 50_000}],
        "listed_free": False,
    }


def test_an_older_row_reads_with_defaults_and_ignores_unknown_keys():
    payload = payload_read(
        DossierAction.RECORD_PAYMENT,
        {"deadline_after": "2026-11-20T17:00:00+07:00", "retired_key": 1},
    )
    assert payload == PauseEnded(deadline_after=vn(2026, 11, 20, 17))
    assert payload_read(DossierAction.RECEIVE, {}) == Received()


def test_an_event_refuses_another_actions_payload(world):
    dossier = dossier_in_state(world, "processing", vn(2026, 11, 17, 9, 30))
    with pytest.raises(TypeError, match="records NoDetails"):
        event_record(
            dossier=dossier,
            action=DossierAction.FORWARD,
            at=vn(2026, 11, 17, 10),
            from_status=dossier.status,
            from_step=dossier.step,
            payload=PapersAsked(items=("Tờ khai",)),
        )
    assert not dossier.events.filter(action=DossierAction.FORWARD).exists()


def test_both_kinds_of_request_name_their_papers_the_same_way(world):
    dossier = dossier_in_state(world, "processing", vn(2026, 11, 17, 9, 30))
    requests: list[tuple[str, PapersAsked | PapersAskedAtReception]] = [
        (DossierAction.REQUEST_SUPPLEMENT, PapersAsked(items=("A", "B"))),
        (
            DossierAction.REQUEST_SUPPLEMENT_AT_RECEPTION,
            PapersAskedAtReception(items=("C",), round=2),
        ),
    ]
    for sequence, (action, payload) in enumerate(requests, start=dossier.version + 1):
        dossier.version = sequence
        event = event_record(
            dossier=dossier,
            action=action,
            at=vn(2026, 11, 17, 10),
            from_status=dossier.status,
            from_step=dossier.step,
            payload=payload,
        )
        assert items_asked(event) == payload.items
    assert payload_of(event, PapersAskedAtReception).round == 2
    with pytest.raises(TypeError, match="not NoDetails"):
        payload_of(event, NoDetails)
