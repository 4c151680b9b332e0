"""A paperless day at the counter: said on the screen, the receipt as a QR, and
counted in the hall's figures. The suite's day is Tuesday 17/11/2026."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from motcua.backoffice.tests.test_counter import post_data
from motcua.queueing.models import DayPolicy

pytestmark = pytest.mark.django_db


def test_a_paperless_tuesday_shows_a_qr_instead_of_the_receipt(client, world):
    DayPolicy.objects.create(
        service_point=world.point,
        name="Thứ Ba không viết, không giấy hẹn",
        weekdays="1",
        no_paper_receipt=True,
        prefilled_declaration=True,
    )
    client.force_login(world.officer)
    counter = client.get(reverse("backoffice:counter")).content.decode()
    assert 'id="day-policy"' in counter
    assert "Thứ Ba không viết, không giấy hẹn" in counter
    received = client.post(reverse("backoffice:counter"), post_data(world))
    page = client.get(received["Location"]).content.decode()
    assert 'id="paperless-receipt"' in page
    assert 'data-testid="receipt-qr"' in page
    assert 'data-testid="print-receipt"' not in page
    # No hand-written declaration: the request prints prefilled, to sign.
    assert 'data-testid="print-request"' in page
    code = received["Location"].split("/")[-2]
    pdf = client.get(reverse("backoffice:dossier_form", args=[code, "TK"]))
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(
        part.extract_text() for part in PdfReader(io.BytesIO(pdf.content)).pages
    )
    assert "ĐƠN ĐỀ NGHỊ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text
    assert "Trần Thị Hương" in text and "001190012345" in text
    assert world.procedure.name in text

    client.force_login(world.leader)
    stats = client.get(
        reverse("backoffice:hall_stats", args=[world.point.code]),
        {"start": "17/11/2026", "end": "17/11/2026"},
    ).content.decode()
    assert 'data-testid="paper-saved">1<' in stats
    assert 'data-testid="prefilled">1<' in stats


def test_an_ordinary_day_prints_the_receipt(client, world):
    DayPolicy.objects.create(
        service_point=world.point,
        name="Thứ Sáu xanh",
        weekdays="4",
        no_paper_receipt=True,
    )
    client.force_login(world.officer)
    assert (
        'id="day-policy"'
        not in client.get(reverse("backoffice:counter")).content.decode()
    )
    received = client.post(reverse("backoffice:counter"), post_data(world))
    page = client.get(received["Location"]).content.decode()
    assert 'data-testid="print-receipt"' in page
