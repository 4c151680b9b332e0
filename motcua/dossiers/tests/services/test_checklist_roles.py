"""The counter's checklist follows what each paper is in the catalogue.

A paper only shown (xuất trình) is checked and handed back: never on the
checklist (Decree 118/2025 Art. 15(2)). A paper needed only in a situation is
never missing. Papers common to every case are asked in each case; a procedure
with several cases needs one chosen.
"""

from __future__ import annotations

import pytest

from motcua.core.errors import InvalidInput
from motcua.dossiers.choices import DossierChannel, DossierStatus
from motcua.dossiers.inputs import PaperTick
from motcua.dossiers.intake import checklist_items
from motcua.dossiers.services import (
    dossier_create_at_counter,
    dossier_request_papers_at_counter,
)
from motcua.dossiers.tests.factories import applicant, vn
from motcua.procedures.models import RequiredPaper

pytestmark = pytest.mark.django_db

MONDAY_9 = vn(2026, 3, 2, 9)
RENTED = "Đăng ký vào chỗ ở do thuê"
OWN = "Đăng ký vào chỗ ở của mình"


@pytest.fixture
def papers(world):
    procedure = world.procedure
    procedure.papers.all().delete()
    rows = [
        {"case_heading": RENTED, "name": "Hợp đồng thuê nhà.", "originals": 1},
        {"case_heading": OWN, "name": "Giấy chứng nhận quyền sở hữu.", "originals": 1},
        {"name": "Tờ khai CT01.", "originals": 1},
        {
            "name": "Văn bản ủy quyền trong trường hợp ủy quyền.",
            "originals": 1,
            "condition": "trong trường hợp ủy quyền",
        },
        {"name": "Thẻ căn cước.", "originals": 1, "is_shown": True},
        {"name": "Mẫu điện tử tương tác.", "originals": 1, "channel_scope": "online"},
        {"name": "Lưu ý: không yêu cầu thêm giấy tờ.", "is_note": True},
    ]
    return {
        row["name"]: RequiredPaper.objects.create(
            procedure=procedure, position=position, **row
        )
        for position, row in enumerate(rows, start=1)
    }


def _walk_in(world, ticks, case=RENTED, **extra):
    return {
        "actor": world.officer,
        "now": MONDAY_9,
        "procedure": world.procedure,
        "service_point": world.point,
        "applicant": applicant(),
        "competent_agency": world.agency,
        "case_heading": case,
        "papers": [PaperTick(required_paper_id=p.pk) for p in ticks],
        **extra,
    }


def test_the_checklist_of_a_case_adds_the_common_papers_and_leaves_the_shown_out(
    world, papers
):
    at_counter = [p.name for p in checklist_items(world.procedure, RENTED)]
    online = [
        p.name
        for p in checklist_items(world.procedure, RENTED, channel=DossierChannel.ONLINE)
    ]

    assert at_counter == [
        "Hợp đồng thuê nhà.",
        "Tờ khai CT01.",
        "Văn bản ủy quyền trong trường hợp ủy quyền.",
    ]
    assert online == [*at_counter, "Mẫu điện tử tương tác."]


def test_a_dossier_without_the_conditional_paper_is_complete(world, papers):
    ticks = [papers["Hợp đồng thuê nhà."], papers["Tờ khai CT01."]]

    dossier = dossier_create_at_counter(**_walk_in(world, ticks))

    assert dossier.status == DossierStatus.RECEIVED
    conditional = dossier.papers.get(name__startswith="Văn bản ủy quyền")
    assert conditional.condition == "trong trường hợp ủy quyền"
    assert not conditional.is_provided


def test_form_02_never_lists_a_conditional_paper(world, papers):
    dossier = dossier_request_papers_at_counter(
        **_walk_in(world, [papers["Tờ khai CT01."]]), reason=""
    )

    event = dossier.events.get(action="request_supplement_at_reception")
    assert event.data["items"] == ["Hợp đồng thuê nhà."]


def test_a_shown_paper_cannot_be_ticked_as_handed_in(world, papers):
    ticks = [
        papers["Hợp đồng thuê nhà."],
        papers["Tờ khai CT01."],
        papers["Thẻ căn cước."],
    ]

    with pytest.raises(InvalidInput) as refused:
        dossier_create_at_counter(**_walk_in(world, ticks))

    assert "papers" in refused.value.field_errors


@pytest.mark.parametrize("case", ["", "Trường hợp không có"])
def test_a_procedure_with_cases_needs_one_of_them(world, papers, case):
    with pytest.raises(InvalidInput) as refused:
        dossier_create_at_counter(**_walk_in(world, [papers["Tờ khai CT01."]], case))

    assert "case_heading" in refused.value.field_errors
