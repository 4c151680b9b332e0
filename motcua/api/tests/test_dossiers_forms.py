"""Printed forms through the API: PDFs that parse and carry the dossier code."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook  # type: ignore[import-untyped]
from pypdf import PdfReader

from motcua.dossiers.tests.factories import dossier_in_state

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("number", ["01", "06"])
def test_forms_01_and_06_are_pdfs_with_the_dossier_code(world, as_staff, number):
    code = dossier_in_state(world, "approval", timezone.now()).code
    response = as_staff("officer").get(f"/dossiers/{code}/forms/{number}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"{code}-{number}.pdf" in response["Content-Disposition"]
    assert code in pdf_text(response.content).replace("\n", "")


def test_a_form_that_does_not_apply_yet_is_not_found(world, as_staff):
    code = dossier_in_state(world, "processing", timezone.now()).code
    officer = as_staff("officer")
    for number in ("02", "03", "04", "05", "09"):
        response = officer.get(f"/dossiers/{code}/forms/{number}.pdf")
        assert response.status_code == 404, number
        assert response.json()["detail"]


def test_the_apology_prints_once_issued(world, as_staff):
    dossier = dossier_in_state(world, "processing", timezone.now())
    leader = as_staff("leader")
    assert dossier.deadline_at is not None
    new_date = dossier.deadline_at + timedelta(days=7)
    response = leader.act(
        dossier.code,
        "apologise",
        reason="Cần xác minh",
        new_deadline_at=new_date.isoformat(),
    )
    assert response.status_code == 200, response.json()
    assert response.json()["new_deadline_at"] is not None
    form = leader.get(f"/dossiers/{dossier.code}/forms/04.pdf")
    assert form.status_code == 200
    assert dossier.code in pdf_text(form.content).replace("\n", "")


def test_a_naive_new_date_is_refused_with_422(world, as_staff):
    dossier = dossier_in_state(world, "processing", timezone.now())
    response = as_staff("leader").act(
        dossier.code,
        "apologise",
        reason="Cần xác minh",
        new_deadline_at="2099-01-01T08:00",
    )
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"new_deadline_at"}


def test_the_register_lists_the_dossiers_received_in_the_period(world, as_staff):
    code = dossier_in_state(world, "processing", timezone.now()).code
    officer = as_staff("officer")
    today = timezone.localdate()
    params = {"start": today.isoformat(), "end": today.isoformat()}
    sheet = officer.get(f"/registers/{world.agency.code}.xlsx", **params)
    assert sheet.status_code == 200
    book = load_workbook(io.BytesIO(sheet.content))
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row]
    assert code in cells
    pdf = officer.get(f"/registers/{world.agency.code}.pdf", **params)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    backwards = officer.get(
        f"/registers/{world.agency.code}.pdf",
        start=today.isoformat(),
        end=(today - timedelta(days=1)).isoformat(),
    )
    assert backwards.status_code == 422


def test_a_long_register_comes_in_parts_the_header_counts(world, as_staff, settings):
    settings.MOTCUA_REGISTER_PDF_ROWS = 1
    for _ in range(2):
        dossier_in_state(world, "processing", timezone.now())
    officer = as_staff("officer")
    today = timezone.localdate().isoformat()
    url = f"/registers/{world.agency.code}.pdf"

    first = officer.get(url, start=today, end=today)
    second = officer.get(url, start=today, end=today, part=2)
    beyond = officer.get(url, start=today, end=today, part=3)

    assert first.status_code == second.status_code == 200
    assert first["X-Register-Parts"] == second["X-Register-Parts"] == "2"
    assert "Phần 1/2" in pdf_text(first.content)
    assert "Phần 2/2" in pdf_text(second.content)
    assert beyond.status_code == 422
    assert "part" in beyond.json()["errors"]
    too_long = officer.get(url, start="2024-01-01", end=today)
    assert too_long.status_code == 422
