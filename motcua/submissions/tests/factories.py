"""Test data of online filing: an online procedure at one ward, a citizen."""

from __future__ import annotations

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from motcua.citizens.services import citizen_sign_up
from motcua.dossiers.tests.factories import World, vn
from motcua.procedures.choices import Channel, OnlineLevel
from motcua.procedures.models import ProcedureAgency, ProcedureChannel, RequiredPaper

NOW = vn(2026, 3, 2, 9)


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def png_bytes() -> bytes:
    out = BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, format="PNG")
    return out.getvalue()


def pdf_upload(name: str = "to-khai.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def png_upload(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


class OnlineWorld(World):
    """World, with the procedure filed online at the ward for a fee."""

    def __init__(self, *, fee: int = 0) -> None:
        super().__init__()
        procedure = self.procedure
        procedure.online_level = OnlineLevel.FULL
        procedure.save(update_fields=["online_level"])
        ProcedureAgency.objects.create(procedure=procedure, agency=self.agency)
        ProcedureChannel.objects.create(
            procedure=procedure,
            position=1,
            channel=Channel.ONLINE,
            time_amount=5,
            time_unit="working_days",
            fee_text="Lệ phí 20.000 đồng" if fee else "Miễn phí",
            fee_amount_vnd=fee or None,
        )
        # A third paper the population database holds (Decree 45/2020 Art. 4).
        RequiredPaper.objects.create(
            procedure=procedure, position=3, name="Thẻ Căn cước", originals=1
        )
        self.items = list(procedure.papers.filter(is_note=False).order_by("position"))
        self.citizen = citizen_sign_up(
            full_name="Trần Thị Hương",
            id_number="001190012345",
            phone="0912345678",
            email="huong@example.vn",
            password="Khong-doan-duoc-2026",
            now=NOW,
        )


def other_citizen():
    """A second citizen account, to check that drafts and papers stay private."""
    return citizen_sign_up(
        full_name="Lê Văn Nam",
        id_number="001090054321",
        phone="0987654321",
        email="",
        password="Mot-mat-khau-kho-2026",
        now=NOW,
    )
