"""The Celery task runs one delivery pass."""

from __future__ import annotations

import pytest

from motcua.notifications.models import MessageStatus, OutboxMessage
from motcua.notifications.tasks import outbox_deliver
from motcua.notifications.tests.conftest import make_message

pytestmark = pytest.mark.django_db


def test_the_task_sends_what_is_due_and_returns_the_count(data_dir):
    make_message()
    make_message(status=MessageStatus.SENT)

    assert outbox_deliver.delay().get() == 1
    assert outbox_deliver.name == "notifications.outbox_deliver"
    assert OutboxMessage.objects.filter(status=MessageStatus.SENT).count() == 2
