"""The back office lists the messages that did not go out, newest first."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua.notifications.models import MessageStatus
from motcua.notifications.selectors import outbox_problems
from motcua.notifications.tests.conftest import NOW, make_message

pytestmark = pytest.mark.django_db


def test_problems_are_failed_and_given_up_messages_newest_first():
    old = make_message(status=MessageStatus.GAVE_UP, created_at=NOW)
    new = make_message(status=MessageStatus.FAILED, created_at=NOW + timedelta(hours=1))
    same_time = make_message(
        status=MessageStatus.FAILED, created_at=NOW + timedelta(hours=1)
    )
    make_message(status=MessageStatus.SENT)
    make_message(status=MessageStatus.PENDING)

    assert outbox_problems(limit=10) == [same_time, new, old]
    assert outbox_problems(limit=1) == [same_time]
