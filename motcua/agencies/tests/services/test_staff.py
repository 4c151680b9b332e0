"""staff_assign / staff_revoke."""

from __future__ import annotations

import pytest

from motcua.agencies.models import StaffRole
from motcua.agencies.services import staff_assign, staff_revoke
from motcua.core.errors import Conflict, InvalidInput, NotFound


@pytest.mark.django_db
def test_staff_assign_grants_the_role(ward, make_user):
    user = make_user("lan")

    assignment = staff_assign(user=user, agency=ward, role=StaffRole.RECEPTION_OFFICER)

    assert assignment.is_active
    assert assignment.agency == ward


@pytest.mark.django_db
def test_staff_assign_twice_is_a_conflict(ward, make_user):
    user = make_user("lan")
    staff_assign(user=user, agency=ward, role=StaffRole.CLERK)

    with pytest.raises(Conflict):
        staff_assign(user=user, agency=ward, role=StaffRole.CLERK)


@pytest.mark.django_db
def test_a_revoked_role_can_be_granted_again(ward, make_user):
    user = make_user("lan")
    first = staff_assign(user=user, agency=ward, role=StaffRole.CLERK)
    staff_revoke(user=user, agency=ward, role=StaffRole.CLERK)

    again = staff_assign(user=user, agency=ward, role=StaffRole.CLERK)

    assert again.pk == first.pk
    assert again.is_active


@pytest.mark.django_db
def test_staff_revoke_of_a_role_not_held_is_not_found(ward, make_user):
    with pytest.raises(NotFound):
        staff_revoke(user=make_user("lan"), agency=ward, role=StaffRole.CLERK)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["boss", StaffRole.CITY_SUPERVISOR])
def test_staff_assign_refuses_an_unknown_role_or_a_supervisor_in_a_commune(
    ward, make_user, role
):
    with pytest.raises(InvalidInput):
        staff_assign(user=make_user("lan"), agency=ward, role=role)


@pytest.mark.django_db
def test_staff_assign_refuses_an_inactive_user(ward, make_user):
    with pytest.raises(InvalidInput):
        staff_assign(
            user=make_user("gone", is_active=False), agency=ward, role=StaffRole.CLERK
        )
