"""Who may see and act on which agency: allowed and denied for every rule."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from motcua.agencies.access import (
    agencies_visible_to,
    agency_for_user,
    require_role,
    user_has_role,
)
from motcua.agencies.models import AgencyLevel, StaffAssignment, StaffRole
from motcua.agencies.tests.conftest import make_agency
from motcua.core.errors import NotFound, PermissionDenied


def _assign(user, agency, role, **fields):
    return StaffAssignment.objects.create(user=user, agency=agency, role=role, **fields)


@pytest.fixture
def officer(make_user, ward):
    user = make_user("lan")
    _assign(user, ward, StaffRole.RECEPTION_OFFICER)
    return user


@pytest.fixture
def supervisor(make_user, city):
    user = make_user("trang")
    _assign(user, city, StaffRole.CITY_SUPERVISOR)
    return user


@pytest.mark.django_db
def test_a_staff_member_sees_only_their_own_agency(officer, ward, other_ward, city):
    assert list(agencies_visible_to(officer)) == [ward]


@pytest.mark.django_db
def test_a_city_supervisor_sees_every_agency_of_the_city(
    supervisor, city, ward, other_ward, hue_city
):
    # An agency outside the agency tree but inside the city's unit is visible too.
    police = make_agency("H26.00070.CA", "Công an", level=AgencyLevel.COMMUNE)
    police.unit = other_ward.unit
    police.save()

    visible = list(agencies_visible_to(supervisor))

    assert visible == [city, ward, other_ward, police]
    assert hue_city not in visible


@pytest.mark.django_db
def test_a_superuser_sees_all_agencies(make_user, city, ward, hue_city):
    admin = make_user("root", is_superuser=True, is_staff=True)

    assert list(agencies_visible_to(admin)) == [city, ward, hue_city]


@pytest.mark.django_db
def test_anonymous_inactive_and_withdrawn_users_see_nothing(make_user, ward):
    gone = make_user("gone", is_active=False)
    _assign(gone, ward, StaffRole.CLERK)
    withdrawn = make_user("withdrawn")
    _assign(withdrawn, ward, StaffRole.CLERK, is_active=False)

    for user in (AnonymousUser(), gone, withdrawn):
        assert not agencies_visible_to(user).exists()
        assert not user_has_role(user, StaffRole.CLERK, ward)


@pytest.mark.django_db
def test_user_has_role_only_for_the_role_and_agency_granted(officer, ward, other_ward):
    assert user_has_role(officer, StaffRole.RECEPTION_OFFICER, ward)
    assert user_has_role(officer, [StaffRole.CLERK, StaffRole.RECEPTION_OFFICER], ward)
    assert not user_has_role(officer, StaffRole.AGENCY_LEADER, ward)
    assert not user_has_role(officer, StaffRole.RECEPTION_OFFICER, other_ward)


@pytest.mark.django_db
def test_a_supervisor_holds_their_role_below_their_agency_only(
    supervisor, ward, hue_city
):
    assert user_has_role(supervisor, StaffRole.CITY_SUPERVISOR, ward)
    assert not user_has_role(supervisor, StaffRole.RECEPTION_OFFICER, ward)
    assert not user_has_role(supervisor, StaffRole.CITY_SUPERVISOR, hue_city)


@pytest.mark.django_db
def test_require_role_passes_the_allowed_and_stops_the_denied(
    officer, ward, other_ward
):
    require_role(officer, StaffRole.RECEPTION_OFFICER, ward)

    with pytest.raises(PermissionDenied):
        require_role(officer, StaffRole.RECEPTION_OFFICER, other_ward)
    with pytest.raises(PermissionDenied):
        require_role(officer, StaffRole.AGENCY_LEADER, ward)


@pytest.mark.django_db
def test_require_role_lets_a_superuser_through(make_user, ward):
    require_role(make_user("root", is_superuser=True), StaffRole.CLERK, ward)


@pytest.mark.django_db
def test_agency_for_user_hides_other_agencies_as_not_found(officer, ward, other_ward):
    assert agency_for_user(officer, "H26.00004") == ward

    with pytest.raises(NotFound):
        agency_for_user(officer, "H26.00070")
    with pytest.raises(NotFound):
        agency_for_user(officer, "H99")
