"""Read queries: search, lookups, successions, trees, service points, roles."""

from __future__ import annotations

import pytest

from motcua.agencies import selectors
from motcua.agencies.models import (
    AgencyKind,
    AgencyLevel,
    ServicePoint,
    StaffAssignment,
    StaffRole,
    UnitGeneration,
    UnitLevel,
    UnitSuccession,
)
from motcua.agencies.tests.conftest import make_agency, make_unit
from motcua.core.errors import InvalidInput, NotFound


@pytest.mark.django_db
def test_unit_search_ignores_accents_and_case(ba_dinh, hoan_kiem):
    found = list(selectors.unit_search(query="BA DINH"))

    assert found == [ba_dinh]


@pytest.mark.django_db
def test_unit_search_finds_by_code_and_filters_by_level_and_parent(
    hanoi, ba_dinh, hoan_kiem
):
    assert list(selectors.unit_search(query="00070")) == [hoan_kiem]
    assert list(selectors.unit_search(level=UnitLevel.COMMUNE, parent_code="01")) == [
        ba_dinh,
        hoan_kiem,
    ]
    assert list(selectors.unit_search(level=UnitLevel.PROVINCE)) == [hanoi]


@pytest.mark.django_db
def test_unit_search_keeps_the_two_structures_apart(ba_dinh):
    old = make_unit(
        UnitLevel.COMMUNE,
        "00004",
        "Phường Trúc Bạch",
        generation=UnitGeneration.THREE_LEVEL,
    )

    assert list(selectors.unit_search(query="00004")) == [ba_dinh]
    assert list(
        selectors.unit_search(query="00004", generation=UnitGeneration.THREE_LEVEL)
    ) == [old]


@pytest.mark.django_db
def test_unit_search_refuses_an_unknown_level():
    with pytest.raises(InvalidInput):
        selectors.unit_search(level="village")


@pytest.mark.django_db
def test_unit_get_returns_the_unit_or_raises_not_found(ba_dinh):
    assert selectors.unit_get(generation="2025", level="commune", code="00004") == (
        ba_dinh
    )
    with pytest.raises(NotFound):
        selectors.unit_get(generation="pre2025", level="commune", code="00004")


@pytest.mark.django_db
def test_successors_and_predecessors_follow_the_old_to_new_table(ba_dinh):
    old = [
        make_unit(UnitLevel.COMMUNE, code, name, generation=UnitGeneration.THREE_LEVEL)
        for code, name in [
            ("00013", "Phường Quán Thánh"),
            ("00004", "Phường Trúc Bạch"),
        ]
    ]
    for unit in old:
        UnitSuccession.objects.create(old_unit=unit, new_unit=ba_dinh, note="Nhập")

    assert list(selectors.unit_successors(old[0])) == [ba_dinh]
    assert list(selectors.unit_predecessors(ba_dinh)) == [old[1], old[0]]


@pytest.mark.django_db
def test_agency_list_filters_and_orders_by_e_id(city, ward, other_ward):
    police = make_agency(
        "H26.CA", "Công an Hà Nội", level=AgencyLevel.PROVINCE, kind=AgencyKind.POLICE
    )

    assert list(selectors.agency_list()) == [city, ward, other_ward, police]
    assert list(selectors.agency_list(level=AgencyLevel.COMMUNE)) == [ward, other_ward]
    assert list(selectors.agency_list(kind=AgencyKind.POLICE)) == [police]
    assert list(selectors.agency_list(unit_code="00070")) == [other_ward]
    assert list(selectors.agency_list(query="hoan kiem")) == [other_ward]


@pytest.mark.django_db
def test_agency_get_raises_not_found_for_an_unknown_e_id(city):
    assert selectors.agency_get(code="H26") == city
    with pytest.raises(NotFound):
        selectors.agency_get(code="H99")


@pytest.mark.django_db
def test_agency_tree_holds_the_root_and_everything_below(city, ward, other_ward):
    office = make_agency(
        "H26.00004.VP", "Văn phòng", level=AgencyLevel.COMMUNE, parent=ward
    )

    assert list(selectors.agency_tree(city)) == [city, ward, office, other_ward]
    assert list(selectors.agency_tree(ward)) == [ward, office]


@pytest.mark.django_db
def test_service_point_list_filters_by_operator_or_agency_received_for(
    city, ward, other_ward, django_assert_num_queries
):
    first = ServicePoint.objects.create(
        code="B", name="B", kind="branch", agency=city, address="x"
    )
    second = ServicePoint.objects.create(
        code="A", name="A", kind="branch", agency=ward, address="y"
    )
    first.receives_for.set([ward, other_ward])
    second.receives_for.set([ward])

    with django_assert_num_queries(3):
        points = list(selectors.service_point_list())
        assert [[a.code for a in p.receives_for.all()] for p in points] == [
            ["H26.00004"],
            ["H26.00004", "H26.00070"],
        ]
    assert list(selectors.service_point_list(agency_code="H26")) == [first]
    assert list(selectors.service_point_list(receives_for_code="H26.00004")) == [
        second,
        first,
    ]


@pytest.mark.django_db
def test_staff_roles_of_lists_active_roles_only(city, ward, make_user):
    user = make_user("lan")
    StaffAssignment.objects.create(user=user, agency=ward, role=StaffRole.CLERK)
    StaffAssignment.objects.create(
        user=user, agency=city, role=StaffRole.SPECIALIST, is_active=False
    )

    assert [(a.agency.code, a.role) for a in selectors.staff_roles_of(user)] == [
        ("H26.00004", "clerk")
    ]
