from __future__ import annotations

import pytest

from motcua.agencies.models import StaffRole
from motcua.core.errors import InvalidInput, NotFound
from motcua.dossiers import services as s
from motcua.dossiers.access import dossier_get_for_user
from motcua.dossiers.models import PersonalDataAccess
from motcua.dossiers.tests.factories import AgencyFactory, staff, vn

NOW = vn(2026, 3, 2, 9)


def test_staff_of_the_competent_agency_load_the_dossier_and_the_access_is_logged(world):
    dossier = world.receive(NOW)

    loaded = dossier_get_for_user(
        user=world.specialist, code=dossier.code, purpose="view", now=NOW
    )

    assert loaded.applicant_id_number == "001190012345"
    access = PersonalDataAccess.objects.get()
    assert (access.user, access.dossier, access.at, access.purpose) == (
        world.specialist,
        dossier,
        NOW,
        "view",
    )


def test_a_dossier_of_another_agency_is_not_found_rather_than_forbidden(world):
    dossier = world.receive(NOW)
    stranger = staff(AgencyFactory.create(), StaffRole.AGENCY_LEADER)

    with pytest.raises(NotFound):
        dossier_get_for_user(user=stranger, code=dossier.code, purpose="view", now=NOW)
    with pytest.raises(NotFound):
        dossier_get_for_user(user=stranger, code="NO-SUCH", purpose="view", now=NOW)
    assert not PersonalDataAccess.objects.exists()


def test_an_agency_a_leg_was_sent_to_may_see_the_dossier(world):
    dossier = world.processing(NOW)
    with pytest.raises(NotFound):
        dossier_get_for_user(
            user=world.other_staff, code=dossier.code, purpose="view", now=NOW
        )
    s.dossier_send_to_agency(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=NOW,
        agencies=[world.other],
    )

    loaded = dossier_get_for_user(
        user=world.other_staff, code=dossier.code, purpose="reply", now=NOW
    )

    assert loaded == dossier


def test_an_access_needs_a_purpose(world):
    dossier = world.receive(NOW)
    with pytest.raises(InvalidInput):
        dossier_get_for_user(user=world.leader, code=dossier.code, purpose=" ", now=NOW)
