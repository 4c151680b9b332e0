""" "My papers": add by upload (checked by content), list, download, remove."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from motcua.citizens.models import StoredPaper
from motcua.citizens.services import stored_paper_add
from motcua.citizens.tests.factories import NOW, citizen

PAPERS = "/cong-dan/giay-to-cua-toi/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def huong(client):
    user = citizen()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return user


def png(name="khai-sinh.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def html(response):
    return response.content.decode()


def test_the_page_lists_nothing_yet_and_offers_a_labelled_upload_form(client, huong):
    response = client.get(PAPERS)

    page = html(response)
    assert response.status_code == 200
    assert 'id="no-papers"' in page
    assert 'enctype="multipart/form-data"' in page
    assert '<label for="id_name">' in page
    assert '<label for="id_file">' in page
    assert "<script" not in page


def test_a_citizen_adds_a_paper_and_finds_it_in_the_list(client, huong, media):
    response = client.post(PAPERS, {"name": "Giấy khai sinh", "file": png()})

    assert response.status_code == 302
    assert response["Location"] == PAPERS
    paper = StoredPaper.objects.get(owner=huong)
    assert (paper.kind, paper.content_type) == ("upload", "image/png")
    assert paper.size > 0 and len(paper.sha256) == 64
    assert paper.file.name.startswith("papers/") and paper.file.name.endswith(".png")
    page = html(client.get(PAPERS))
    assert "Giấy khai sinh" in page
    assert f'href="/cong-dan/giay-to-cua-toi/{paper.pk}/tep/"' in page
    assert "The paper is kept in your data store." in page


def test_a_file_that_is_not_a_pdf_or_picture_is_refused_with_its_name(client, huong):
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf")

    response = client.post(PAPERS, {"name": "Giấy khai sinh", "file": fake})

    page = html(response)
    assert response.status_code == 400
    assert 'id="file-errors"' in page
    assert "virus.pdf" in page
    assert not StoredPaper.objects.exists()


def test_a_paper_needs_a_name_and_a_file(client, huong):
    response = client.post(PAPERS, {"name": ""})

    page = html(response)
    assert response.status_code == 400
    assert 'id="name-errors"' in page
    assert 'id="file-errors"' in page


def test_the_owner_downloads_the_file_as_an_attachment(client, huong):
    client.post(PAPERS, {"name": "Giấy khai sinh", "file": png()})
    paper = StoredPaper.objects.get()

    response = client.get(f"{PAPERS}{paper.pk}/tep/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == (
        'attachment; filename="giay-khai-sinh.png"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_nobody_else_downloads_or_removes_the_paper(client, huong):
    theirs = stored_paper_add(
        owner=citizen(id_number="001090054321", phone="0987654321"),
        name="Bằng lái xe",
        kind="upload",
        now=NOW,
        file_name=default_storage.save("x/bang.pdf", ContentFile(b"%PDF-1.4")),
    )

    assert client.get(f"{PAPERS}{theirs.pk}/tep/").status_code == 404
    assert client.post(f"{PAPERS}{theirs.pk}/xoa/").status_code == 404
    assert client.get(f"{PAPERS}999999/tep/").status_code == 404
    assert "Bằng lái xe" not in html(client.get(PAPERS))
    assert StoredPaper.objects.filter(pk=theirs.pk).exists()


def test_a_result_on_paper_has_nothing_to_download(client, huong):
    result = stored_paper_add(
        owner=huong, name="Giấy xác nhận", kind="result", now=NOW, number="7/2026"
    )

    assert client.get(f"{PAPERS}{result.pk}/tep/").status_code == 404
    assert "7/2026" in html(client.get(PAPERS))


def test_removing_a_paper_keeps_the_file_in_storage(client, huong):
    client.post(PAPERS, {"name": "Giấy khai sinh", "file": png()})
    paper = StoredPaper.objects.get()
    assert client.get(f"{PAPERS}{paper.pk}/xoa/").status_code == 405

    response = client.post(f"{PAPERS}{paper.pk}/xoa/")

    assert response.status_code == 302
    assert not StoredPaper.objects.exists()
    assert default_storage.exists(paper.file.name)
    assert 'id="no-papers"' in html(client.get(PAPERS))


def test_uploading_the_same_file_twice_keeps_it_once(client, huong):
    client.post(PAPERS, {"name": "Giấy khai sinh", "file": png()})
    client.post(PAPERS, {"name": "Giấy khai sinh (lại)", "file": png("again.png")})

    assert StoredPaper.objects.count() == 1
