"""The checklists of civil-status and residence procedures, read by hand.

Each expectation below was written by reading the procedure's "Thành phần hồ
sơ" on the national portal (the shared catalogue file) as a reception officer
does: what the citizen hands in, what they only show, what is needed only in a
situation, and in which case (trường hợp).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from motcua.procedures.choices import ChannelScope
from motcua.procedures.papers import Paper, PaperRole
from motcua.procedures.records import parse_record

_FILE = ("procedures", "tthc_catalog_cap_xa.jsonl")


@pytest.fixture(scope="module")
def catalogue(shared_data: Path) -> dict[str, dict[str, Any]]:
    with shared_data.joinpath(*_FILE).open(encoding="utf-8") as lines:
        records = (json.loads(line) for line in lines if line.strip())
        return {r["ma_thu_tuc"]: r for r in records}


def _papers(catalogue: dict[str, dict[str, Any]], code: str) -> list[Paper]:
    return parse_record(catalogue[code]).documents


def _checklist(
    papers: list[Paper], *, case: str = "", online: bool = False
) -> Iterator[Paper]:
    """The papers handed in for ``case`` on a channel (as the counter lists them)."""
    other = ChannelScope.PAPER if online else ChannelScope.ONLINE
    for paper in papers:
        if paper.role != PaperRole.SUBMIT or paper.channel_scope == other:
            continue
        if case and paper.case_heading not in (case, ""):
            continue
        yield paper


_SHOWN = 30  # how much of a paper's name the expectations spell out


def _required(papers: list[Paper], **kwargs: Any) -> list[str]:
    return [p.name[:_SHOWN] for p in _checklist(papers, **kwargs) if not p.condition]


def _conditional(papers: list[Paper], **kwargs: Any) -> list[str]:
    return [p.name[:_SHOWN] for p in _checklist(papers, **kwargs) if p.condition]


def _shown(papers: list[Paper]) -> list[tuple[str, bool]]:
    return [(p.name[:_SHOWN], bool(p.condition)) for p in papers if p.is_shown]


def test_birth_registration_needs_the_birth_certificate_and_the_declaration(
    catalogue,
):
    papers = _papers(catalogue, "1.001193")

    assert {p.case_heading for p in papers} == {""}  # one case: no "Trường hợp"
    assert _required(papers) == [
        "Giấy chứng sinh; trường hợp kh",
        "Tờ khai đăng ký khai sinh theo",
    ]
    assert _required(papers, online=True) == [
        "Giấy chứng sinh; trường hợp kh",
        "Mẫu hộ tịch điện tử tương tác ",
    ]
    # A foundling report, an authorisation, a surrogacy confirmation: only if so.
    assert _conditional(papers) == [
        "Trường hợp trẻ em bị bỏ rơi th",
        "Văn bản ủy quyền (được chứng t",
        "Trường hợp khai sinh cho trẻ e",
    ]
    assert _shown(papers) == [
        ("Giấy tờ có giá trị chứng minh ", True),
        ("Hộ chiếu/Thẻ căn cước công dân", False),
    ]


def test_marriage_registration_needs_the_declaration_and_shows_the_id(catalogue):
    papers = _papers(catalogue, "1.000894")

    assert _required(papers) == ["Tờ khai đăng ký kết hôn theo m"]
    assert _required(papers, online=True) == ["Mẫu hộ tịch điện tử tương tác "]
    assert ("Hộ chiếu/Thẻ căn cước công dân", False) in _shown(papers)


def test_marital_status_confirmation_asks_the_old_paper_only_when_reissued(
    catalogue,
):
    papers = _papers(catalogue, "1.004873")

    assert _required(papers) == ["Tờ khai cấp Giấy xác nhận tình"]
    assert _conditional(papers) == [
        "Trường hợp cá nhân yêu cầu cấp",
        "Văn bản ủy quyền theo quy định",
    ]


def test_death_registration_needs_the_death_notice_and_the_declaration(catalogue):
    papers = _papers(catalogue, "1.000656")

    assert _required(papers)[0] == "Giấy báo tử hoặc giấy tờ thay "
    assert "Tờ khai đăng ký khai tử theo m" in _required(papers)
    assert _conditional(papers) == ["Văn bản ủy quyền (được chứng t"]


@pytest.mark.parametrize(
    ("code", "declaration"),
    [
        ("1.004884", "Tờ khai đăng ký lại khai sinh "),
        ("1.004746", "Tờ khai đăng ký lại kết hôn th"),
        ("1.005461", "Tờ khai đăng ký lại khai tử th"),
        ("1.004837", "Tờ khai đăng ký giám hộ theo m"),
        ("1.001022", "Tờ khai đăng ký đăng ký nhận c"),
    ],
)
def test_civil_status_declarations_are_asked_on_paper_and_e_forms_online(
    catalogue, code, declaration
):
    papers = _papers(catalogue, code)

    assert declaration in _required(papers)
    assert declaration not in _required(papers, online=True)
    assert not any("điện tử tương tác" in name for name in _required(papers))
    assert any("điện tử tương tác" in n for n in _required(papers, online=True))
    assert all(role for role in _shown(papers))  # the ID is shown, never kept
    assert not any(name.startswith("Hộ chiếu/Thẻ") for name in _required(papers))


def test_permanent_residence_cases_do_not_merge(catalogue):
    papers = _papers(catalogue, "1.004222")
    own_home = "Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình"
    vehicle = "Đăng ký thường trú tại phương tiện được sử dụng để ở"

    cases = list(dict.fromkeys(p.case_heading for p in papers if p.case_heading))
    assert cases[0] == vehicle
    assert cases.count(own_home) == 1
    assert len(cases) == 7
    assert _required(papers, case=own_home) == [
        "Thông tin chứng minh về chỗ ở ",
        "Tờ khai thay đổi thông tin cư ",
    ]
    assert not any("phương tiện" in p.name for p in _checklist(papers, case=own_home))
    assert _required(papers, case=vehicle) == ["Giấy chứng nhận đăng ký phương"]


def test_army_and_police_papers_of_residence_are_one_or_the_other(catalogue):
    papers = _papers(catalogue, "1.004222")
    barracks = next(p.case_heading for p in papers if "đóng quân" in p.case_heading)

    assert _required(papers, case=barracks) == ["Tờ khai thay đổi thông tin cư "]
    assert [p.condition for p in _checklist(papers, case=barracks) if p.condition] == [
        "Đối với Quân đội nhân dân",
        "Đối với Công an nhân dân",
    ]


def test_temporary_residence_has_its_cases_each_with_form_ct01(catalogue):
    papers = _papers(catalogue, "1.004194")
    cases = list(dict.fromkeys(p.case_heading for p in papers if p.case_heading))

    assert len(cases) >= 3
    for case in cases:
        names = [p.name for p in _checklist(papers, case=case) if not p.condition]
        assert any("CT01" in name for name in names), case


def test_deregistration_and_household_split_need_form_ct01(catalogue):
    assert "Tờ khai thay đổi thông tin cư " in _required(_papers(catalogue, "1.003197"))
    split = _papers(catalogue, "1.010038")
    for case in {p.case_heading for p in split if p.case_heading}:
        assert "Tờ khai thay đổi thông tin cư " in _required(split, case=case)
