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


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_long_register_prints_in_numbered_parts(client, world, settings):
    settings.MOTCUA_REGISTER_PDF_ROWS = 2
    codes = [world.receive(vn(2026, 3, 2, 9, minute)).code for minute in range(5)]
    client.force_login(world.officer)
    params = {"agency": world.agency.code, "start": "01/03/2026", "end": "31/03/2026"}

    choose = client.get("/registers/", {**params, "format": "pdf"})

    assert choose.status_code == 200
    assert choose["Content-Type"].startswith("text/html")
    links = [link for link, _first, _last in choose.context["parts"]]
    assert len(links) == 3
    part = client.get(f"/registers/{links[1]}")
    assert part.status_code == 200
    assert part["Content-Type"] == "application/pdf"
    assert "2of3" in part["Content-Disposition"]
    text = pdf_text(part.content).replace("\n", "")
    assert "Phần 2/3" in text
    ordered = sorted(codes)
    assert ordered[2] in text and ordered[3] in text
    assert ordered[0] not in text and ordered[4] not in text
    # Excel keeps the whole register in one file.
    xlsx = client.get("/registers/", {**params, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = {str(cell.value) for row in sheet.iter_rows() for cell in row}
    assert set(codes) <= cells


def test_a_part_that_does_not_exist_is_explained(client, world, settings):
    settings.MOTCUA_REGISTER_PDF_ROWS = 2
    world.receive(vn(2026, 3, 2, 9))
    client.force_login(world.officer)
    params = {"agency": world.agency.code, "start": "01/03/2026", "end": "31/03/2026"}

    response = client.get("/registers/", {**params, "format": "pdf", "part": "7"})

    assert response.status_code == 200
    assert response.context["form"].errors["part"]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("01/01/0001", "31/01/0001"),
        ("01/01/2025", "31/03/2026"),
        ("01/01/9999", "02/01/9999"),
    ],
)
def test_a_period_out_of_range_is_explained(client, world, start, end):
    client.force_login(world.officer)
    response = client.get(
        "/registers/", {"agency": world.agency.code, "start": start, "end": end}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
