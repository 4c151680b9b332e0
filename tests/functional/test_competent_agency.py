"""The counter names the agency that decides, as a Hanoi branch needs it.

The demo is Hanoi's shape: a one-level city centre whose branches receive for
every ward's People's Committee and police and for the city departments
(Decree 118/2025 Art. 14). A commune-level procedure received at a branch is
decided by a ward, never by the centre; the list offers only those that decide.
"""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.agencies.models import Agency, ServicePoint
from motcua.core.errors import InvalidInput
from motcua.demo.seeding import DEMO_PROCEDURES, demo_seed
from motcua.dossiers.competence import competent_agencies, competent_agency_default
from motcua.dossiers.services import dossier_create_at_counter
from motcua.dossiers.tests.factories import all_ticks, applicant
from motcua.procedures.models import Procedure
from motcua.procedures.selectors import case_headings

# The suite's fixed clock (conftest.FIXED_NOW): never the day the tests run.
SUITE_NOW = datetime(2026, 11, 17, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

pytestmark = pytest.mark.django_db


@pytest.fixture
def hanoi():
    out = io.StringIO()
    demo_seed(use_shared=False, stdout=out, stderr=out)
    return ServicePoint.objects.select_related("agency", "unit").get(code="HN-CN01")


def procedure(key: str) -> Procedure:
    return Procedure.objects.get(code=DEMO_PROCEDURES[key])


def test_birth_registration_at_a_branch_is_decided_by_the_branchs_ward(hanoi):
    birth = procedure("birth")

    choices = competent_agencies(birth, hanoi)
    proposed = competent_agency_default(birth, hanoi)

    assert {agency.level for agency in choices} == {"commune"}
    assert all(agency.kind == "peoples_committee" for agency in choices)
    assert hanoi.agency not in choices  # the centre receives, it does not decide
    assert proposed is not None and proposed.unit_id == hanoi.unit_id


def test_the_applicants_commune_chooses_among_the_wards(hanoi):
    birth = procedure("birth")
    other = next(a for a in competent_agencies(birth, hanoi) if a.unit != hanoi.unit)

    proposed = competent_agency_default(birth, hanoi, unit_id=other.unit_id)

    assert proposed == other


def test_residence_is_decided_by_the_wards_police(hanoi):
    residence = procedure("residence")

    proposed = competent_agency_default(residence, hanoi)

    assert proposed is not None
    assert (proposed.kind, proposed.unit_id) == ("police", hanoi.unit_id)


def test_the_counter_receives_for_the_proposed_ward_and_refuses_the_centre(hanoi):
    birth = procedure("birth")
    officer = hanoi.agency.assignments.get(role="reception_officer").user
    values = {
        "actor": officer,
        "now": SUITE_NOW,
        "procedure": birth,
        "service_point": hanoi,
        "applicant": applicant(),
        "papers": all_ticks(birth),
    }

    dossier = dossier_create_at_counter(**values, case_heading=_case(birth))
    with pytest.raises(InvalidInput) as refused:
        dossier_create_at_counter(
            **values, case_heading=_case(birth), competent_agency=hanoi.agency
        )

    assert dossier.competent_agency.unit_id == hanoi.unit_id
    assert dossier.competent_agency.level == "commune"
    assert "competent_agency" in refused.value.field_errors
    assert Agency.objects.get(pk=hanoi.agency.pk).kind == "one_level_centre"


def _case(birth: Procedure) -> str:
    headings = case_headings(birth)
    return headings[0] if headings else ""
