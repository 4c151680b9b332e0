from __future__ import annotations

import pytest

from motcua.agencies.models import StaffRole
from motcua.core.errors import InvalidInput, PermissionDenied
from motcua.dossiers import services as s
from motcua.dossiers.models import AgencyRequest
from motcua.dossiers.tests.factories import AgencyFactory, staff, vn

NOW = vn(2026, 3, 2, 9)


def test_legs_in_sequence_are_sent_one_after_the_other(world):
    third = AgencyFactory.create(code="000.00.00.H03")
    tax = staff(third, StaffRole.SPECIALIST)
    dossier = world.processing(NOW)

    s.dossier_send_to_agency(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=NOW,
        agencies=[world.other, third],
        mode="sequence",
        due_at=vn(2026, 3, 4, 17),
    )
    first, second = AgencyRequest.objects.order_by("position")
    assert (first.sent_at, second.sent_at) == (NOW, None)
    with pytest.raises(PermissionDenied):
        s.dossier_agency_reply(dossier_code=dossier.code, actor=tax, now=NOW)

    halfway = s.dossier_agency_reply(
        dossier_code=dossier.code, actor=world.other_staff, now=vn(2026, 3, 3, 9)
    )
    assert halfway.step == "other_agency"
    second.refresh_from_db()
    assert second.sent_at == vn(2026, 3, 3, 9)

    back = s.dossier_agency_reply(
        dossier_code=dossier.code, actor=tax, now=vn(2026, 3, 3, 10), reply_note="Đủ"
    )
    assert back.step == "processing"
    second.refresh_from_db()
    assert (second.replied_by, second.reply_note) == (tax, "Đủ")


def test_the_step_at_another_agency_is_due_when_the_agencies_should_reply(world):
    dossier = world.processing(NOW)

    sent = s.dossier_send_to_agency(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=NOW,
        agencies=[world.other],
        due_at=vn(2026, 3, 3, 17),
    )

    assert sent.step_due_at == vn(2026, 3, 3, 17)
    back = s.dossier_agency_reply(
        dossier_code=dossier.code, actor=world.other_staff, now=vn(2026, 3, 4, 9)
    )
    assert back.events.latest("sequence").judgement == "late"


@pytest.mark.parametrize("case", ["none", "twice", "competent", "mode"])
def test_a_bad_request_to_other_agencies_is_refused(world, case):
    dossier = world.processing(NOW)
    agencies = {
        "none": [],
        "twice": [world.other, world.other],
        "competent": [world.agency],
        "mode": [world.other],
    }[case]

    with pytest.raises(InvalidInput):
        s.dossier_send_to_agency(
            dossier_code=dossier.code,
            actor=world.specialist,
            now=NOW,
            agencies=agencies,
            mode="sideways" if case == "mode" else "parallel",
        )
