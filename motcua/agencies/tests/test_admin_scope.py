"""An agency administrator manages their own agency in the admin, and nothing else."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from motcua.accounts.models import User
from motcua.agencies.models import ServicePoint, StaffAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--own-seed", verbosity=0)


@pytest.fixture
def agency_admin_client(client, demo):
    client.force_login(User.objects.get(username="agency_admin"))
    return client


def test_an_agency_admin_sees_only_their_agency(agency_admin_client):
    response = agency_admin_client.get("/admin/agencies/agency/")
    assert response.status_code == 200
    listed = response.context["cl"].result_list
    assert {agency.code for agency in listed} == {"H26.00004"}


def test_an_agency_admin_manages_their_staff_but_not_others(agency_admin_client):
    response = agency_admin_client.get("/admin/agencies/staffassignment/")
    assert response.status_code == 200
    agencies = {a.agency.code for a in response.context["cl"].result_list}
    assert agencies == {"H26.00004"}
    other = StaffAssignment.objects.get(user__username="supervisor")
    url = f"/admin/agencies/staffassignment/{other.pk}/change/"
    assert agency_admin_client.get(url).status_code in {302, 404}


def test_an_agency_admin_cannot_see_another_agencys_service_points(agency_admin_client):
    point = ServicePoint.objects.order_by("code").first()
    assert point is not None
    response = agency_admin_client.get("/admin/agencies/servicepoint/")
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_an_agency_admin_creates_a_staff_account_without_superuser_powers(
    agency_admin_client,
):
    response = agency_admin_client.post(
        "/admin/accounts/user/add/",
        {
            "username": "new.officer",
            "password1": "a-Long-passphrase-42",
            "password2": "a-Long-passphrase-42",
            "usable_password": "true",
            "full_name": "Ngô Văn Bình",
        },
    )
    assert response.status_code == 302, response.content
    user = User.objects.get(username="new.officer")
    assert not user.is_superuser
    change = agency_admin_client.get(f"/admin/accounts/user/{user.pk}/change/")
    assert change.status_code == 200
    assert b"is_superuser" not in change.content
    assert agency_admin_client.get("/admin/accounts/user/").status_code == 200
    admin_user = User.objects.get(username="admin")
    url = f"/admin/accounts/user/{admin_user.pk}/change/"
    assert agency_admin_client.get(url).status_code in {302, 404}


def test_a_specialist_has_no_admin(client, demo):
    client.force_login(User.objects.get(username="specialist"))
    assert client.get("/admin/agencies/agency/").status_code == 302
