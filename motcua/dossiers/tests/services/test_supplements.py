from __future__ import annotations

import pytest

from motcua.core.errors import Conflict, InvalidInput, PermissionDenied
from motcua.dossiers import services as s
from motcua.dossiers.inputs import FeeLine
from motcua.dossiers.models import DossierFee, DossierPause
from motcua.dossiers.tests.factories import vn
from motcua.notifications.models import OutboxMessage
from motcua.procedures.models import ProcedureChannel

NOW = vn(2026, 3, 2, 9)


def test_a_supplement_request_pauses_the_clock_and_tells_the_applicant(world):
    dossier = world.processing(NOW)

    paused = s.dossier_request_supplement(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=vn(2026, 3, 3, 9),
        items=["Bản sao giấy khai sinh", "Ảnh 4x6"],
        reason="Thiếu giấy tờ",
    )

    assert (paused.status, paused.step, paused.supplement_count) == (5, "supplement", 1)
    assert paused.paused_since == vn(2026, 3, 3, 9)
    pause = DossierPause.objects.get()
    assert pause.items == ["Bản sao giấy khai sinh", "Ảnh 4x6"]
    assert OutboxMessage.objects.filter(kind="supplement_requested").count() == 2


def test_the_deadline_moves_by_the_working_time_paused_over_a_weekend(world):
    dossier = world.processing(NOW)  # due Monday 9 March 09:00
    s.dossier_request_supplement(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=vn(2026, 3, 6, 16),
        items=["Tờ khai"],
    )

    resumed = s.dossier_receive_supplement(
        dossier_code=dossier.code, actor=world.officer, now=vn(2026, 3, 9, 9)
    )

    # Friday 16:00 → Monday 09:00 is 2 working hours.
    assert resumed.paused_minutes == 120
    assert resumed.deadline_at == vn(2026, 3, 9, 11)
    assert resumed.paused_since is None
    event = resumed.events.latest("sequence")
    assert event.data["paused_minutes_total"] == 120


def test_the_resumed_step_gets_back_the_time_it_had_left(world):
    dossier = world.processing(NOW)  # processing due Thursday 5 March 09:00
    s.dossier_request_supplement(
        dossier_code=dossier.code, actor=world.specialist, now=NOW, items=["Tờ khai"]
    )

    resumed = s.dossier_receive_supplement(
        dossier_code=dossier.code, actor=world.specialist, now=vn(2026, 3, 3, 9)
    )

    assert resumed.step_due_at == vn(2026, 3, 6, 9)


def test_a_second_supplement_request_is_counted(world):
    dossier = world.processing(NOW)
    for day in (3, 4):
        s.dossier_request_supplement(
            dossier_code=dossier.code,
            actor=world.specialist,
            now=vn(2026, 3, day, 9),
            items=["Tờ khai"],
        )
        s.dossier_receive_supplement(
            dossier_code=dossier.code, actor=world.officer, now=vn(2026, 3, day, 10)
        )

    dossier.refresh_from_db()
    assert dossier.supplement_count == 2
    assert dossier.paused_minutes == 120


def test_a_supplement_request_needs_items_and_the_handler(world):
    dossier = world.processing(NOW)

    with pytest.raises(InvalidInput):
        s.dossier_request_supplement(
            dossier_code=dossier.code, actor=world.specialist, now=NOW, items=[]
        )
    with pytest.raises(PermissionDenied):
        s.dossier_request_supplement(
            dossier_code=dossier.code, actor=world.officer, now=NOW, items=["x"]
        )


def test_a_supplement_cannot_be_received_when_none_was_asked(world):
    dossier = world.processing(NOW)

    with pytest.raises(Conflict, match="processing"):
        s.dossier_receive_supplement(
            dossier_code=dossier.code, actor=world.officer, now=NOW
        )


def test_payment_pauses_the_clock_until_recorded(world):
    dossier = world.processing(NOW)

    asked = s.dossier_request_payment(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=vn(2026, 3, 3, 9),
        fees=[FeeLine("Lệ phí đăng ký", 20_000)],
    )
    assert (asked.status, asked.step) == (6, "payment")
    with pytest.raises(InvalidInput):
        s.dossier_record_payment(
            dossier_code=dossier.code, actor=world.officer, now=NOW, payment_method=""
        )
    paid = s.dossier_record_payment(
        dossier_code=dossier.code,
        actor=world.officer,
        now=vn(2026, 3, 3, 11),
        payment_method="cash",
        receipt_number="BL-01",
    )

    assert (paid.status, paid.step, paid.paused_minutes) == (4, "processing", 120)
    fee = DossierFee.objects.get()
    assert (fee.paid_at, fee.receipt_number) == (vn(2026, 3, 3, 11), "BL-01")


def test_fee_lines_need_a_name_and_a_positive_amount(world):
    dossier = world.processing(NOW)

    with pytest.raises(InvalidInput):
        s.dossier_request_payment(
            dossier_code=dossier.code,
            actor=world.specialist,
            now=NOW,
            fees=[FeeLine("Lệ phí", 0)],
        )


def test_a_payment_on_a_procedure_listed_free_needs_to_say_what_it_is(world):
    ProcedureChannel.objects.create(
        procedure=world.procedure,
        position=1,
        channel="in_person",
        fee_text="Miễn phí",
        fee_amount_vnd=0,
    )
    dossier = world.processing(vn(2026, 3, 2, 9))

    with pytest.raises(InvalidInput) as refused:
        s.dossier_request_payment(
            dossier_code=dossier.code,
            actor=world.specialist,
            now=vn(2026, 3, 3, 9),
            fees=[FeeLine("Lệ phí đăng ký", 20_000)],
        )
    asked = s.dossier_request_payment(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=vn(2026, 3, 3, 9),
        fees=[FeeLine("Lệ phí trước bạ", 20_000)],
        note="Thuế theo Nghị quyết HĐND",
    )

    assert "note" in refused.value.field_errors
    event = asked.events.get(action="request_payment")
    assert event.data["listed_free"] is True
