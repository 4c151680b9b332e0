"""The register of dossiers (form 07) from the back office."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from pypdf import PdfReader

from motcua.dossiers.tests.factories import World, vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return World()


def test_an_officer_downloads_the_register_as_pdf_and_excel(client, world):
    dossier = world.receive(vn(2026, 3, 2, 9))
    client.force_login(world.officer)
    params = {"agency": world.agency.code, "start": "2026-03-01", "end": "2026-03-31"}
    pdf = client.get("/registers/", {**params, "format": "pdf"})
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages
    )
    assert dossier.code in text.replace("\n", "")
    xlsx = client.get("/registers/", {**params, "format": "xlsx"})
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert dossier.code in {
        str(cell.value) for row in sheet.iter_rows() for cell in row
    }


def test_a_period_that_ends_before_it_starts_is_explained(client, world):
    client.force_login(world.officer)
    response = client.get(
        "/registers/",
        {"agency": world.agency.code, "start": "2026-03-31", "end": "2026-03-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_a_specialist_may_not_read_the_register(client, world):
    client.force_login(world.specialist)
    response = client.get("/registers/", {"agency": world.agency.code})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_another_agency_is_not_offered(client, world):
    client.force_login(world.officer)
    response = client.get("/registers/", {"agency": world.other.code})
    assert response.status_code == 200
    assert "agency" in response.context["form"].errors
