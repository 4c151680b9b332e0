"""agency_create / agency_update."""

from __future__ import annotations

from datetime import time

import pytest

from motcua.agencies.models import Agency, AgencyKind, AgencyLevel
from motcua.agencies.services import agency_create, agency_update
from motcua.core.errors import InvalidInput


def _create(**fields):
    defaults = {
        "code": "H26.STP",
        "name": "Sở Tư pháp Thành phố Hà Nội",
        "kind": AgencyKind.DEPARTMENT,
        "level": AgencyLevel.PROVINCE,
    }
    return agency_create(**{**defaults, **fields})


@pytest.mark.django_db
def test_agency_create_saves_the_agency_with_default_hours_and_search_text(city):
    agency = _create(parent=city, short_name="Sở Tư pháp")

    agency.refresh_from_db()
    assert agency.parent == city
    assert agency.working_hours().cutoff == time(15)
    assert "so tu phap" in agency.search_text
    assert "h26.stp" in agency.search_text


@pytest.mark.django_db
def test_agency_create_strips_the_e_id():
    assert _create(code="  H26.STP ").code == "H26.STP"


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["h26.stp", "H26..STP", "H26-STP", "X" * 36])
def test_agency_create_refuses_a_badly_shaped_e_id(code):
    with pytest.raises(InvalidInput) as caught:
        _create(code=code)

    assert "code" in caught.value.field_errors
    assert not Agency.objects.exists()


@pytest.mark.django_db
def test_agency_create_refuses_an_e_id_already_taken():
    _create()

    with pytest.raises(InvalidInput) as caught:
        _create(name="Another")

    assert "code" in caught.value.field_errors


@pytest.mark.django_db
def test_agency_create_refuses_hours_out_of_order():
    with pytest.raises(InvalidInput) as caught:
        _create(lunch_start=time(14), lunch_end=time(13))

    assert set(caught.value.field_errors) == {"lunch_end"}


@pytest.mark.django_db
def test_agency_create_refuses_a_cutoff_after_closing():
    with pytest.raises(InvalidInput) as caught:
        _create(reception_cutoff=time(17, 30))

    assert "reception_cutoff" in caught.value.field_errors
    assert "cut-off" in str(caught.value.message)


@pytest.mark.django_db
def test_agency_create_refuses_an_unknown_kind():
    with pytest.raises(InvalidInput) as caught:
        _create(kind="bakery")

    assert "kind" in caught.value.field_errors


@pytest.mark.django_db
def test_agency_update_changes_only_the_given_fields(city):
    agency = _create()

    agency_update(agency=agency, name="Sở Tư pháp Hà Nội", work_end=time(17, 30))

    agency.refresh_from_db()
    assert agency.name == "Sở Tư pháp Hà Nội"
    assert agency.work_end == time(17, 30)
    assert agency.work_start == time(8)
    assert agency.search_text.startswith("so tu phap ha noi")


@pytest.mark.django_db
def test_agency_update_refuses_a_loop_and_leaves_the_agency_unchanged(city, ward):
    with pytest.raises(InvalidInput) as caught:
        agency_update(agency=city, parent=ward)

    assert "parent" in caught.value.field_errors
    assert city.parent is None
    city.refresh_from_db()
    assert city.parent is None


@pytest.mark.django_db
def test_agency_update_refuses_an_unknown_field(city):
    with pytest.raises(InvalidInput, match="code"):
        agency_update(agency=city, code="H99")  # type: ignore[call-arg]
