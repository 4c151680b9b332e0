"""Agency administrators edit their own agency's internal processes in the admin."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from motcua.accounts.models import User
from motcua.procedures.models import InternalProcess, Procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency_admin_client(client, db):
    call_command("seed_demo", "--own-seed", verbosity=0)
    client.force_login(User.objects.get(username="agency_admin"))
    return client


def test_an_agency_admin_makes_and_edits_their_own_internal_process(
    agency_admin_client,
):
    procedure = Procedure.objects.get(code="1.001193")
    response = agency_admin_client.post(
        "/admin/procedures/procedure/",
        {
            "action": "copy_process_for_my_agencies",
            "_selected_action": [procedure.pk],
        },
    )
    assert response.status_code == 302
    own = InternalProcess.objects.get(procedure=procedure, agency__code="H26.00004")
    listing = agency_admin_client.get("/admin/procedures/internalprocess/")
    assert [p.pk for p in listing.context["cl"].result_list] == [own.pk]
    assert (
        agency_admin_client.get(
            f"/admin/procedures/internalprocess/{own.pk}/change/"
        ).status_code
        == 200
    )
