from datetime import date

import pytest

from motcua.core.errors import InvalidInput
from motcua.population.adapters import century_and_sex, citizen_lookup


def test_the_demo_adapter_fills_name_birth_date_and_address():
    citizen = citizen_lookup(personal_id="001 085 012345")
    assert citizen is not None
    assert citizen.personal_id == "001085012345"
    assert citizen.full_name.count(" ") == 2
    assert citizen.birth_date is not None
    assert citizen.birth_date.year == 1985
    assert "Hà Nội" in citizen.address


def test_the_same_id_always_gives_the_same_person():
    first = citizen_lookup(personal_id="001090123456")
    assert first == citizen_lookup(personal_id="001090123456")


def test_the_fourth_digit_gives_century_and_sex():
    assert century_and_sex("001090123456") == (1900, "male")
    assert century_and_sex("001185123456") == (1900, "female")
    assert century_and_sex("001205123456") == (2000, "male")
    assert century_and_sex("001305123456") == (2000, "female")
    citizen = citizen_lookup(personal_id="001305123456")
    assert citizen is not None
    assert citizen.sex == "female"
    assert citizen.birth_date == date(2005, 123456 % 12 + 1, 123456 % 28 + 1)


def test_an_unknown_person_is_none():
    assert citizen_lookup(personal_id="001090000000") is None


@pytest.mark.parametrize("bad", ["", "12345", "00109012345X", "0010901234567"])
def test_a_malformed_id_is_refused_with_a_field_message(bad):
    with pytest.raises(InvalidInput) as caught:
        citizen_lookup(personal_id=bad)
    assert "personal_id" in caught.value.field_errors
