"""The printed forms follow the dossier page's personal-data rule, and log it."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from motcua.agencies.models import StaffRole
from motcua.api.tests.test_dossiers_support import Callers
from motcua.dossiers.models import PersonalDataAccess
from motcua.dossiers.tests.factories import AgencyFactory, World, staff, vn

pytestmark = pytest.mark.django_db

ID_NUMBER, PHONE, ADDRESS = "001190012345", "0912345678", "12 Hàng Bạc"


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "".join(page.extract_text() for page in reader.pages).replace("\n", "")


class Supervised(World):
    """The world, its ward under a city with a city supervisor."""

    def __init__(self) -> None:
        super().__init__()
        city = AgencyFactory.create(code="000.00.00.H00", name="UBND Thành phố")
        self.agency.parent = city
        self.agency.save(update_fields=["parent"])
        self.supervisor = staff(city, StaffRole.CITY_SUPERVISOR, username="supervisor")


@pytest.fixture
def supervised(db):
    return Supervised()


def test_a_supervisor_prints_form_01_with_the_name_only(client, supervised):
    dossier = supervised.receive(vn(2026, 3, 2, 9))
    url = f"/dossiers/{dossier.code}/forms/01.pdf"

    client.force_login(supervised.supervisor)
    masked = pdf_text(client.get(url).content)
    client.force_login(supervised.officer)
    full = pdf_text(client.get(url).content)

    assert "Trần Thị Hương" in masked and "Trần Thị Hương" in full
    for personal in (ID_NUMBER, PHONE):
        assert personal in full
        assert personal not in masked


def test_the_api_prints_form_01_by_the_same_rule(client, supervised):
    dossier = supervised.receive(vn(2026, 3, 2, 9))
    caller = Callers(supervised)("supervisor")

    response = caller.get(f"/dossiers/{dossier.code}/forms/01.pdf")

    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Trần Thị Hương" in text
    assert ID_NUMBER not in text and PHONE not in text


def test_the_register_masks_rows_for_a_supervisor_and_logs_the_officers(
    client, supervised
):
    dossier = supervised.receive(vn(2026, 3, 2, 9))
    params = {
        "agency": supervised.agency.code,
        "start": "01/03/2026",
        "end": "31/03/2026",
        "format": "pdf",
    }

    client.force_login(supervised.supervisor)
    masked = pdf_text(client.get("/registers/", params).content)
    client.force_login(supervised.officer)
    full = pdf_text(client.get("/registers/", params).content)

    assert dossier.code in masked and dossier.code in full
    assert PHONE in full and PHONE not in masked
    assert ADDRESS not in masked
    logged = PersonalDataAccess.objects.filter(purpose="register 07")
    assert list(logged.values_list("user__username", "dossier__code")) == [
        ("officer", dossier.code)
    ]
