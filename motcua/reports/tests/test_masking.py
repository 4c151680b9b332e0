"""Masked dossier codes on public boards."""

from __future__ import annotations

from motcua.reports.masking import code_mask


def test_a_code_keeps_the_agency_the_month_and_the_last_two_digits():
    assert code_mask("H26.TTPVHCC-261107-0007") == "H26.TTPVHCC-2611**-**07"


def test_a_long_sequence_hides_all_but_its_last_two_digits():
    assert code_mask("000.00.00.H01-260302-123456") == "000.00.00.H01-2603**-****56"


def test_a_code_of_another_shape_is_never_shown_whole():
    for code in ("ABC", "X1", "", "000.00.00.H01-1", "H26-2611-07"):
        assert code_mask(code) != code
        assert code_mask(code).startswith("****")
