from __future__ import annotations

import pytest

from motcua.core.errors import Conflict, InvalidInput, PermissionDenied
from motcua.dossiers import services as s
from motcua.dossiers.models import DossierApology
from motcua.dossiers.tests.factories import dossier_in_state, vn
from motcua.notifications.models import OutboxMessage

NOW = vn(2026, 3, 2, 9)  # dossiers received now are due Monday 9 March 09:00


def apologise(world, code, now, new=None):
    return s.dossier_apologise(
        dossier_code=code,
        actor=world.leader,
        now=now,
        reason="Chờ kết quả xác minh",
        new_deadline_at=new or vn(2026, 3, 13, 17),
    )


def test_the_agency_leader_apologises_once_with_a_new_date(world):
    dossier = world.processing(NOW)

    apologised = apologise(world, dossier.code, vn(2026, 3, 6, 9))

    assert apologised.new_deadline_at == vn(2026, 3, 13, 17)
    assert apologised.deadline_at == vn(2026, 3, 9, 9)  # still late against it
    assert apologised.step == "processing"
    assert DossierApology.objects.get().issued_by == world.leader
    assert OutboxMessage.objects.filter(kind="apology").count() == 2
    with pytest.raises(Conflict, match="only once"):
        apologise(world, dossier.code, vn(2026, 3, 6, 9), new=vn(2026, 3, 20, 17))


def test_an_apology_less_than_one_working_day_before_the_deadline_is_refused(world):
    dossier = world.processing(NOW)

    # Friday 09:01 → Monday 09:00 is 7 h 59 of working time.
    with pytest.raises(Conflict, match="at least 1 working day"):
        apologise(world, dossier.code, vn(2026, 3, 6, 9, 1))
    with pytest.raises(Conflict):
        apologise(world, dossier.code, vn(2026, 3, 10, 9))


def test_the_new_date_must_be_after_the_deadline_and_a_reason_is_needed(world):
    dossier = world.processing(NOW)

    with pytest.raises(InvalidInput):
        apologise(world, dossier.code, NOW, new=vn(2026, 3, 9, 8))
    with pytest.raises(InvalidInput):
        s.dossier_apologise(
            dossier_code=dossier.code,
            actor=world.leader,
            now=NOW,
            reason="",
            new_deadline_at=vn(2026, 3, 13, 17),
        )


def test_only_the_agency_leader_apologises(world):
    dossier = world.processing(NOW)

    with pytest.raises(PermissionDenied):
        s.dossier_apologise(
            dossier_code=dossier.code,
            actor=world.division,
            now=NOW,
            reason="x",
            new_deadline_at=vn(2026, 3, 13, 17),
        )


def test_a_dossier_is_withdrawn_at_the_applicants_request_before_the_result(world):
    dossier = world.processing(NOW)
    s.dossier_request_supplement(
        dossier_code=dossier.code, actor=world.specialist, now=NOW, items=["x"]
    )

    withdrawn = s.dossier_withdraw(
        dossier_code=dossier.code,
        actor=world.officer,
        now=vn(2026, 3, 3, 9),
        reason="Đơn rút",
    )

    assert (withdrawn.status, withdrawn.step) == (7, "closed")
    assert withdrawn.finished_at == vn(2026, 3, 3, 9)
    assert withdrawn.paused_since is None
    assert not withdrawn.pauses.filter(ended_at__isnull=True).exists()
    assert OutboxMessage.objects.filter(kind="withdrawn").exists()


def test_no_withdrawal_once_the_result_is_issued(world):
    dossier = dossier_in_state(world, "result_ready", NOW)

    with pytest.raises(Conflict, match="processed"):
        s.dossier_withdraw(
            dossier_code=dossier.code, actor=world.officer, now=NOW, reason="Đơn rút"
        )


def test_once_the_leader_has_signed_it_is_neither_stopped_nor_withdrawn(world):
    dossier = dossier_in_state(world, "issuing", NOW)

    with pytest.raises(Conflict):
        s.dossier_stop(
            dossier_code=dossier.code, actor=world.leader, now=NOW, reason="x"
        )
    with pytest.raises(Conflict):
        s.dossier_withdraw(
            dossier_code=dossier.code, actor=world.officer, now=NOW, reason="Đơn rút"
        )


def test_the_agency_leader_stops_processing_with_a_notice(world):
    dossier = dossier_in_state(world, "approval", NOW)

    with pytest.raises(PermissionDenied):
        s.dossier_stop(
            dossier_code=dossier.code, actor=world.officer, now=NOW, reason="x"
        )
    stopped = s.dossier_stop(
        dossier_code=dossier.code, actor=world.leader, now=NOW, reason="Theo đề nghị"
    )

    assert (stopped.status, stopped.step) == (8, "closed")
    assert OutboxMessage.objects.filter(kind="stopped").exists()
    with pytest.raises(Conflict):
        s.dossier_stop(
            dossier_code=dossier.code, actor=world.leader, now=NOW, reason="x"
        )
