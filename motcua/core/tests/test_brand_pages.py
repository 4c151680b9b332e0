"""The kit reaches every page: back office, portal, /brand/, admin."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from motcua.core.models import BrandKit
from motcua.core.tests.factories import KIT, brand_kit_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png_logo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#0b4f8a").save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize("url", ["/login/", "/tra-cuu/", "/brand/"])
def test_changing_the_kit_changes_the_page(client, url):
    before = client.get(url).content.decode()
    assert KIT["unit_name"] not in before

    brand_kit_make()
    html = client.get(url).content.decode()

    assert KIT["system_name"] in html
    assert KIT["unit_name"] in html
    assert KIT["hotline"] in html
    assert "--brand-primary: #0b4f8a;" in html
    assert "--size-body: 18px;" in html


@pytest.mark.parametrize("url", ["/login/", "/tra-cuu/"])
def test_the_kit_variables_come_after_the_default_stylesheet(client, url):
    html = client.get(url).content.decode()

    assert html.index("motcua/brand.css") < html.index('<style id="brand-kit">')
    assert html.index('<style id="brand-kit">') < html.index("</head>")


def test_the_logo_shows_in_the_header_when_set(client):
    brand_kit_make(logo=png_logo())

    html = client.get("/tra-cuu/").content.decode()

    assert ".brand-name::before" in html
    assert 'url("data:image/png;base64,' in html


def test_the_brand_page_shows_names_colours_sizes_and_components(client):
    brand_kit_make(logo=png_logo())

    response = client.get("/brand/")

    html = response.content.decode()
    assert response.status_code == 200
    assert KIT["slogan"] in html
    assert '<img class="logo" id="kit-logo" src="data:image/png;base64,' in html
    assert "<code>#0b4f8a</code>" in html
    assert "8,40:1" in html  # white on #0b4f8a, Vietnamese decimal comma
    assert "2rem" in html
    for component in ("judgement-early", "judgement-on_time", "judgement-late"):
        assert component in html
    assert "state-due_soon" in html
    assert '<label for="sample-code">' in html
    assert 'class="errorlist"' in html
    assert "<table>" in html
    assert 'class="brand-bar"' in html
    assert "<script" not in html


def test_the_brand_page_works_without_a_row(client):
    response = client.get("/brand/")

    assert response.status_code == 200
    assert "<code>#a5161d</code>" in response.content.decode()


def test_the_admin_add_page_renders_for_a_superuser(admin_client):
    response = admin_client.get("/admin/core/brandkit/add/")

    assert response.status_code == 200
    assert 'name="primary_colour"' in response.content.decode()


def test_the_admin_change_page_renders_and_saves_the_kit(admin_client):
    kit = brand_kit_make()
    url = f"/admin/core/brandkit/{kit.pk}/change/"
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(url, {**KIT, "hotline": "1800 1000"})

    assert response.status_code == 302
    kit.refresh_from_db()
    assert kit.hotline == "1800 1000"
    assert "1800 1000" in admin_client.get("/brand/").content.decode()


def test_the_admin_shows_the_contrast_error(admin_client):
    kit = brand_kit_make()
    url = f"/admin/core/brandkit/{kit.pk}/change/"

    response = admin_client.post(url, {**KIT, "primary_colour": "#ffd24d"})

    assert response.status_code == 200
    assert "yêu cầu tối thiểu 4.5:1" in response.content.decode()  # admin speaks vi


def test_the_admin_has_no_add_once_the_kit_exists_and_no_delete(admin_client):
    kit = brand_kit_make()

    assert admin_client.get("/admin/core/brandkit/add/").status_code == 403
    delete = admin_client.get(f"/admin/core/brandkit/{kit.pk}/delete/")
    assert delete.status_code == 403


def test_the_admin_list_goes_straight_to_the_kit(admin_client):
    kit = brand_kit_make()

    response = admin_client.get("/admin/core/brandkit/")

    assert response.status_code == 302
    assert response["Location"] == f"/admin/core/brandkit/{kit.pk}/change/"
    assert BrandKit.objects.count() == 1
