"""Reading the one-time codes the outbox holds, as the citizen reads the SMS."""

from __future__ import annotations

import re

from motcua.notifications.models import OutboxMessage

CODE = re.compile(r"\b([0-9]{6})\b")


def code_sent_to(recipient: str) -> str:
    """The code of the newest message to ``recipient`` (a phone or an e-mail)."""
    message = OutboxMessage.objects.filter(recipient=recipient).latest(
        "created_at", "id"
    )
    found = CODE.search(message.body)
    assert found, message.body
    return found.group(1)
