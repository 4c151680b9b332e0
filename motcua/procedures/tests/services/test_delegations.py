"""Setting the delegation target of a province for a period."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from motcua.core.errors import InvalidInput, NotFound
from motcua.procedures.models import DelegationTarget
from motcua.procedures.services import delegation_target_set
from motcua.procedures.tests.delegation_world import province

pytestmark = pytest.mark.django_db


@pytest.fixture
def hanoi():
    return province("01", "H26")


def _set(place, valid_from, valid_to=None, **extra):
    fields: dict[str, Any] = {
        "target_ratio": Decimal("0.20"),
        "legal_basis": "Quyết định 1/QĐ-TTg",
    }
    fields.update(extra)
    return delegation_target_set(
        province=place, valid_from=valid_from, valid_to=valid_to, **fields
    )


def test_a_target_is_stored_for_the_province_and_period(hanoi):
    target = _set(hanoi.unit, date(2025, 1, 1), date(2026, 1, 1), legal_basis=" QĐ 1 ")
    stored = DelegationTarget.objects.get(pk=target.pk)
    assert (stored.province, stored.target_ratio) == (hanoi.unit, Decimal("0.2000"))
    assert stored.legal_basis == "QĐ 1"


def test_an_overlapping_period_is_refused_with_the_other_target_named(hanoi):
    _set(hanoi.unit, date(2025, 1, 1), date(2026, 1, 1), legal_basis="QĐ 2025")
    with pytest.raises(InvalidInput) as error:
        _set(hanoi.unit, date(2025, 6, 1), date(2026, 6, 1))
    message = str(error.value.field_errors["valid_from"])
    assert message == (
        "The period overlaps the target in force from 01/01/2025 until 01/01/2026 "
        "(QĐ 2025)."
    )
    with pytest.raises(InvalidInput):  # the same start
        _set(hanoi.unit, date(2025, 1, 1))
    with pytest.raises(InvalidInput):  # an open period over it
        _set(hanoi.unit, date(2024, 1, 1))
    assert DelegationTarget.objects.count() == 1


def test_an_open_period_must_be_ended_before_the_next_one(hanoi):
    _set(hanoi.unit, date(2025, 1, 1), legal_basis="QĐ 2025")
    with pytest.raises(InvalidInput) as error:
        _set(hanoi.unit, date(2027, 1, 1))
    assert "with no end (QĐ 2025); end that one first" in str(
        error.value.field_errors["valid_from"]
    )


def test_periods_that_meet_are_not_overlapping(hanoi):
    # The end is excluded: a period may start the day the last one ends.
    _set(hanoi.unit, date(2025, 1, 1), date(2026, 1, 1))
    _set(hanoi.unit, date(2026, 1, 1))
    _set(hanoi.unit, date(2024, 1, 1), date(2025, 1, 1))
    assert DelegationTarget.objects.count() == 3


def test_another_province_may_have_the_same_period(hanoi):
    hcmc = province("79", "H29")
    _set(hanoi.unit, date(2025, 1, 1))
    _set(hcmc.unit, date(2025, 1, 1))
    assert DelegationTarget.objects.count() == 2


def test_changing_a_target_does_not_clash_with_itself(hanoi):
    target = _set(hanoi.unit, date(2025, 1, 1), date(2026, 1, 1))
    changed = _set(
        hanoi.unit,
        date(2025, 1, 1),
        date(2025, 7, 1),
        target_ratio=Decimal("0.3917"),
        target_id=target.pk,
    )
    assert changed.pk == target.pk
    assert DelegationTarget.objects.get().target_ratio == Decimal("0.3917")
    with pytest.raises(NotFound):
        _set(hanoi.unit, date(2025, 1, 1), target_id=target.pk + 100)


@pytest.mark.parametrize("ratio", ["-0.01", "1.01", "20", "0.39175", "NaN"])
def test_a_target_that_is_not_a_fraction_of_four_places_is_refused(hanoi, ratio):
    with pytest.raises(InvalidInput) as error:
        _set(hanoi.unit, date(2025, 1, 1), target_ratio=Decimal(ratio))
    assert set(error.value.field_errors) == {"target_ratio"}


def test_a_commune_an_empty_basis_or_reversed_dates_are_refused(hanoi):
    commune = hanoi.ward.unit
    assert commune is not None
    with pytest.raises(InvalidInput) as error:
        _set(commune, date(2025, 1, 1), date(2024, 1, 1), legal_basis=" ")
    assert set(error.value.field_errors) == {"province", "legal_basis", "valid_to"}
    assert str(error.value.message) == "The delegation target is not valid."
