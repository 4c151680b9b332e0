from __future__ import annotations

import pytest

from motcua.agencies.models import StaffRole
from motcua.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from motcua.dossiers.choices import DossierStatus, DossierStep
from motcua.dossiers.inputs import PaperTick
from motcua.dossiers.models import DossierEvent, DossierPaper
from motcua.dossiers.printing import receipt_data
from motcua.dossiers.services import (
    dossier_receive,
    dossier_receive_supplement_at_reception,
    dossier_refuse,
    dossier_register_online,
    dossier_request_supplement_at_reception,
)
from motcua.dossiers.tests.factories import all_ticks, applicant, staff, vn
from motcua.notifications.models import OutboxMessage

MONDAY_9 = vn(2026, 3, 2, 9)


def register(world, now=MONDAY_9, papers=()):
    return dossier_register_online(
        now=now,
        procedure=world.procedure,
        competent_agency=world.agency,
        applicant=applicant(),
        papers=papers,
    )


def test_counter_reception_receives_codes_and_sets_the_deadline(world):
    dossier = world.receive(MONDAY_9)

    assert dossier.code == "000.00.00.H01-260302-0001"
    assert (dossier.status, dossier.step) == (DossierStatus.RECEIVED, "assignment")
    assert dossier.received_at == MONDAY_9
    # 5 working days from Monday 09:00 → Monday 09:00 a week later.
    assert dossier.deadline_at == vn(2026, 3, 9, 9)
    assert dossier.version == 1
    event = DossierEvent.objects.get(dossier=dossier)
    assert (event.action, event.from_status, event.to_status) == ("receive", None, 2)
    assert event.actor == world.officer
    assert event.actor_role == StaffRole.RECEPTION_OFFICER
    assert DossierPaper.objects.filter(dossier=dossier, is_provided=True).count() == 2


def test_counter_reception_writes_the_receipt_message_to_the_outbox(world):
    dossier = world.receive(MONDAY_9)

    kinds = set(
        OutboxMessage.objects.filter(dossier_code=dossier.code).values_list(
            "kind", "channel"
        )
    )
    assert kinds == {("received", "sms"), ("received", "email")}


def test_counter_reception_refuses_an_incomplete_dossier(world):
    ticks = all_ticks(world.procedure)[:1]

    with pytest.raises(InvalidInput, match="Giấy tờ chứng minh chỗ ở"):
        world.receive(MONDAY_9, papers=ticks)


def test_counter_reception_counts_a_referenced_paper_as_provided(world):
    first, second = all_ticks(world.procedure)
    ref = PaperTick(
        required_paper_id=second.required_paper_id,
        is_provided=False,
        reference="CSDL quốc gia về dân cư",
    )

    dossier = world.receive(MONDAY_9, papers=[first, ref])

    assert dossier.papers.get(reference__startswith="CSDL").is_provided is False


def test_counter_reception_needs_a_reception_officer_of_the_point(world):
    with pytest.raises(PermissionDenied):
        world.receive(MONDAY_9, actor=world.specialist)
    with pytest.raises(PermissionDenied):
        world.receive(MONDAY_9, actor=staff(world.other, StaffRole.RECEPTION_OFFICER))


def test_a_superuser_without_a_role_cannot_receive(world):
    boss = staff(world.agency, username="root")
    boss.is_superuser = True
    boss.save()

    with pytest.raises(PermissionDenied):
        world.receive(MONDAY_9, actor=boss)


def test_counter_reception_checks_the_personal_id_shape(world):
    with pytest.raises(InvalidInput) as caught:
        world.receive(MONDAY_9, applicant=applicant(id_number="12345"))
    assert "applicant_id_number" in caught.value.field_errors


def test_full_width_digits_are_stored_as_ascii_and_a_bad_filer_id_is_refused(world):
    dossier = world.receive(
        MONDAY_9, applicant=applicant(id_number="００１ １９０ ０１２ ３４５")
    )
    assert dossier.applicant_id_number == "001190012345"

    with pytest.raises(InvalidInput) as caught:
        world.receive(
            MONDAY_9,
            applicant=applicant(
                filer_name="Lê Văn Nam",
                filer_id_number="٠٠١٠٩٠٠٥٤٣٢١",
                authorisation_paper="Giấy ủy quyền số 12",
            ),
        )
    assert "filer_id_number" in caught.value.field_errors


def test_counter_reception_finds_the_competent_agency_from_the_catalogue(world):
    from motcua.procedures.models import ProcedureAgency

    ProcedureAgency.objects.create(procedure=world.procedure, agency=world.agency)

    dossier = world.receive(MONDAY_9, competent_agency=None)

    assert dossier.competent_agency == world.agency


def test_online_registration_gets_a_code_and_waits_for_the_check(world):
    dossier = register(world)

    assert (dossier.status, dossier.step) == (DossierStatus.REGISTERED, "online_check")
    assert dossier.code.endswith("-260302-0001")
    assert dossier.deadline_at is None
    # Checked within 8 working hours (Decree 297/2025 Art. 6(4)).
    assert dossier.step_due_at == vn(2026, 3, 3, 9)
    assert DossierEvent.objects.get(dossier=dossier).actor is None


def test_receiving_an_online_dossier_starts_the_count_then(world):
    dossier = register(world, papers=all_ticks(world.procedure))
    later = vn(2026, 3, 3, 10)

    received = dossier_receive(
        dossier_code=dossier.code, actor=world.officer, now=later, expected_version=1
    )

    assert received.version == 2
    assert received.deadline_at == vn(2026, 3, 10, 10)
    event = received.events.get(sequence=2)
    assert (event.from_step, event.to_step) == ("online_check", "assignment")
    # Due 8 working hours after registration (Tuesday 09:00): checked at 10:00.
    assert event.judgement == "late"


def test_receiving_an_incomplete_online_dossier_is_refused(world):
    dossier = register(world)

    with pytest.raises(InvalidInput):
        dossier_receive(dossier_code=dossier.code, actor=world.officer, now=MONDAY_9)


def test_reception_supplement_restarts_the_period_at_reception(world):
    dossier = register(world)
    dossier_request_supplement_at_reception(
        dossier_code=dossier.code,
        actor=world.officer,
        now=MONDAY_9,
        items=["Tờ khai", "Giấy tờ chứng minh chỗ ở"],
    )
    dossier_receive_supplement_at_reception(
        dossier_code=dossier.code,
        actor=world.officer,
        now=vn(2026, 3, 4, 9),
        papers=all_ticks(world.procedure),
    )
    received = dossier_receive(
        dossier_code=dossier.code, actor=world.officer, now=vn(2026, 3, 4, 10)
    )

    assert received.deadline_at == vn(2026, 3, 11, 10)
    assert received.paused_minutes == 0
    actions = list(
        received.events.order_by("sequence").values_list("action", flat=True)
    )
    assert actions == [
        "register_online",
        "request_supplement_at_reception",
        "receive_supplement_at_reception",
        "receive",
    ]


def test_a_reception_supplement_request_lists_items(world):
    dossier = register(world)

    with pytest.raises(InvalidInput):
        dossier_request_supplement_at_reception(
            dossier_code=dossier.code, actor=world.officer, now=MONDAY_9, items=[" "]
        )


def test_refusal_closes_with_reasons_and_tells_the_applicant(world):
    dossier = register(world)

    refused = dossier_refuse(
        dossier_code=dossier.code,
        actor=world.officer,
        now=MONDAY_9,
        reasons="Không thuộc thẩm quyền",
    )

    assert (refused.status, refused.step) == (DossierStatus.NOT_RECEIVED, "closed")
    assert OutboxMessage.objects.filter(kind="refused").exists()


def test_refusal_needs_reasons(world):
    dossier = register(world)
    with pytest.raises(InvalidInput):
        dossier_refuse(
            dossier_code=dossier.code, actor=world.officer, now=MONDAY_9, reasons=""
        )


def test_a_received_dossier_cannot_be_received_again(world):
    dossier = world.receive(MONDAY_9)

    with pytest.raises(Conflict, match="received"):
        dossier_receive(dossier_code=dossier.code, actor=world.officer, now=MONDAY_9)


def test_a_stale_version_is_a_conflict(world):
    dossier = register(world, papers=all_ticks(world.procedure))

    with pytest.raises(Conflict, match="Someone else"):
        dossier_receive(
            dossier_code=dossier.code,
            actor=world.officer,
            now=MONDAY_9,
            expected_version=0,
        )


def test_reception_at_the_wrong_agency_is_denied(world):
    dossier = register(world, papers=all_ticks(world.procedure))
    outsider = staff(world.other, StaffRole.RECEPTION_OFFICER)

    # Not the receiving agency's: it may not even see the dossier.
    with pytest.raises(NotFound):
        dossier_receive(dossier_code=dossier.code, actor=outsider, now=MONDAY_9)
    assert dossier.step == DossierStep.ONLINE_CHECK


def test_a_same_day_procedure_is_due_at_the_close_of_the_day(world):
    world.procedure.legal_time_amount = None
    world.procedure.legal_time_unit = "same_day"
    world.procedure.save()

    dossier = world.receive(MONDAY_9)

    assert dossier.deadline_at == vn(2026, 3, 2, 17)


def test_a_procedure_without_a_legal_time_gets_no_deadline(world):
    world.procedure.legal_time_amount = None
    world.procedure.legal_time_unit = None
    world.procedure.save()

    dossier = world.receive(MONDAY_9)

    assert dossier.deadline_at is None
    assert dossier.count_started_at == MONDAY_9


def test_a_received_dossier_is_entered_in_the_register_and_form_01_says_where(world):
    first = world.receive(MONDAY_9)
    second = world.receive(MONDAY_9)

    assert (first.register_number, second.register_number) == (1, 2)
    receipt = receipt_data(dossier=second, tracking_url="https://x.vn/t")
    assert (receipt.register_book, receipt.register_entry) == ("2026", "2")
