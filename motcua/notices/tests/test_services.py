from __future__ import annotations

from typing import Any

import pytest

from motcua.agencies.models import StaffRole
from motcua.core.errors import Conflict, InvalidInput, PermissionDenied
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.tests.factories import (
    AgencyFactory,
    ServicePointFactory,
    procedure_with_process,
    staff,
    vn,
)
from motcua.notices.models import ServiceNoticeRecipient
from motcua.notices.services import (
    notice_extend_deadlines,
    notice_notify_affected,
    notice_publish,
    notice_unpublish,
)
from motcua.notices.tests.helpers import publish
from motcua.notifications.models import OutboxMessage

NOW = vn(2026, 3, 2, 9)  # received now → due Monday 9 March 09:00
OUTAGE: dict[str, Any] = {"starts_at": vn(2026, 3, 9, 8), "ends_at": vn(2026, 3, 9, 12)}


def publish_as(world, actor, **overrides):
    values = {
        "actor": actor,
        "agency": world.agency,
        "title": "Sự cố mạng",
        "description": "Mất kết nối đường truyền.",
        "advice": "Vui lòng quay lại sau 14:00.",
        "service_point_ids": [world.point.pk],
        "now": NOW,
        **OUTAGE,
    }
    values.update(overrides)
    return notice_publish(**values)


def test_the_agency_leader_and_the_agency_admin_publish(world):
    admin = staff(world.agency, StaffRole.AGENCY_ADMIN)

    by_leader = publish_as(world, world.leader)
    by_admin = publish_as(world, admin, affects_online_portal=True)

    assert by_leader.is_published and by_leader.published_by == world.leader
    assert list(by_leader.service_points.all()) == [world.point]
    assert by_admin.published_at == NOW


@pytest.mark.parametrize("who", ["specialist", "officer", "division", "other_staff"])
def test_other_staff_may_not_publish(world, who):
    with pytest.raises(PermissionDenied):
        publish_as(world, getattr(world, who))


def test_a_notice_must_end_after_it_starts_and_say_what_is_affected(world):
    with pytest.raises(InvalidInput, match="end after it starts"):
        publish_as(world, world.leader, ends_at=OUTAGE["starts_at"])
    with pytest.raises(InvalidInput, match="what is affected"):
        publish_as(world, world.leader, service_point_ids=[])
    with pytest.raises(InvalidInput):
        publish_as(world, world.leader, advice="  ")


def test_a_service_point_of_another_agency_is_refused(world):
    foreign = ServicePointFactory.create(agency=world.other)
    with pytest.raises(InvalidInput, match="service points operated by"):
        publish_as(world, world.leader, service_point_ids=[foreign.pk])


def test_citizens_whose_dossiers_fall_due_during_the_notice_are_told_once(world):
    due_in = world.processing(NOW)  # due 9 March 09:00: inside the outage
    due_after = world.processing(vn(2026, 3, 3, 9))  # due 10 March: after it
    elsewhere = world.processing(NOW)
    Dossier.objects.filter(pk=elsewhere.pk).update(
        service_point=ServicePointFactory.create(agency=world.agency),
        procedure=procedure_with_process(code="2.000001"),
    )
    notice = publish(world, **OUTAGE)

    assert notice_notify_affected(notice=notice, now=OUTAGE["starts_at"]) == 1
    assert notice_notify_affected(notice=notice, now=OUTAGE["starts_at"]) == 0

    told = ServiceNoticeRecipient.objects.get(notice=notice)
    assert told.dossier == due_in
    messages = OutboxMessage.objects.filter(kind="service_notice")
    assert {m.dossier_code for m in messages} == {due_in.code}
    assert messages.count() == 2  # SMS and e-mail
    sms = messages.get(channel="sms")
    assert "vui lòng đến nộp hồ sơ" in sms.body  # what to do
    assert sms.body.endswith("Hotline 1022")
    assert due_after.code not in {m.dossier_code for m in messages}


def test_a_dossier_of_an_affected_procedure_is_told_too(world):
    dossier = world.processing(NOW)
    Dossier.objects.filter(pk=dossier.pk).update(service_point=None)
    notice = publish(world, points=False, procedures=True, **OUTAGE)

    assert notice_notify_affected(notice=notice, now=OUTAGE["starts_at"]) == 1


def test_an_unpublished_notice_tells_nobody(world):
    notice = publish(world, **OUTAGE)
    notice_unpublish(notice=notice, actor=world.leader)

    with pytest.raises(Conflict):
        notice_notify_affected(notice=notice, now=OUTAGE["starts_at"])


def test_the_leader_moves_every_affected_dossier_once(world):
    first = world.processing(NOW)
    second = world.processing(vn(2026, 3, 3, 9))
    notice = publish(world, **OUTAGE)

    moved = notice_extend_deadlines(
        notice=notice,
        actor=world.leader,
        extra_working_hours=4,
        reason="Mất điện",
        now=OUTAGE["ends_at"],
    )

    assert moved == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.new_deadline_at == vn(2026, 3, 9, 14)  # 09:00 + 4 h, lunch skipped
    assert second.new_deadline_at == vn(2026, 3, 10, 14)
    assert first.deadline_at == vn(2026, 3, 9, 9)  # legal deadline kept
    event = DossierEvent.objects.filter(dossier=first).latest("sequence")
    assert event.data["notice_id"] == notice.pk
    again = notice_extend_deadlines(
        notice=notice,
        actor=world.leader,
        extra_working_hours=4,
        reason="Mất điện",
        now=OUTAGE["ends_at"],
    )
    assert again == 0


def test_only_a_leader_moves_dates_and_only_of_their_agency(world):
    world.processing(NOW)
    notice = publish(world, **OUTAGE)

    with pytest.raises(PermissionDenied):
        notice_extend_deadlines(
            notice=notice,
            actor=world.specialist,
            extra_working_hours=4,
            reason="x",
            now=OUTAGE["ends_at"],
        )
    foreign = staff(AgencyFactory.create(), StaffRole.AGENCY_LEADER)
    assert (
        notice_extend_deadlines(
            notice=notice,
            actor=foreign,
            extra_working_hours=4,
            reason="x",
            now=OUTAGE["ends_at"],
        )
        == 0
    )
