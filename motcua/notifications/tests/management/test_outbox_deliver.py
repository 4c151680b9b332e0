"""``manage.py outbox_deliver`` runs one pass and prints the counts."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from motcua.notifications.models import MessageStatus
from motcua.notifications.tests.conftest import make_message

pytestmark = pytest.mark.django_db


def test_the_command_prints_what_it_sent_and_what_failed(settings):
    settings.MOTCUA_NOTIFICATION_CHANNELS = {
        "sms": "motcua.notifications.channels.FileChannel",
        "email": "motcua.notifications.tests.channels.FailingChannel",
    }
    make_message()
    make_message(channel="email", recipient="an@example.vn")
    make_message(status=MessageStatus.SENT)
    out = StringIO()

    call_command("outbox_deliver", stdout=out)

    assert out.getvalue().strip() == "Outbox: sent 1, failed 1, given up 0."


def test_the_command_refuses_a_limit_below_one():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("outbox_deliver", "--limit", "0")
