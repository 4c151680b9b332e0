"""``PreparedGet``: the row ``only(...).filter(key=value)[:1]`` gives, compiled once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.core.prepared import PreparedGet

pytestmark = pytest.mark.django_db

BY_KEY = PreparedGet(Session, key="session_key", fields=("expire_date",))


def test_a_prepared_get_gives_the_instance_only_would_give():
    expires = datetime(2026, 11, 17, 2, 30, 15, tzinfo=UTC)
    Session.objects.create(session_key="k1", session_data="data", expire_date=expires)
    found = BY_KEY.get("k1")
    assert found is not None
    expected = Session.objects.only("expire_date").get(session_key="k1")
    assert found == expected
    assert found.expire_date == expires  # the database's value, converted
    assert found.get_deferred_fields() == expected.get_deferred_fields()
    assert found.session_data == "data"  # a deferred field still loads on demand


def test_a_prepared_get_of_a_missing_key_is_none_in_one_query():
    BY_KEY.get("warm")  # the first call compiles
    with CaptureQueriesContext(connection) as captured:
        assert BY_KEY.get("no such key") is None
    assert len(captured) == 1
