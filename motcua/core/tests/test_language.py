"""Vietnamese first: the browser's language never decides; a person's choice does."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation

from motcua.core.forms import date_field, date_parse, datetime_field

pytestmark = pytest.mark.django_db

PAGES = ["/cong-dan/", "/tra-cuu/", "/login/"]


@pytest.mark.parametrize("path", PAGES)
def test_a_browser_set_to_english_still_gets_vietnamese(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()
    assert response["Content-Language"] == "vi"


def test_english_is_shown_once_chosen_and_the_choice_is_kept(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/cong-dan/"}
    )

    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert int(cookie["max-age"]) >= 365 * 24 * 60 * 60  # kept, not per session
    page = client.get("/cong-dan/", HTTP_ACCEPT_LANGUAGE="vi")
    assert '<html lang="en">' in page.content.decode()
    assert page["Content-Language"] == "en"


def test_an_unknown_language_in_the_cookie_falls_back_to_vietnamese():
    visitor = Client()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    page = visitor.get("/cong-dan/")

    assert '<html lang="vi">' in page.content.decode()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_read_day_month_year_in_both_languages(language):
    with translation.override(language):
        assert formats.date_format(date(2026, 3, 5), "SHORT_DATE_FORMAT") == (
            "05/03/2026"
        )
        assert formats.date_format(date(2026, 3, 5)) == "05/03/2026"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_date_inputs_show_and_accept_dd_mm_yyyy_whatever_the_language(language):
    field = date_field(label="Ngày")
    with translation.override(language):
        html = field.widget.render("on", date(2026, 3, 5))
        assert 'type="text"' in html
        assert 'value="05/03/2026"' in html
        assert 'placeholder="dd/mm/yyyy"' in html
        assert field.clean("05/03/2026") == date(2026, 3, 5)
        assert field.clean("2026-03-05") == date(2026, 3, 5)


def test_a_date_and_time_input_is_typed_in_vietnamese_order():
    field = datetime_field(label="Lúc")

    cleaned = field.clean("05/03/2026 14:30")

    assert (cleaned.day, cleaned.month, cleaned.hour, cleaned.minute) == (5, 3, 14, 30)
    assert 'placeholder="dd/mm/yyyy hh:mm"' in field.widget.render("at", None)


def test_a_date_written_either_way_is_read_and_nonsense_is_not():
    assert date_parse("01/03/2026") == date(2026, 3, 1)
    assert date_parse(" 2026-03-01 ") == date(2026, 3, 1)
    assert date_parse("03/2026") is None
    assert date_parse("31/02/2026") is None
