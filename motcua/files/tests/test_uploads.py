"""Checking uploads by content: real PDFs and pictures, and what is refused."""

from __future__ import annotations

import hashlib
import importlib
import io

import pytest
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from motcua.core.errors import InvalidInput
from motcua.files.uploads import ALLOWED, CheckedUpload, upload_check


def pdf_bytes(pages: int = 1, password: str = "") -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)  # A4 in points
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(fmt: str, size: tuple[int, int] = (120, 80)) -> bytes:
    image = Image.new("RGB", size, (165, 22, 29))
    for x in range(size[0]):  # some detail, so the data is not trivially short
        image.putpixel((x, x % size[1]), (x % 256, 200, 255 - x % 256))
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def mpo_bytes() -> bytes:
    """A multi-picture JPEG, as many phone cameras write."""
    first, second = Image.new("RGB", (64, 48), "red"), Image.new("RGB", (64, 48))
    out = io.BytesIO()
    first.save(out, "MPO", save_all=True, append_images=[second])
    return out.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def refusal(file: File[bytes], **kwargs: int) -> str:
    with pytest.raises(InvalidInput) as caught:
        upload_check(file, **kwargs)
    return str(caught.value.message)


@pytest.mark.parametrize(
    ("name", "content", "kind", "extension"),
    [
        ("giay-to.pdf", pdf_bytes(pages=2), "pdf", "pdf"),
        ("ANH.JPG", image_bytes("JPEG"), "jpeg", "jpg"),
        ("anh.jpeg", image_bytes("JPEG"), "jpeg", "jpg"),
        ("tai-ve.jfif", image_bytes("JPEG"), "jpeg", "jpg"),
        ("so-do.png", image_bytes("PNG"), "png", "png"),
        ("camera.jpg", mpo_bytes(), "jpeg", "jpg"),
        ("scan-without-extension", pdf_bytes(), "pdf", "pdf"),
    ],
)
def test_a_real_file_is_accepted_with_its_type_size_and_hash(
    name, content, kind, extension
):
    file = upload(name, content)

    checked = upload_check(file)

    assert checked == CheckedUpload(
        kind=kind,
        content_type=ALLOWED[kind],
        extension=extension,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    assert file.tell() == 0  # rewound, ready to be saved
    assert file.read() == content


def test_a_file_read_from_disk_is_hashed_in_chunks_and_rewound(tmp_path):
    content = pdf_bytes(pages=800)
    path = tmp_path / "big.pdf"
    path.write_bytes(content)

    with path.open("rb") as handle:
        file = File(handle, name="big.pdf")
        checked = upload_check(file)
        assert handle.tell() == 0

    assert checked.size == len(content) > 64 * 1024
    assert checked.sha256 == hashlib.sha256(content).hexdigest()


def test_an_empty_file_is_refused_by_name():
    assert refusal(upload("trong.pdf", b"")) == "The file “trong.pdf” is empty."


def test_a_file_over_the_limit_is_refused_with_the_limit_in_mb():
    content = pdf_bytes()

    message = refusal(upload("lon.pdf", content), max_bytes=len(content) - 1)

    assert message.startswith("The file “lon.pdf” is larger than 0.00")
    assert message.endswith(" MB.")


def test_the_limit_comes_from_the_settings_in_whole_megabytes(settings):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    content = b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024)

    message = refusal(upload("ho-so.pdf", content))

    assert message == "The file “ho-so.pdf” is larger than 2 MB."


def test_the_default_limit_is_ten_megabytes(settings, monkeypatch):
    # The default stands once, in the settings module (read without the env).
    monkeypatch.delenv("MOTCUA_UPLOAD_MAX_BYTES", raising=False)
    base = importlib.reload(importlib.import_module("config.settings.base"))
    settings.MOTCUA_UPLOAD_MAX_BYTES = base.MOTCUA_UPLOAD_MAX_BYTES
    content = image_bytes("PNG") + b"\0" * (10 * 1024 * 1024)

    assert refusal(upload("anh.png", content)).endswith("larger than 10 MB.")


def test_a_text_file_renamed_pdf_is_not_a_pdf():
    message = refusal(upload("don.pdf", "Tôi tên là Nguyễn Văn A".encode()))

    assert message == "The file “don.pdf” is not a PDF, JPEG or PNG."


def test_a_program_renamed_pdf_is_not_a_pdf():
    program = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200

    assert "is not a PDF, JPEG or PNG" in refusal(upload("setup.exe.pdf", program))


def test_the_browser_content_type_is_not_trusted():
    file = SimpleUploadedFile("a.pdf", b"<html>hello</html>", "application/pdf")

    assert "not a PDF, JPEG or PNG" in refusal(file)


@pytest.mark.parametrize(
    ("name", "content", "extension", "kind"),
    [
        ("anh.pdf", image_bytes("PNG"), "pdf", "PNG"),
        ("giay.png", pdf_bytes(), "png", "PDF"),
        ("anh.png", image_bytes("JPEG"), "png", "JPEG"),
        ("giay.pdf.exe", pdf_bytes(), "exe", "PDF"),
    ],
)
def test_a_name_that_claims_another_type_is_refused(name, content, extension, kind):
    message = refusal(upload(name, content))

    assert message == (
        f"The file “{name}” is named .{extension} but is a {kind} file. "
        "Rename it or choose the right file."
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cut.pdf", pdf_bytes()[: len(pdf_bytes()) // 2]),
        ("cut-end.pdf", pdf_bytes()[:-12]),
        ("only-header.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        ("cut.png", image_bytes("PNG")[:-20]),
        ("cut.jpg", image_bytes("JPEG")[:-40]),
        ("half.jpg", image_bytes("JPEG")[: len(image_bytes("JPEG")) // 2]),
        ("header.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 100),
    ],
)
def test_a_truncated_or_broken_file_is_refused_as_damaged(name, content):
    message = refusal(upload(name, content))

    assert message == (
        f"The file “{name}” is damaged or incomplete and cannot be opened."
    )


def test_an_encrypted_pdf_is_refused_with_its_own_message():
    message = refusal(upload("mat-khau.pdf", pdf_bytes(password="secret")))

    assert message == (
        "The file “mat-khau.pdf” is protected by a password. Save it without "
        "protection and upload it again."
    )


def test_a_pdf_without_pages_is_refused():
    assert refusal(upload("rong.pdf", pdf_bytes(pages=0))) == (
        "The file “rong.pdf” has no pages."
    )


@pytest.mark.parametrize(
    "size",
    [
        (12, 12),  # 144 pixels: over the limit, Pillow warns
        (40, 40),  # 1,600 pixels: over twice the limit, Pillow refuses
    ],
)
def test_a_decompression_bomb_is_refused(monkeypatch, size):
    content = image_bytes("PNG", size)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)

    message = refusal(upload("bom.png", content))

    assert message == (
        "The picture “bom.png” is too large in pixels to be opened safely."
    )


def test_a_picture_just_under_the_pixel_limit_is_accepted(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)

    assert upload_check(upload("nho.jpg", image_bytes("JPEG", (10, 10)))).kind == "jpeg"


def test_the_name_in_messages_has_no_folders():
    file = ContentFile(b"plain text", name="/home/an/Desktop/don.pdf")

    assert refusal(file) == "The file “don.pdf” is not a PDF, JPEG or PNG."


def test_a_cut_jpeg_is_refused_even_when_pillow_pads_cut_pictures(monkeypatch):
    # WeasyPrint, in the same process, turns this on for every Pillow user.
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    whole = image_bytes("JPEG")
    with pytest.raises(InvalidInput, match="damaged"):
        upload_check(SimpleUploadedFile("cut.jpg", whole[:-40]))
    assert upload_check(SimpleUploadedFile("whole.jpg", whole)).kind == "jpeg"
