"""Model behaviour: working hours and the checks admin forms rely on."""

from __future__ import annotations

from datetime import time

import pytest
from django.core.exceptions import ValidationError

from motcua.agencies.models import (
    Agency,
    AgencyKind,
    AgencyLevel,
    StaffAssignment,
    StaffRole,
)


def _agency(**fields):
    defaults = {
        "code": "H26.STP",
        "name": "Sở Tư pháp",
        "kind": AgencyKind.DEPARTMENT,
        "level": AgencyLevel.PROVINCE,
    }
    return Agency(**{**defaults, **fields})


def test_working_hours_have_a_morning_and_an_afternoon_around_lunch():
    hours = _agency().working_hours()

    assert hours.periods == ((time(8), time(12)), (time(13), time(17)))
    assert hours.cutoff == time(15)
    assert hours.minutes_per_day == 480


def test_working_hours_without_lunch_break_are_one_period():
    agency = _agency(
        work_start=time(7, 30),
        lunch_start=time(12),
        lunch_end=time(12),
        work_end=time(16, 30),
        reception_cutoff=time(16),
    )

    hours = agency.working_hours()

    assert hours.periods == ((time(7, 30), time(16, 30)),)
    assert hours.cutoff == time(16)
    assert hours.minutes_per_day == 540


@pytest.mark.parametrize(
    "code", ["000.00.00.H30", "H26", "H26.STP", "G12.01.02.003", "A" * 35]
)
def test_well_shaped_e_ids_are_accepted(code):
    _agency(code=code).clean_fields()


@pytest.mark.parametrize(
    "code",
    ["h26.stp", "H26..STP", ".H26", "H26.", "H26-STP", "H26 STP", "Đ26", "A" * 36, ""],
)
def test_badly_shaped_e_ids_are_refused(code):
    with pytest.raises(ValidationError) as caught:
        _agency(code=code).clean_fields()

    assert "code" in caught.value.message_dict


@pytest.mark.parametrize(
    ("hours", "field"),
    [
        ({"lunch_start": time(7)}, "lunch_start"),
        ({"lunch_start": time(13), "lunch_end": time(12)}, "lunch_end"),
        ({"work_end": time(12, 30)}, "work_end"),
        ({"reception_cutoff": time(7)}, "reception_cutoff"),
        ({"reception_cutoff": time(17, 30)}, "reception_cutoff"),
    ],
)
@pytest.mark.django_db
def test_hours_out_of_order_or_a_cutoff_outside_the_day_are_refused(hours, field):
    with pytest.raises(ValidationError) as caught:
        _agency(**hours).clean()

    assert field in caught.value.message_dict


@pytest.mark.django_db
def test_cutoff_at_closing_time_is_allowed():
    _agency(reception_cutoff=time(17)).clean()


@pytest.mark.django_db
def test_an_agency_cannot_be_its_own_ancestor(city, ward):
    city.parent = ward

    with pytest.raises(ValidationError) as caught:
        city.clean()

    assert "parent" in caught.value.message_dict


@pytest.mark.django_db
def test_a_city_supervisor_at_a_commune_agency_is_refused(ward, make_user):
    assignment = StaffAssignment(
        user=make_user("giamsat"), agency=ward, role=StaffRole.CITY_SUPERVISOR
    )

    with pytest.raises(ValidationError):
        assignment.clean()
