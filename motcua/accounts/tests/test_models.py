"""The user model."""

from __future__ import annotations

from motcua.accounts.models import User


def test_a_user_shows_their_full_name_or_else_their_username():
    assert str(User(username="lan", full_name="Nguyễn Thị Lan")) == "Nguyễn Thị Lan"
    assert str(User(username="lan")) == "lan"
