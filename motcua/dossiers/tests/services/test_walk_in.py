"""A walk-in applicant at the counter: received, handed form 02, or refused (form 03).

Decree 118/2025 and LAW-NOTES §1: an incomplete dossier gets one written request
listing every missing paper; one outside competence or not eligible a refusal
with reasons. ADR 0009: both are recorded under a dossier code.
"""

from __future__ import annotations

import pytest

from motcua.core.errors import Conflict, InvalidInput, PermissionDenied
from motcua.dossiers.choices import DossierStatus, DossierStep
from motcua.dossiers.inputs import PaperTick
from motcua.dossiers.models import Dossier
from motcua.dossiers.printing import dossier_form_data_for_user
from motcua.dossiers.services import (
    dossier_receive,
    dossier_receive_supplement_at_reception,
    dossier_refuse_at_counter,
    dossier_request_papers_at_counter,
    dossier_request_supplement_at_reception,
)
from motcua.dossiers.tests.factories import all_ticks, applicant, vn
from motcua.notifications.models import OutboxMessage
from motcua.printed_forms.data import RefusalData, SupplementRequestData

MONDAY_9 = vn(2026, 3, 2, 9)


def walk_in(world, **overrides):
    values = {
        "actor": world.officer,
        "now": MONDAY_9,
        "procedure": world.procedure,
        "service_point": world.point,
        "applicant": applicant(),
        "competent_agency": world.agency,
    }
    values.update(overrides)
    return values


def first_paper_only(world):
    items = list(world.procedure.papers.filter(is_note=False).order_by("position"))
    return [PaperTick(required_paper_id=items[0].pk)], items


def test_an_incomplete_walk_in_gets_form_02_listing_exactly_the_papers_not_brought(
    world,
):
    ticks, items = first_paper_only(world)

    dossier = dossier_request_papers_at_counter(
        **walk_in(world, papers=ticks), reason="Mang bản chính khi quay lại"
    )

    assert (dossier.status, dossier.step) == (
        DossierStatus.SUPPLEMENT_REQUESTED,
        DossierStep.RECEPTION_SUPPLEMENT,
    )
    assert dossier.received_at is None and dossier.deadline_at is None
    event = dossier.events.get()
    assert event.action == "request_supplement_at_reception"
    assert event.data["items"] == [item.name for item in items[1:]]
    assert event.data["round"] == 1
    form = dossier_form_data_for_user(
        user=world.officer, code=dossier.code, number="02", now=MONDAY_9
    )
    assert isinstance(form, SupplementRequestData)
    assert list(form.items) == [item.name for item in items[1:]]
    assert items[0].name not in form.items
    sms = OutboxMessage.objects.get(kind="supplement_requested", channel="sms")
    assert dossier.code in sms.body


def test_the_applicant_comes_back_and_is_received_under_the_same_code(world):
    ticks, _items = first_paper_only(world)
    asked = dossier_request_papers_at_counter(**walk_in(world, papers=ticks))
    back = vn(2026, 3, 4, 14)

    dossier_receive_supplement_at_reception(
        dossier_code=asked.code,
        actor=world.officer,
        now=back,
        papers=all_ticks(world.procedure),
    )
    received = dossier_receive(dossier_code=asked.code, actor=world.officer, now=back)

    assert received.code == asked.code
    assert received.received_at == back  # the period starts when complete
    assert received.status == DossierStatus.RECEIVED
    assert Dossier.objects.count() == 1


def test_a_complete_walk_in_is_not_asked_for_papers(world):
    with pytest.raises(Conflict, match="receive the dossier"):
        dossier_request_papers_at_counter(
            **walk_in(world, papers=all_ticks(world.procedure))
        )
    assert not Dossier.objects.exists()


def test_a_retried_form_02_request_makes_one_dossier(world):
    ticks, _items = first_paper_only(world)

    first = dossier_request_papers_at_counter(
        **walk_in(world, papers=ticks), request_key="walk-in-0001"
    )
    again = dossier_request_papers_at_counter(
        **walk_in(world, papers=ticks), request_key="walk-in-0001"
    )

    assert again.pk == first.pk
    assert OutboxMessage.objects.filter(kind="supplement_requested").count() == 2


def test_an_ineligible_walk_in_is_refused_with_form_03_and_recorded(world):
    dossier = dossier_refuse_at_counter(
        **walk_in(world, papers=all_ticks(world.procedure)),
        reasons="Không thuộc thẩm quyền của UBND phường\nĐề nghị nộp tại Sở Tư pháp",
    )

    assert (dossier.status, dossier.step) == (DossierStatus.NOT_RECEIVED, "closed")
    assert dossier.finished_at == MONDAY_9 and dossier.received_at is None
    assert dossier.events.get().action == "refuse"
    form = dossier_form_data_for_user(
        user=world.officer, code=dossier.code, number="03", now=MONDAY_9
    )
    assert isinstance(form, RefusalData)
    assert list(form.reasons) == [
        "Không thuộc thẩm quyền của UBND phường",
        "Đề nghị nộp tại Sở Tư pháp",
    ]
    assert OutboxMessage.objects.filter(kind="refused").exists()


def test_a_refusal_needs_reasons_and_a_reception_officer(world):
    with pytest.raises(InvalidInput):
        dossier_refuse_at_counter(**walk_in(world, papers=()), reasons=" ")
    with pytest.raises(PermissionDenied):
        dossier_refuse_at_counter(
            **walk_in(world, papers=(), actor=world.specialist), reasons="Sai"
        )
    assert not Dossier.objects.exists()


# One complete request (Decree 118/2025): rounds are counted, none adds papers.


def test_a_second_round_may_only_repeat_papers_the_first_asked_for(world):
    ticks, items = first_paper_only(world)
    asked = dossier_request_papers_at_counter(**walk_in(world, papers=ticks))
    dossier_receive_supplement_at_reception(
        dossier_code=asked.code, actor=world.officer, now=vn(2026, 3, 3, 9)
    )

    with pytest.raises(InvalidInput, match="first request"):
        dossier_request_supplement_at_reception(
            dossier_code=asked.code,
            actor=world.officer,
            now=vn(2026, 3, 3, 9),
            items=["Giấy xác nhận tình trạng hôn nhân"],
        )
    again = dossier_request_supplement_at_reception(
        dossier_code=asked.code,
        actor=world.officer,
        now=vn(2026, 3, 3, 9),
        items=[items[1].name],
    )

    rounds = [
        event.data["round"]
        for event in again.events.filter(action="request_supplement_at_reception")
    ]
    assert sorted(rounds) == [1, 2]


def test_a_paper_the_dossier_holds_cannot_be_asked_for(world):
    ticks, items = first_paper_only(world)
    asked = dossier_request_papers_at_counter(**walk_in(world, papers=ticks))
    dossier_receive_supplement_at_reception(
        dossier_code=asked.code, actor=world.officer, now=vn(2026, 3, 3, 9)
    )

    with pytest.raises(InvalidInput, match="already in the dossier"):
        dossier_request_supplement_at_reception(
            dossier_code=asked.code,
            actor=world.officer,
            now=vn(2026, 3, 3, 9),
            items=[items[0].name.upper()],
        )
