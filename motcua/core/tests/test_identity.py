"""The personal ID number and birth date rules (Citizen Identification Law 2023)."""

from __future__ import annotations

from datetime import date

import pytest

from motcua.core.identity import (
    birth_date_problem,
    personal_id_normalise,
    personal_id_problem,
)

TODAY = date(2026, 11, 17)


@pytest.mark.parametrize(
    "value",
    [
        "001190012345",  # Hà Nội, female, 1990
        "079203001234",  # Hồ Chí Minh City, female, 2003
        "096026000001",  # Cà Mau, male, 2026 (born this year)
    ],
)
def test_possible_numbers_are_accepted(value):
    assert personal_id_problem(value, today=TODAY) is None


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("000000000000", "province"),
        ("999999999999", "province"),
        ("097190012345", "province"),
        ("001227000001", "birth year"),  # 2027: not born yet
        ("001490012345", "birth year"),  # 2190s: not issued
        ("001890012345", "birth year"),  # 1890s: not issued as 12 digits
        ("00119001234", "12 digits"),
        ("٠٠١١٩٠٠١٢٣٤٥", "12 digits"),  # Arabic-Indic digits
        ("00119001234x", "12 digits"),
    ],
)
def test_impossible_numbers_say_why(value, why):
    problem = personal_id_problem(value, today=TODAY)
    assert problem is not None
    assert why in str(problem)


def test_spaces_are_dropped_first():
    assert personal_id_normalise(" 001 190 012 345 ") == "001190012345"


@pytest.mark.parametrize(
    ("born", "ok"),
    [
        (date(1990, 5, 4), True),
        (TODAY, True),
        (date(2026, 11, 18), False),
        (date(9999, 1, 1), False),
        (date(1899, 12, 31), False),
        (date(1, 1, 1), False),
    ],
)
def test_a_birth_date_must_be_a_living_persons(born, ok):
    assert (birth_date_problem(born, today=TODAY) is None) is ok
