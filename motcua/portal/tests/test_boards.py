"""Public progress boards /bang-tien-do/...: pages, TV mode and open data."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.conf import settings
from django.utils import timezone

from motcua.reports.tests.scenario import NAME, PERSONAL_ID, KnownSet, known_set

BASE = "/bang-tien-do"


@pytest.fixture
def frozen_now(monkeypatch):
    """Pages read the clock: pin it to the scenario's Friday morning."""
    from motcua.reports.tests.scenario import NOW

    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


@pytest.fixture
def known(world, frozen_now) -> KnownSet:
    return known_set(world)


def board_url(world, scope="agency"):
    code = world.agency.code if scope == "agency" else world.point.code
    return f"{BASE}/{scope}/{code}/"


def assert_no_personal_data(text: str, known: KnownSet) -> None:
    assert NAME not in text
    assert PERSONAL_ID not in text
    for dossier in known.all():
        assert dossier.code not in text


def test_the_list_links_to_every_board(client, world):
    response = client.get(f"{BASE}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert board_url(world, "agency") in html
    assert board_url(world, "service_point") in html


def test_the_board_shows_the_figures_in_vietnamese_first(client, world, known):
    response = client.get(board_url(world, "service_point"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert 'id="received-today">1<' in html
    assert 'id="received-this-month">5<' in html
    assert 'id="being-processed">2<' in html
    assert 'id="early">1<' in html
    assert 'id="on-time">1<' in html
    assert 'id="late">1<' in html
    assert "66.7 %" in html or "66,7 %" in html
    assert response["Cache-Control"] == "no-store"
    assert "<script" not in html  # the phone page needs no JavaScript


def test_the_board_lists_late_dossiers_masked_without_personal_data(
    client, world, known
):
    response = client.get(board_url(world))

    html = response.content.decode()
    assert html.count("**-**") == 2
    assert "Đăng ký thường trú" in html
    assert (
        known.late.new_deadline_at.astimezone(timezone.get_current_timezone()).strftime(
            "%d/%m/%Y"
        )
        in html
    )
    assert_no_personal_data(html, known)


def test_the_tv_mode_polls_its_figures_every_30_seconds(client, world, known):
    response = client.get(board_url(world), {"tv": "1"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'hx-trigger="every 30s"' in html
    assert f'hx-get="{board_url(world)}so-lieu/"' in html
    assert "motcua/htmx.min.js" in html
    assert_no_personal_data(html, known)


def test_the_tv_mode_has_no_login_link_or_language_button(client, world):
    board = client.get(board_url(world)).content.decode()
    tv = client.get(f"{board_url(world)}tv/").content.decode()

    assert 'id="login-link"' in board and 'id="language-switch"' in board
    assert 'id="login-link"' not in tv
    assert 'id="language-switch"' not in tv
    assert 'id="board-tv"' in tv


def test_the_tv_path_and_a_short_interval_are_capped_at_2_seconds(client, world):
    response = client.get(f"{board_url(world)}tv/", {"every": "1"})

    assert 'hx-trigger="every 2s"' in response.content.decode()


def test_the_figures_partial_is_only_the_figures(client, world, known):
    response = client.get(f"{board_url(world)}so-lieu/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="received-today">1<' in html
    assert_no_personal_data(html, known)


@pytest.mark.parametrize(
    "suffix", ["", "tv/", "so-lieu/", "du-lieu.csv", "du-lieu.json"]
)
def test_an_unknown_code_is_a_404_page(client, world, suffix):
    response = client.get(f"{BASE}/agency/999.99.99.H99/{suffix}")

    assert response.status_code == 404


def test_an_unknown_scope_is_a_404_page(client, world):
    response = client.get(f"{BASE}/commune/{world.agency.code}/")

    assert response.status_code == 404


def test_open_data_as_csv_opens_in_excel_with_vietnamese(client, world, known):
    response = client.get(
        f"{board_url(world)}du-lieu.csv", {"start": "2026-03-01", "end": "2026-04-01"}
    )

    body = response.content.decode("utf-8")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))
    assert rows == [
        {
            "procedure_code": "1.004222",
            "procedure_name": "Đăng ký thường trú",
            "received": "5",
            "processed": "3",
            "early": "1",
            "on_time": "1",
            "late": "1",
            "returned": "1",
        }
    ]
    assert_no_personal_data(body, known)


def test_open_data_as_json_defaults_to_this_month(client, world, known):
    response = client.get(f"{board_url(world)}du-lieu.json")

    data = json.loads(response.content)
    assert response.status_code == 200
    assert (data["start"], data["end"]) == ("2026-03-01", "2026-04-01")
    assert data["totals"]["received"] == 5
    assert data["totals"]["on_time_rate"] == 66.7
    assert data["rows"][0]["procedure_name"] == "Đăng ký thường trú"
    assert_no_personal_data(response.content.decode(), known)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "32/03/2026"}, "Write the dates of the period as dd/mm/yyyy"),
        ({"start": "03/2026"}, "Write the dates of the period as dd/mm/yyyy"),
        (
            {"start": "2026-03-10", "end": "2026-03-01"},
            "The end of the period must be after its start",
        ),
        ({"start": "2020-01-01", "end": "2026-01-01"}, "A period covers at most"),
    ],
)
@pytest.mark.parametrize("ext", ["csv", "json"])
def test_a_bad_period_is_a_400_with_a_clear_message(
    client, world, params, message, ext
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"{board_url(world)}du-lieu.{ext}", params)

    assert response.status_code == 400
    body = response.content.decode()
    assert message in (json.loads(body)["detail"] if ext == "json" else body)
