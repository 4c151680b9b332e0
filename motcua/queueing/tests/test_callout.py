"""Numbers as the hall's voice says them: the product's own rules, not the engine's."""

from __future__ import annotations

import pytest

from motcua.queueing.callout import call_text, number_words, ticket_words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),  # espeak-ng says "mười năm"
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (55, "năm mươi lăm"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"),
        (999, "chín trăm chín mươi chín"),
        (1000, "một nghìn"),
        (1005, "một nghìn không trăm linh năm"),
        (1010, "một nghìn không trăm mười"),
        (1023, "một nghìn không trăm hai mươi ba"),
        (1100, "một nghìn một trăm"),
        (15000, "mười lăm nghìn"),
        (21000, "hai mươi mốt nghìn"),
        (105000, "một trăm linh năm nghìn"),
        (1000000, "một triệu"),
        (1005000, "một triệu không trăm linh năm nghìn"),
        (2000000023, "hai tỷ không trăm hai mươi ba"),
    ],
)
def test_numbers_are_read_by_the_rules_of_spoken_vietnamese(number, words):
    assert number_words(number) == words


@pytest.mark.parametrize("number", [-1, 1000**4])
def test_a_number_out_of_range_is_refused(number):
    with pytest.raises(ValueError, match="outside"):
        number_words(number)


def test_a_ticket_is_read_letter_by_name_then_number_without_its_zeros():
    assert ticket_words("B", 23) == "bê hai mươi ba"
    assert ticket_words("ab", 105) == "a bê một trăm linh năm"


def test_the_call_names_the_ticket_and_the_counter_in_words():
    assert call_text("B", 23, 5) == (
        "Mời công dân có số thứ tự bê hai mươi ba đến quầy số năm"
    )
    assert "quầy số mười lăm" in call_text("C", 1, 15)
