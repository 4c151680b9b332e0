"""Reads of the outbox."""

from __future__ import annotations

from motcua.notifications.models import MessageStatus, OutboxMessage


def outbox_problems(*, limit: int) -> list[OutboxMessage]:
    """Return the messages that failed or were given up, newest first."""
    return list(
        OutboxMessage.objects.filter(
            status__in=(MessageStatus.FAILED, MessageStatus.GAVE_UP)
        ).order_by("-created_at", "-id")[:limit]
    )
