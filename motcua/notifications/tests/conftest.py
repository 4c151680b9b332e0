"""Fixtures of the notifications tests: a fixed clock and a private outbox folder."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.notifications.models import MessageStatus, OutboxMessage
from motcua.notifications.tests.channels import RecordingChannel

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=HANOI)
TESTS = "motcua.notifications.tests.channels"


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    """Every test writes its outbox files in its own folder."""
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def use_channel(settings):
    """Route both SMS and e-mail to the named test channel class."""

    def use(name: str) -> None:
        path = f"{TESTS}.{name}"
        settings.MOTCUA_NOTIFICATION_CHANNELS = {"sms": path, "email": path}

    RecordingChannel.sent = []
    RecordingChannel.delay = 0.0
    return use


def make_message(**fields) -> OutboxMessage:
    values = {
        "kind": "received",
        "channel": "sms",
        "recipient": "0912345678",
        "recipient_name": "Nguyễn Văn An",
        "dossier_code": "H26.01-260302-0001",
        "subject": "Hồ sơ H26.01-260302-0001 đã được tiếp nhận",
        "body": "Hồ sơ đã được tiếp nhận.",
        "status": MessageStatus.PENDING,
        "next_attempt_at": NOW,
        "created_at": NOW,
        **fields,
    }
    return OutboxMessage.objects.create(**values)
