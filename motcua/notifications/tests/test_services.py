"""The outbox is written in the caller's transaction and delivered after commit."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from django.db import transaction

from motcua.core.errors import InvalidInput
from motcua.notifications.models import (
    MessageChannel,
    MessageStatus,
    NotificationKind,
    OutboxMessage,
)
from motcua.notifications.services import notification_enqueue, outbox_message_retry
from motcua.notifications.tests.conftest import NOW, make_message

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def enqueue_received(**overrides):
    arguments = {
        "kind": NotificationKind.RECEIVED,
        "now": NOW,
        "dossier_code": "H26.01-260302-0001",
        "recipient_name": "Nguyễn Văn An",
        "phone": "0912345678",
        "email": "an@example.vn",
        "context": {"deadline": NOW + timedelta(days=5)},
        **overrides,
    }
    return notification_enqueue(**arguments)


def test_a_message_enqueued_in_a_rolled_back_transaction_is_not_kept():
    with pytest.raises(Rollback), transaction.atomic():
        enqueue_received()
        raise Rollback

    assert not OutboxMessage.objects.exists()


def test_enqueue_writes_one_pending_message_per_contact():
    messages = enqueue_received()

    assert [(m.channel, m.recipient) for m in messages] == [
        (MessageChannel.SMS, "0912345678"),
        (MessageChannel.EMAIL, "an@example.vn"),
    ]
    for message in OutboxMessage.objects.all():
        assert message.status == MessageStatus.PENDING
        assert message.next_attempt_at == NOW
        assert message.dossier_code == "H26.01-260302-0001"
        assert "tiếp nhận" in message.subject


def test_a_citizen_without_phone_or_email_gets_no_message(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        messages = enqueue_received(phone="", email="  ")

    assert messages == []
    assert callbacks == []


def test_a_committed_message_is_delivered_by_the_task_after_commit(
    django_capture_on_commit_callbacks, data_dir
):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        enqueue_received(email="")
    message = OutboxMessage.objects.get()
    assert message.status == MessageStatus.PENDING
    assert not (data_dir / "outbox").exists()

    for callback in callbacks:  # the commit: CELERY_TASK_ALWAYS_EAGER runs the task
        callback()

    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.attempts == 1
    lines = (data_dir / "outbox" / "sms.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["to"] == "0912345678"
    assert record["dossier_code"] == "H26.01-260302-0001"
    assert record["text"] == message.body


def test_an_unknown_kind_is_refused():
    with pytest.raises(InvalidInput) as raised:
        enqueue_received(kind="birthday")

    assert "birthday" in str(raised.value.message)
    assert "kind" in raised.value.field_errors
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    ("context", "field"),
    [
        ({"deadline": date(2026, 3, 9)}, "deadline"),
        ({"new_deadline": datetime(2026, 3, 9, 17, 0)}, "new_deadline"),  # noqa: DTZ001
        ({"items": "Tờ khai"}, "items"),
        ({"items": ["Tờ khai", 2]}, "items"),
    ],
)
def test_a_context_the_templates_cannot_format_is_refused(context, field):
    with pytest.raises(InvalidInput) as raised:
        enqueue_received(context=context)

    assert field in raised.value.field_errors


def test_a_broken_broker_does_not_undo_the_callers_change(
    django_capture_on_commit_callbacks, monkeypatch
):
    def broker_down():
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(
        "motcua.notifications.services.outbox_deliver.delay", broker_down
    )
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_received()

    assert OutboxMessage.objects.filter(status=MessageStatus.PENDING).count() == 2


def test_retry_makes_failed_and_given_up_messages_due_again_but_not_sent_ones():
    failed = make_message(status=MessageStatus.FAILED, attempts=3, last_error="x")
    gave_up = make_message(status=MessageStatus.GAVE_UP, attempts=8)
    sent = make_message(status=MessageStatus.SENT, attempts=1, sent_at=NOW)
    later = NOW + timedelta(hours=1)

    count = outbox_message_retry(ids=[failed.pk, gave_up.pk, sent.pk], now=later)

    assert count == 2
    for message in (failed, gave_up):
        message.refresh_from_db()
        assert message.status == MessageStatus.PENDING
        assert message.next_attempt_at == later
        assert message.attempts == 0
    failed.refresh_from_db()
    assert failed.last_error == "x"  # kept for staff until the next attempt
    sent.refresh_from_db()
    assert sent.status == MessageStatus.SENT
