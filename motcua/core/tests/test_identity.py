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
        ("003190012345", "province"),  # no province was ever coded 03
        ("050190012345", "province"),
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


def test_full_width_digits_are_folded_and_other_scripts_kept_to_be_refused():
    assert personal_id_normalise("００１１９００１２３４５") == "001190012345"
    arabic = personal_id_normalise("٠٠١١٩٠٠١٢٣٤٥")
    assert personal_id_problem(arabic, today=TODAY) is not None


def test_every_province_before_the_merger_has_its_code_accepted(shared_data):
    import csv

    path = shared_data / "admin_units" / "units_pre2025.csv"
    with path.open(encoding="utf-8", newline="") as source:
        codes = {row["province_code"] for row in csv.DictReader(source)}

    assert len(codes) == 63
    for code in codes:
        assert personal_id_problem(f"0{code}190012345", today=TODAY) is None, code
    others = {f"{n:02d}" for n in range(1, 100)} - codes
    for code in others:
        assert personal_id_problem(f"0{code}190012345", today=TODAY) is not None, code


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
