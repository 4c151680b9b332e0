from __future__ import annotations

from datetime import datetime

import pytest

from motcua.calendars.timeliness import judge_finished
from motcua.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from motcua.dossiers import services as s
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.tests.factories import AgencyFactory, staff, vn
from motcua.dossiers.timing import calendar_for
from motcua.notifications.models import OutboxMessage

NOW = vn(2026, 3, 2, 9)  # received Monday 09:00 → due Monday 9 March 09:00


def extend(world, code, actor=None, **amount):
    values = amount or {"extra_working_hours": 8}
    return s.dossier_extend_for_notice(
        dossier_code=code,
        actor=actor or world.leader,
        now=vn(2026, 3, 4, 10),
        notice_id=42,
        reason="Mất điện toàn khu",
        **values,
    )


def test_the_leader_moves_the_date_by_working_hours_on_the_real_calendar(world):
    dossier = world.processing(NOW)

    # Monday 9 March 09:00 + 8 working hours (one working day) → Tuesday 09:00.
    moved = extend(world, dossier.code, new_deadline_at=None, extra_working_hours=8)

    assert moved.deadline_at == vn(2026, 3, 9, 9)
    assert moved.new_deadline_at == vn(2026, 3, 10, 9)
    assert (moved.status, moved.step) == (4, "processing")


def test_the_move_is_recorded_with_its_reason_and_notice_and_the_citizen_told(world):
    dossier = world.processing(NOW)

    extend(world, dossier.code)

    event = DossierEvent.objects.filter(dossier=dossier).latest("sequence")
    assert event.action == "extend_for_notice"
    assert event.note == "Mất điện toàn khu"
    assert event.data["notice_id"] == 42
    assert event.data["reason"] == "Mất điện toàn khu"
    before = datetime.fromisoformat(event.data["promised_before"])
    assert before == vn(2026, 3, 9, 9)
    sms = OutboxMessage.objects.get(kind="service_notice", channel="sms")
    assert "10/03/2026 09:00" in sms.body
    assert "Hotline" in sms.body


def test_a_moved_dossier_still_counts_as_late_against_the_legal_deadline(world):
    # Same rule as the apology (form 04): the legal deadline is kept.
    dossier = world.processing(NOW)
    moved = extend(world, dossier.code)

    calendar = calendar_for(world.agency)
    judged = judge_finished(
        calendar, finished_at=vn(2026, 3, 9, 16), deadline_at=moved.deadline_at
    )
    assert str(judged) == "late"


def test_a_specialist_may_not_move_the_date(world):
    dossier = world.processing(NOW)
    with pytest.raises(PermissionDenied):
        extend(world, dossier.code, actor=world.specialist)


def test_another_agencys_leader_may_not_move_the_date(world):
    dossier = world.processing(NOW)
    foreign = staff(AgencyFactory.create(), "agency_leader")
    with pytest.raises(NotFound):  # it may not even see the dossier
        extend(world, dossier.code, actor=foreign)


def test_a_new_date_must_be_later_and_exactly_one_amount_is_given(world):
    dossier = world.processing(NOW)
    with pytest.raises(InvalidInput):
        extend(world, dossier.code, new_deadline_at=vn(2026, 3, 9, 8))
    with pytest.raises(InvalidInput):
        extend(
            world,
            dossier.code,
            extra_working_hours=8,
            new_deadline_at=vn(2026, 3, 12, 9),
        )
    with pytest.raises(InvalidInput):
        extend(world, dossier.code, extra_working_hours=0)

    moved = extend(world, dossier.code, new_deadline_at=vn(2026, 3, 12, 9))
    assert moved.new_deadline_at == vn(2026, 3, 12, 9)


# One new date (ADR 0009): the 10/12 → 14/12 → 15/12 walk cannot happen.


def apologise(world, code, new):
    return s.dossier_apologise(
        dossier_code=code,
        actor=world.leader,
        now=vn(2026, 3, 5, 9),
        reason="Chờ kết quả xác minh",
        new_deadline_at=new,
    )


def test_an_incident_moves_a_dossiers_date_once(world):
    dossier = world.processing(NOW)
    extend(world, dossier.code, extra_working_hours=8)

    with pytest.raises(Conflict, match="once"):
        extend(world, dossier.code, extra_working_hours=8)

    dossier.refresh_from_db()
    assert dossier.new_deadline_at == vn(2026, 3, 10, 9)
    moves = DossierEvent.objects.filter(dossier=dossier, action="extend_for_notice")
    assert moves.count() == 1


def test_no_incident_move_after_an_apology(world):
    dossier = world.processing(NOW)
    apologise(world, dossier.code, vn(2026, 3, 13, 17))

    with pytest.raises(Conflict, match="apology"):
        extend(world, dossier.code, extra_working_hours=8)

    dossier.refresh_from_db()
    assert dossier.new_deadline_at == vn(2026, 3, 13, 17)


def test_an_apology_after_an_incident_move_never_pulls_the_date_earlier(world):
    dossier = world.processing(NOW)
    extend(world, dossier.code, extra_working_hours=16)  # → Wednesday 11 09:00

    with pytest.raises(InvalidInput, match="after the date promised now"):
        apologise(world, dossier.code, vn(2026, 3, 10, 17))

    later = apologise(world, dossier.code, vn(2026, 3, 13, 17))
    assert later.new_deadline_at == vn(2026, 3, 13, 17)


def test_a_new_date_past_the_incident_bound_is_refused(world):
    dossier = world.processing(NOW)

    # 80 working hours (10 working days) after Monday 9 March 09:00: 23 March.
    with pytest.raises(InvalidInput, match="80 working hours"):
        extend(world, dossier.code, new_deadline_at=vn(2026, 3, 23, 10))

    moved = extend(world, dossier.code, new_deadline_at=vn(2026, 3, 23, 9))
    assert moved.new_deadline_at == vn(2026, 3, 23, 9)
