"""Delivery sends what is due, retries failures with backoff and gives up after N."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection

from motcua.notifications.delivery import (
    DeliveryReport,
    outbox_deliver_due,
    retry_delay,
)
from motcua.notifications.models import MessageStatus, OutboxMessage
from motcua.notifications.tests.channels import RecordingChannel
from motcua.notifications.tests.conftest import NOW, make_message


@pytest.mark.django_db
def test_due_pending_and_failed_messages_are_sent_and_others_are_left(use_channel):
    use_channel("RecordingChannel")
    pending = make_message()
    failed = make_message(status=MessageStatus.FAILED, attempts=2)
    not_yet = make_message(next_attempt_at=NOW + timedelta(minutes=1))
    sent = make_message(status=MessageStatus.SENT, sent_at=NOW)
    gave_up = make_message(status=MessageStatus.GAVE_UP, attempts=8)

    report = outbox_deliver_due(now=NOW)

    assert report == DeliveryReport(sent=2)
    assert sorted(RecordingChannel.sent) == [pending.pk, failed.pk]
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.sent_at) == ("sent", 3, NOW)
    for untouched in (not_yet, sent, gave_up):
        before = untouched.status
        untouched.refresh_from_db()
        assert untouched.status == before


@pytest.mark.django_db
def test_the_limit_caps_one_pass(use_channel):
    use_channel("RecordingChannel")
    for _ in range(5):
        make_message()

    assert outbox_deliver_due(now=NOW, limit=3) == DeliveryReport(sent=3)
    assert outbox_deliver_due(now=NOW, limit=3) == DeliveryReport(sent=2)


@pytest.mark.django_db
def test_a_failure_is_recorded_and_retried_after_an_exponential_backoff(use_channel):
    use_channel("FailingChannel")
    message = make_message()

    assert outbox_deliver_due(now=NOW) == DeliveryReport(failed=1)
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert message.attempts == 1
    assert message.last_error == "gateway down"
    assert message.next_attempt_at == NOW + timedelta(minutes=2)

    # Not due before the backoff ends; due (and failing again) after it.
    assert outbox_deliver_due(now=NOW + timedelta(minutes=1)) == DeliveryReport()
    second_try = NOW + timedelta(minutes=2)
    assert outbox_deliver_due(now=second_try) == DeliveryReport(failed=1)
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at == second_try + timedelta(minutes=4)

    use_channel("RecordingChannel")
    third_try = second_try + timedelta(minutes=4)
    assert outbox_deliver_due(now=third_try) == DeliveryReport(sent=1)
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("sent", 3, "")


@pytest.mark.django_db
def test_a_message_is_given_up_after_the_configured_number_of_attempts(
    use_channel, settings
):
    settings.MOTCUA_NOTIFICATION_MAX_ATTEMPTS = 3
    use_channel("FailingChannel")
    message = make_message()
    now = NOW
    reports = []
    for _ in range(4):
        reports.append(outbox_deliver_due(now=now))
        now += timedelta(days=1)

    assert reports == [
        DeliveryReport(failed=1),
        DeliveryReport(failed=1),
        DeliveryReport(gave_up=1),
        DeliveryReport(),
    ]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.GAVE_UP, 3)


def test_the_backoff_doubles_and_is_capped():
    assert [retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 7)] == [
        2,
        4,
        8,
        128,
    ]
    assert retry_delay(20) == timedelta(hours=4)


@pytest.mark.django_db
def test_a_crashing_channel_fails_its_message_without_stopping_the_others(
    use_channel, settings
):
    settings.MOTCUA_NOTIFICATION_CHANNELS = {
        "sms": "motcua.notifications.tests.channels.CrashingChannel",
        "email": "motcua.notifications.tests.channels.RecordingChannel",
    }
    crashing = make_message(channel="sms")
    make_message(channel="email", recipient="an@example.vn")

    assert outbox_deliver_due(now=NOW) == DeliveryReport(sent=1, failed=1)
    crashing.refresh_from_db()
    assert "bug in the channel" in crashing.last_error


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("channels", "error"),
    [
        ({"email": "x"}, "No channel configured for “sms”"),
        ({"sms": "motcua.notifications.channels.Nope"}, "cannot be imported"),
    ],
)
def test_a_misconfigured_channel_shows_the_cause_on_the_message(
    settings, channels, error
):
    settings.MOTCUA_NOTIFICATION_CHANNELS = channels
    message = make_message()

    assert outbox_deliver_due(now=NOW) == DeliveryReport(failed=1)
    message.refresh_from_db()
    assert error in message.last_error


@pytest.mark.django_db
def test_the_default_channel_writes_json_lines_to_the_outbox_folder(data_dir):
    make_message(channel="email", recipient="an@example.vn")
    make_message(channel="sms")

    outbox_deliver_due(now=NOW)

    assert sorted(path.name for path in (data_dir / "outbox").iterdir()) == [
        "email.jsonl",
        "sms.jsonl",
    ]


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SKIP LOCKED needs PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_passes_never_send_one_message_twice(use_channel):
    use_channel("RecordingChannel")
    RecordingChannel.delay = 0.005
    ids = [make_message().pk for _ in range(60)]
    start = threading.Barrier(3)
    reports: list[DeliveryReport] = []

    def worker():
        try:
            start.wait()
            reports.append(outbox_deliver_due(now=NOW, limit=100))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(RecordingChannel.sent) == sorted(ids)
    assert sum(report.sent for report in reports) == len(ids)
    assert OutboxMessage.objects.filter(status=MessageStatus.SENT).count() == len(ids)
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}
