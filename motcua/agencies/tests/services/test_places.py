"""Service points and counters."""

from __future__ import annotations

import pytest

from motcua.agencies.models import ServicePointKind
from motcua.agencies.services import (
    counter_create,
    service_point_create,
    service_point_set_receives_for,
)
from motcua.core.errors import Conflict, InvalidInput


def _point(agency, **fields):
    defaults = {
        "code": "HN-CN01",
        "name": "Chi nhánh số 1",
        "kind": ServicePointKind.BRANCH,
        "agency": agency,
        "address": "1 phố Mẫu, Hà Nội",
    }
    return service_point_create(**{**defaults, **fields})


@pytest.mark.django_db
def test_service_point_create_adds_numbered_counters_and_receiving_agencies(
    city, ward, other_ward
):
    point = _point(city, receives_for=[ward, other_ward], counter_count=3)

    assert list(point.counters.order_by("number").values_list("number", flat=True)) == [
        1,
        2,
        3,
    ]
    assert set(point.receives_for.all()) == {ward, other_ward}


@pytest.mark.django_db
def test_service_point_create_refuses_a_missing_address(city):
    with pytest.raises(InvalidInput) as caught:
        _point(city, address="  ")

    assert "address" in caught.value.field_errors


@pytest.mark.django_db
def test_a_point_does_not_receive_for_another_provinces_agency(city, ward, hue_city):
    point = _point(city)

    with pytest.raises(InvalidInput) as caught:
        service_point_set_receives_for(service_point=point, agencies=[ward, hue_city])

    assert "H57" in str(caught.value.message)
    assert not point.receives_for.exists()


@pytest.mark.django_db
def test_counter_create_refuses_a_number_already_used(city):
    point = _point(city, counter_count=1)

    with pytest.raises(Conflict):
        counter_create(service_point=point, number=1)
    assert counter_create(service_point=point, number=2, label="Cư trú").label == (
        "Cư trú"
    )


@pytest.mark.django_db
def test_counter_create_refuses_number_zero(city):
    with pytest.raises(InvalidInput):
        counter_create(service_point=_point(city), number=0)
