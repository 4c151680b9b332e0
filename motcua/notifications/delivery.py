"""Delivery of the outbox: claim what is due, send it, record the outcome.

Claiming: a short transaction locks a few due rows with ``SELECT ... FOR UPDATE
SKIP LOCKED`` (PostgreSQL), counts the attempt and moves ``next_attempt_at`` a
lease into the future, then commits. Another worker skips the locked rows while
they are being claimed and sees them as not due afterwards, so two workers never
send one message twice. Sending happens outside any transaction (a slow gateway
holds no lock). If the worker dies while sending, the lease expires and the
message is sent again: delivery is at least once, and the SMS gateway gets a
reference that lets it drop the duplicate.

On SQLite (demo, in-process jobs) ``FOR UPDATE`` does not exist; its write lock
(``transaction_mode = IMMEDIATE`` in settings) serialises the claims instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F

from motcua.notifications.channels import Channel, DeliveryError, channel_for
from motcua.notifications.models import MessageStatus, OutboxMessage

logger = logging.getLogger(__name__)

# Retries wait 2, 4, 8... minutes, never more than this.
MAX_BACKOFF = timedelta(hours=4)
# A claimed message is not due again for this long (a worker that died while
# sending); a batch of CLAIM_BATCH sends must fit in it (HTTP timeout 10 s each).
CLAIM_LEASE = timedelta(minutes=15)
CLAIM_BATCH = 20
LAST_ERROR_LENGTH = 2000


@dataclass(frozen=True)
class DeliveryReport:
    """What one delivery pass did."""

    sent: int = 0
    failed: int = 0
    gave_up: int = 0

    @property
    def attempted(self) -> int:
        return self.sent + self.failed + self.gave_up

    def __add__(self, other: DeliveryReport) -> DeliveryReport:
        return DeliveryReport(
            sent=self.sent + other.sent,
            failed=self.failed + other.failed,
            gave_up=self.gave_up + other.gave_up,
        )


def max_attempts() -> int:
    """How many attempts before a message is given up (setting, default 8)."""
    return int(settings.MOTCUA_NOTIFICATION_MAX_ATTEMPTS)


def retry_delay(attempts: int) -> timedelta:
    """Wait ``2^attempts`` minutes after the ``attempts``-th failure, capped."""
    return min(timedelta(minutes=2 ** min(attempts, 30)), MAX_BACKOFF)


def outbox_deliver_due(*, now: datetime, limit: int = 100) -> DeliveryReport:
    """Send up to ``limit`` messages that are due at ``now``; return the counts.

    Due: pending or failed, and ``next_attempt_at <= now``. Safe to run in several
    workers at once.
    """
    report = DeliveryReport()
    channels: dict[str, Channel | DeliveryError] = {}
    while report.attempted < limit:
        batch = _claim(now=now, size=min(CLAIM_BATCH, limit - report.attempted))
        if not batch:
            break
        for message in batch:
            report += _deliver_one(message, now=now, channels=channels)
    return report


def _claim(*, now: datetime, size: int) -> list[OutboxMessage]:
    """Lock, count the attempt and lease ``size`` due messages, oldest first."""
    skip_locked = connection.features.has_select_for_update_skip_locked
    with transaction.atomic():
        ids = list(
            OutboxMessage.objects.select_for_update(skip_locked=skip_locked)
            .filter(
                status__in=(MessageStatus.PENDING, MessageStatus.FAILED),
                next_attempt_at__lte=now,
            )
            .order_by("next_attempt_at", "id")
            .values_list("id", flat=True)[:size]
        )
        if not ids:
            return []
        OutboxMessage.objects.filter(id__in=ids).update(
            attempts=F("attempts") + 1, next_attempt_at=now + CLAIM_LEASE
        )
    return list(OutboxMessage.objects.filter(id__in=ids).order_by("id"))


def _channel(
    name: str, channels: dict[str, Channel | DeliveryError]
) -> Channel | DeliveryError:
    if name not in channels:
        try:
            channels[name] = channel_for(name)
        except DeliveryError as error:
            channels[name] = error
    return channels[name]


def _deliver_one(
    message: OutboxMessage,
    *,
    now: datetime,
    channels: dict[str, Channel | DeliveryError],
) -> DeliveryReport:
    channel = _channel(message.channel, channels)
    if isinstance(channel, DeliveryError):
        return _record_failure(message, now=now, error=str(channel))
    try:
        channel.send(message)
    except DeliveryError as error:
        return _record_failure(message, now=now, error=str(error))
    except Exception as error:
        # A bug in a channel must not stop the other messages; staff see it.
        logger.exception("outbox message %s: channel crashed", message.pk)
        return _record_failure(message, now=now, error=repr(error))
    OutboxMessage.objects.filter(id=message.pk).update(
        status=MessageStatus.SENT, sent_at=now, last_error=""
    )
    return DeliveryReport(sent=1)


def _record_failure(
    message: OutboxMessage, *, now: datetime, error: str
) -> DeliveryReport:
    logger.warning(
        "outbox message %s (attempt %s) failed: %s", message.pk, message.attempts, error
    )
    given_up = message.attempts >= max_attempts()
    OutboxMessage.objects.filter(id=message.pk).update(
        status=MessageStatus.GAVE_UP if given_up else MessageStatus.FAILED,
        next_attempt_at=now if given_up else now + retry_delay(message.attempts),
        last_error=error[:LAST_ERROR_LENGTH],
    )
    return DeliveryReport(gave_up=1) if given_up else DeliveryReport(failed=1)
