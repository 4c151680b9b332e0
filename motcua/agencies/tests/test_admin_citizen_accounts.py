"""Staff administration never reaches a citizen's account; a superuser's opening
of one is logged."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from motcua.accounts.models import User
from motcua.citizens.models import CitizenAccountAccess
from motcua.citizens.tests.factories import PASSWORD, citizen

pytestmark = pytest.mark.django_db


@pytest.fixture
def huong(db) -> User:
    call_command("seed_demo", "--own-seed", verbosity=0)
    return citizen(id_number="001190099999", phone="0987654321")


def test_an_agency_admin_never_lists_opens_or_resets_a_citizen_account(client, huong):
    client.force_login(User.objects.get(username="agency_admin"))

    listing = client.get("/admin/accounts/user/")
    searched = client.get("/admin/accounts/user/", {"q": "001190099999"})
    change = client.get(f"/admin/accounts/user/{huong.pk}/change/")
    password = client.post(
        f"/admin/accounts/user/{huong.pk}/password/",
        {"password1": "Chiem-quyen-2026!", "password2": "Chiem-quyen-2026!"},
    )

    assert listing.status_code == 200
    listed = {user.username for user in listing.context["cl"].result_list}
    assert huong.username not in listed
    assert "0987654321" not in listing.content.decode()
    assert list(searched.context["cl"].result_list) == []
    assert change.status_code in {302, 404}
    assert password.status_code in {302, 404}
    huong.refresh_from_db()
    assert huong.check_password(PASSWORD)  # untouched
    assert "reception" in listed or "specialist" in listed  # own staff still there


def test_a_superuser_may_open_it_and_the_opening_is_logged(client, huong):
    root = User.objects.get(username="admin")
    client.force_login(root)

    response = client.get(f"/admin/accounts/user/{huong.pk}/change/")

    assert response.status_code == 200
    (access,) = CitizenAccountAccess.objects.all()
    assert (access.staff, access.citizen.user) == (root, huong)
    assert access.purpose == "admin get"


def test_opening_a_staff_account_writes_no_citizen_log(client, huong):
    client.force_login(User.objects.get(username="admin"))
    reception = User.objects.get(username="reception")

    client.get(f"/admin/accounts/user/{reception.pk}/change/")

    assert not CitizenAccountAccess.objects.exists()
