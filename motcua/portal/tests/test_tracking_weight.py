"""The weight of the tracking pages: under 200 KB, no JavaScript but htmx.

Issue "citizen portal" §8: the home, procedure and tracking pages each weigh under
200 KB transferred (without the logo), with no JavaScript framework beyond htmx.
The home and procedure pages are checked in ``test_catalogue.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone

from motcua.core.brand import brand_get
from motcua.dossiers.tests.factories import World
from motcua.ratings.tests.conftest import returned_dossier

PAGE_BUDGET = 200 * 1024  # issue "citizen portal" §8: under 200 KB transferred
CHECK = "2345"  # the last digits of the applicant's personal ID in the factories
STATIC_LINK = re.compile(r'(?:href|src)="/static/([^"?#]+)')
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
SCRIPT_SOURCE = re.compile(r'\bsrc="([^"]+)"')
JS_LINK = re.compile(r'(?:href|src)="([^"?#]+\.m?js)(?:[?#][^"]*)?"', re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    url: str
    html: str


def fetch(client: Client, url: str, marker: str) -> Page:
    """GET ``url``; ``marker`` shows the page asked for was rendered, not an error."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert marker in html
    return Page(url, html)


def page_weight(page: Page) -> int:
    """Bytes of the page without the inlined logo, plus every static file it links."""
    logo = brand_get().logo_url
    total = len(page.html.encode()) - (
        page.html.count(logo) * len(logo.encode()) if logo else 0
    )
    for name in set(STATIC_LINK.findall(page.html)):
        found = finders.find(name)
        assert found, f"linked static file {name} not found"
        total += Path(str(found)).stat().st_size
    return total


def is_htmx(url: str) -> bool:
    return PurePosixPath(url).name.startswith("htmx")


PAGES = ["form", "code only", "code and check", "returned, code and check"]


@pytest.fixture(params=PAGES)
def tracking_page(request: pytest.FixtureRequest, client: Client, world: World) -> Page:
    """A tracking page of a real dossier, made through the dossier services."""
    if request.param == "form":
        return fetch(client, "/tra-cuu/", 'id="tracking-form"')
    if request.param.startswith("returned"):
        code = returned_dossier(world).code
        return fetch(client, f"/tra-cuu/{code}/?check={CHECK}", 'id="rating-form"')
    code = world.processing(timezone.now().replace(microsecond=0)).code
    if request.param == "code only":
        return fetch(client, f"/tra-cuu/{code}/", 'id="status-label"')
    return fetch(client, f"/tra-cuu/{code}/?check={CHECK}", 'id="applicant-name"')


def test_the_tracking_pages_weigh_under_200_kb_with_their_static_files(tracking_page):
    weight = page_weight(tracking_page)

    assert 0 < weight < PAGE_BUDGET, f"{tracking_page.url} weighs {weight} bytes"


def test_the_tracking_pages_load_no_script_but_htmx(tracking_page):
    html = tracking_page.html
    tags = SCRIPT_TAG.findall(html)
    sources = [SCRIPT_SOURCE.search(tag) for tag in tags]

    assert all(source is not None for source in sources), "inline script found"
    assert [s.group(1) for s in sources if s and not is_htmx(s.group(1))] == []
    assert [url for url in JS_LINK.findall(html) if not is_htmx(url)] == []
