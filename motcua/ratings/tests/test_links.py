"""The signed rating link of the notification."""

from __future__ import annotations

import time

import pytest
from django.core import signing

from motcua.core.errors import InvalidInput
from motcua.ratings.links import SALT, rating_link, rating_token, rating_token_read


def test_the_link_is_absolute_and_reads_back_the_code(settings):
    settings.MOTCUA_PUBLIC_URL = "https://motcua.example.vn"

    link = rating_link("000.00.00.h01-1")

    assert link.startswith("https://motcua.example.vn/danh-gia/")
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert rating_token_read(token) == "000.00.00.H01-1"


def test_an_altered_token_is_refused():
    token = rating_token("ABC")

    with pytest.raises(InvalidInput, match="not valid"):
        rating_token_read(token[:-2] + "xx")


def test_a_token_older_than_60_days_has_expired(monkeypatch):
    sixty_one_days_ago = time.time() - 61 * 24 * 3600
    monkeypatch.setattr(time, "time", lambda: sixty_one_days_ago)
    token = signing.dumps("ABC", salt=SALT)
    monkeypatch.undo()

    with pytest.raises(InvalidInput, match="expired"):
        rating_token_read(token)
