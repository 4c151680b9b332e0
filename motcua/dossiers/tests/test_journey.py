"""A full journey through two agencies, every step recorded and judged."""

from __future__ import annotations

from decimal import Decimal

from motcua.agencies.models import StaffRole
from motcua.dossiers import services as s
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import AgencyRequest, DossierPause
from motcua.dossiers.payloads import (
    ResultIssued,
    SentToAgencies,
    payload_of,
    payload_read,
)
from motcua.dossiers.tests.factories import AgencyFactory, World, staff, vn


def test_a_dossier_goes_from_the_counter_through_two_agencies_to_the_applicant(db):
    world = World(amount=10)
    third = AgencyFactory.create(code="000.00.00.H03", name="Chi cục Thuế")
    tax = staff(third, StaffRole.SPECIALIST, username="tax")

    dossier = world.receive(vn(2026, 3, 2, 9))
    code = dossier.code
    assert dossier.deadline_at == vn(2026, 3, 16, 9)

    s.dossier_assign(
        dossier_code=code,
        actor=world.division,
        now=vn(2026, 3, 2, 9, 30),
        assignee=world.specialist,
        expected_version=1,
    )
    s.dossier_send_to_agency(
        dossier_code=code,
        actor=world.specialist,
        now=vn(2026, 3, 3, 9),
        agencies=[world.other, third],
        mode="parallel",
        request_note="Xác minh",
    )
    assert AgencyRequest.objects.filter(sent_at__isnull=False).count() == 2
    after_first = s.dossier_agency_reply(
        dossier_code=code, actor=world.other_staff, now=vn(2026, 3, 3, 14)
    )
    assert after_first.step == "other_agency"
    back = s.dossier_agency_reply(dossier_code=code, actor=tax, now=vn(2026, 3, 4, 9))
    assert (back.step, back.assignee) == ("processing", world.specialist)

    s.dossier_request_supplement(
        dossier_code=code,
        actor=world.specialist,
        now=vn(2026, 3, 4, 10),
        items=["Bản sao sổ đỏ"],
    )
    resumed = s.dossier_receive_supplement(
        dossier_code=code, actor=world.officer, now=vn(2026, 3, 5, 10)
    )
    # One working day paused: the deadline moves one working day later.
    assert resumed.paused_minutes == 480
    assert resumed.deadline_at == vn(2026, 3, 17, 9)
    assert DossierPause.objects.get().ended_at == vn(2026, 3, 5, 10)

    s.dossier_forward(dossier_code=code, actor=world.specialist, now=vn(2026, 3, 5, 11))
    s.dossier_forward(
        dossier_code=code,
        actor=world.division,
        now=vn(2026, 3, 5, 14),
        to_user=world.leader,
    )
    s.dossier_approve(dossier_code=code, actor=world.leader, now=vn(2026, 3, 6, 9))
    issued = s.dossier_issue_result(
        dossier_code=code, actor=world.clerk, now=vn(2026, 3, 6, 10)
    )
    assert issued.result_number == "1/2026"
    done = s.dossier_return_result(
        dossier_code=code, actor=world.officer, now=vn(2026, 3, 6, 11)
    )

    assert (done.status, done.step) == (DossierStatus.RETURNED, "closed")
    assert (done.register_number, done.returned_at) == (1, vn(2026, 3, 6, 11))
    assert done.finished_at == vn(2026, 3, 6, 10)
    events = list(done.events.order_by("sequence"))
    assert [e.sequence for e in events] == list(range(1, 13))
    assert done.version == 12
    steps = [(e.action, e.from_step, e.to_step, e.judgement) for e in events]
    assert steps == [
        ("receive", "", "assignment", ""),
        ("assign", "assignment", "processing", "early"),
        ("send_to_agency", "processing", "other_agency", "early"),
        ("agency_reply", "other_agency", "other_agency", ""),
        ("agency_reply", "other_agency", "processing", "early"),
        ("request_supplement", "processing", "supplement", "early"),
        ("receive_supplement", "supplement", "processing", ""),
        ("forward", "processing", "review", "early"),
        ("forward", "review", "approval", "early"),
        # Approval has 1 working day (Thu 14:00 → Fri 14:00): same date, on time.
        ("approve", "approval", "issuing", "on_time"),
        ("issue_result", "issuing", "result_ready", "early"),
        ("return_result", "result_ready", "closed", "on_time"),
    ]
    assert events[-2].data["dossier_judgement"] == "early"
    assert payload_of(events[-2], ResultIssued).dossier_judgement == "early"
    # Sent to two agencies in order; the first of them receives it.
    sent = payload_of(events[2], SentToAgencies).agencies
    first = events[2].receiver_agency
    assert first is not None
    assert len(sent) == 2 and sent[0] == first.code
    # Every event of the journey stored exactly its action's typed payload.
    assert all(payload_read(e.action, e.data).as_data() == e.data for e in events)
    assert all(e.actor_id for e in events)
    assert done.legal_time_amount == Decimal(10)
