"""The delegation report: the province's delegated ÷ its procedures (SPEC §2)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from motcua.core.errors import InvalidInput
from motcua.procedures.selectors import delegation_report
from motcua.procedures.services import delegation_target_set
from motcua.procedures.tests.delegation_world import procedure, province

pytestmark = pytest.mark.django_db

ON = date(2025, 9, 1)


@pytest.fixture
def hanoi():
    return province("01", "H26")


@pytest.fixture
def hcmc():
    return province("79", "H29")


def _target(place, ratio, valid_from, valid_to=None, basis="Quyết định 1/QĐ-TTg"):
    return delegation_target_set(
        province=place.unit,
        valid_from=valid_from,
        valid_to=valid_to,
        target_ratio=Decimal(ratio),
        legal_basis=basis,
    )


def test_the_ratio_is_the_provinces_delegated_over_its_procedures_of_the_levels(
    hanoi,
):
    linked = [procedure(f"1.00000{n}") for n in range(1, 4)]
    hanoi.carries_out(*linked)
    national = procedure("1.000009")  # linked to no agency: carried out everywhere
    hanoi.delegate(linked[0])
    hanoi.delegate(national)
    report = delegation_report(province_code="01", levels=["commune"], on_date=ON)
    assert (report.delegated, report.total) == (2, 4)
    assert report.ratio == Decimal("0.5000") and report.ratio_percent == Decimal(
        "50.00"
    )


def test_procedures_of_another_level_or_another_province_are_not_counted(hanoi, hcmc):
    own, elsewhere = procedure("1.000001"), procedure("1.000002")
    hanoi.carries_out(own)
    hcmc.carries_out(elsewhere)
    # Hanoi delegates a procedure it does not carry out: not in its figures.
    hanoi.delegate(elsewhere)
    province_level = procedure("1.000003", commune=False, province=True)
    hanoi.delegate(province_level)
    # A local variant of another province's agency, not linked here.
    procedure("2.000004.000.00.00.H29")
    local = procedure("2.000005.000.00.00.H26")
    hanoi.carries_out(local)

    report = delegation_report(province_code="01", levels=["commune"], on_date=ON)
    assert (report.delegated, report.total) == (0, 2)  # own and the local variant
    both = delegation_report(
        province_code="01", levels=["commune", "province"], on_date=ON
    )
    assert (both.delegated, both.total) == (1, 3)  # + the province-level one


def test_a_delegation_given_by_another_province_is_not_counted(hanoi, hcmc):
    shared = procedure("1.000001")
    hanoi.carries_out(shared)
    hcmc.carries_out(shared)
    hcmc.delegate(shared)
    for code, expected in (("01", 0), ("79", 1)):
        report = delegation_report(province_code=code, levels=["commune"], on_date=ON)
        assert report.delegated == expected


def test_only_delegations_in_force_on_the_date_are_counted(hanoi):
    item = procedure("1.000001")
    hanoi.carries_out(item)
    hanoi.delegate(item, valid_from=date(2025, 7, 1), valid_to=date(2026, 7, 1))

    def delegated(on_date):
        return delegation_report(
            province_code="01", levels=["commune"], on_date=on_date
        ).delegated

    assert [delegated(d) for d in (date(2025, 6, 30), date(2025, 7, 1))] == [0, 1]
    assert [delegated(d) for d in (date(2026, 6, 30), date(2026, 7, 1))] == [1, 0]


def test_the_target_in_force_on_the_date_is_used(hanoi, hcmc):
    delegated, other = procedure("1.000001"), procedure("1.000002")
    hanoi.carries_out(delegated, other, *(procedure(f"1.00001{n}") for n in range(3)))
    hanoi.delegate(delegated)  # 1 of 5: 20 %
    _target(hanoi, "0.20", date(2025, 1, 1), date(2026, 1, 1), basis="QĐ 2025")
    _target(hanoi, "0.25", date(2026, 1, 1), basis="QĐ 2026")
    _target(hcmc, "0.10", date(2025, 1, 1))

    last_day = delegation_report(
        province_code="01", levels=["commune"], on_date=date(2025, 12, 31)
    )
    assert last_day.target is not None and last_day.target.legal_basis == "QĐ 2025"
    assert last_day.target_percent == Decimal("20.00") and last_day.meets_target
    next_day = delegation_report(
        province_code="01", levels=["commune"], on_date=date(2026, 1, 1)
    )
    assert next_day.target is not None and next_day.target.legal_basis == "QĐ 2026"
    assert next_day.meets_target is False


def test_a_date_outside_every_period_has_no_target_and_no_judgement(hanoi):
    item = procedure("1.000001")
    hanoi.carries_out(item)
    hanoi.delegate(item, valid_from=date(2024, 1, 1))
    _target(hanoi, "0.20", date(2025, 1, 1), date(2026, 1, 1))
    report = delegation_report(
        province_code="01", levels=["commune"], on_date=date(2024, 12, 31)
    )
    assert report.target is None and report.target_percent is None
    assert report.meets_target is None
    assert report.ratio_percent == Decimal("100.00")


def test_a_province_without_procedures_reports_zero(hanoi):
    report = delegation_report(province_code="01", levels=["commune"], on_date=ON)
    assert (report.total, report.delegated, report.ratio) == (0, 0, Decimal(0))


def test_an_unknown_province_or_level_is_refused_per_field(hanoi):
    with pytest.raises(InvalidInput) as error:
        delegation_report(province_code="99", levels=["commune"], on_date=ON)
    assert set(error.value.field_errors) == {"province"}
    # A commune's code is no province's.
    with pytest.raises(InvalidInput):
        delegation_report(province_code="01001", levels=["commune"], on_date=ON)
    with pytest.raises(InvalidInput) as error:
        delegation_report(province_code="01", levels=["district"], on_date=ON)
    assert set(error.value.field_errors) == {"levels"}
