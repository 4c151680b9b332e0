"""Hostile uploads: active PDFs, polyglots, data after the end, unsafe names."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from motcua.files.tests.test_uploads import (
    image_bytes,
    pdf_bytes,
    refusal,
    upload,
)
from motcua.files.uploads import safe_display_name, upload_check


def written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_opening_with(kind: str, key: str, value: str) -> bytes:
    """A one-page PDF whose open action is ``/S kind`` with ``key value``."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject(kind),
            NameObject(key): TextStringObject(value),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return written(writer)


def pdf_with_javascript() -> bytes:
    return pdf_opening_with("/JavaScript", "/JS", "app.alert('x');")


def pdf_with_launch_action() -> bytes:
    return pdf_opening_with("/Launch", "/F", "cmd.exe")


def pdf_with_attachment() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("run.exe", b"MZ not really")
    return written(writer)


def pdf_html_polyglot() -> bytes:
    head, rest = pdf_bytes().split(b"\n", 1)
    return head + b"\n%<html><script>alert(document.cookie)</script>\n" + rest


HTML_PAGE = b"<html><body><script>alert(1)</script></body></html>"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("js.pdf", pdf_with_javascript(), "scripts, actions or attached files"),
        ("launch.pdf", pdf_with_launch_action(), "scripts, actions or attached files"),
        ("attached.pdf", pdf_with_attachment(), "scripts, actions or attached files"),
        ("polyglot.pdf", pdf_html_polyglot(), "scripts, actions or attached files"),
        ("then-html.pdf", pdf_bytes() + HTML_PAGE, "extra data after its end"),
        ("then-html.jpg", image_bytes("JPEG") + HTML_PAGE, "extra data after its end"),
        ("then-html.png", image_bytes("PNG") + HTML_PAGE, "extra data after its end"),
        ("then-bytes.jpg", image_bytes("JPEG") + b"\x01\x02\x03", "extra data"),
    ],
)
def test_active_or_appended_content_is_refused(name, content, expected):
    assert expected in refusal(upload(name, content))


def test_zero_padding_after_a_picture_is_harmless():
    checked = upload_check(upload("padded.jpg", image_bytes("JPEG") + b"\x00" * 64))
    assert checked.kind == "jpeg"


def test_a_plain_pdf_is_still_accepted():
    assert upload_check(upload("ok.pdf", pdf_bytes(pages=3))).kind == "pdf"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("<img src=x onerror=alert(1)>.pdf", "img src=x onerror=alert(1) .pdf"),
        ("../../etc/passwd", "passwd"),
        ("..\\\\..\\\\windows\\\\giay to.pdf", "giay to.pdf"),
        ("giay\x00to.pdf", "giay to.pdf"),
        ("Tờ khai.pdf", "Tờ khai.pdf"),
        ("Te\u0302\u0301t.pdf", "Tết.pdf".replace("Tết", "T\u1ebft")),
        ("...", ""),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
    ],
)
def test_a_shown_name_keeps_no_path_markup_or_controls(raw, shown):
    assert safe_display_name(raw) == shown


def test_a_refusal_names_the_file_safely():
    message = refusal(upload("<b>x</b>.exe", b"MZ"))
    assert "<" not in message


def test_markup_hidden_in_a_pictures_comment_is_refused():
    jpeg = image_bytes("JPEG")
    comment = b"<html><script>alert(1)</script>"
    segment = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
    hostile = jpeg[:2] + segment + jpeg[2:]
    assert "scripts, actions" in refusal(upload("comment.jpg", hostile))
