"""Channels for the tests, configured by dotted path like real ones."""

from __future__ import annotations

import threading
import time
from typing import ClassVar

from motcua.notifications.channels import DeliveryError
from motcua.notifications.models import OutboxMessage


class RecordingChannel:
    """Remember the id of every message sent (optionally slowly)."""

    sent: ClassVar[list[int]] = []
    delay: ClassVar[float] = 0.0
    lock = threading.Lock()

    def send(self, message: OutboxMessage) -> None:
        time.sleep(self.delay)
        with self.lock:
            RecordingChannel.sent.append(message.pk)


class FailingChannel:
    def send(self, message: OutboxMessage) -> None:
        raise DeliveryError("gateway down")


class CrashingChannel:
    def send(self, message: OutboxMessage) -> None:
        raise RuntimeError("bug in the channel")
