"""Writes of the outbox."""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from datetime import datetime

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from motcua.core.brand import brand_get
from motcua.core.errors import InvalidInput
from motcua.notifications.models import (
    MessageChannel,
    MessageStatus,
    NotificationKind,
    OutboxMessage,
)
from motcua.notifications.tasks import outbox_deliver

logger = logging.getLogger(__name__)


def notification_enqueue(
    *,
    kind: NotificationKind,
    now: datetime,
    dossier_code: str = "",
    recipient_name: str = "",
    phone: str = "",
    email: str = "",
    context: Mapping[str, object] | None = None,
) -> list[OutboxMessage]:
    """Write one message per available contact (SMS and/or e-mail) to the outbox.

    Call it inside the transaction that makes the change it announces: if that
    transaction rolls back, no message is left behind. Delivery starts after commit.
    Texts come from ``notifications/<kind>.txt`` (Vietnamese, the citizen's language;
    dates in local time). ``context`` may hold ``procedure_name``, ``deadline``,
    ``new_deadline`` (aware datetimes), ``items`` (list of str), ``reason`` and
    ``tracking_url``; the account kinds take ``code`` and ``minutes`` (how long
    the code works) and no dossier code; the appointment kinds take
    ``booking_code``, ``hall`` and ``slot`` (an aware datetime).

    Raises ``InvalidInput`` for an unknown ``kind``, a naive or non-datetime
    ``deadline``/``new_deadline``/``slot``, or ``items`` that is not a list of texts.
    """
    if kind not in NotificationKind.values:
        raise InvalidInput(
            _("Unknown notification kind “%(kind)s”.") % {"kind": kind},
            field_errors={"kind": _("Choose one of the notification kinds.")},
        )
    _check_context(context or {})
    subject, body = _render(
        kind,
        {
            "dossier_code": dossier_code,
            "recipient_name": recipient_name,
            **(context or {}),
            "brand": brand_get(),
        },
    )
    messages = [
        OutboxMessage(
            kind=kind,
            channel=channel,
            recipient=address.strip(),
            recipient_name=recipient_name,
            dossier_code=dossier_code,
            subject=subject,
            body=body,
            next_attempt_at=now,
            created_at=now,
        )
        for channel, address in (
            (MessageChannel.SMS, phone),
            (MessageChannel.EMAIL, email),
        )
        if address.strip()
    ]
    OutboxMessage.objects.bulk_create(messages)
    if messages:
        _deliver_after_commit()
    return messages


def _check_context(context: Mapping[str, object]) -> None:
    for name in ("deadline", "new_deadline", "slot"):
        value = context.get(name)
        if value is not None and not (
            isinstance(value, datetime) and timezone.is_aware(value)
        ):
            raise InvalidInput(
                _("%(name)s must be a date-time with a time zone.") % {"name": name},
                field_errors={name: _("Pass an aware datetime.")},
            )
    items = context.get("items")
    if items is not None and (
        isinstance(items, str)
        or not isinstance(items, list | tuple)
        or not all(isinstance(item, str) for item in items)
    ):
        raise InvalidInput(
            _("items must be a list of texts."),
            field_errors={"items": _("Pass a list of texts.")},
        )


def _render(kind: str, data: Mapping[str, object]) -> tuple[str, str]:
    """Render ``(subject, body)`` in Vietnamese, dates in the local time zone."""
    with (
        translation.override("vi"),
        timezone.override(timezone.get_default_timezone()),
    ):
        body = render_to_string(f"notifications/{kind}.txt", dict(data)).strip()
        subject = render_to_string(f"notifications/{kind}.subject.txt", dict(data))
    # A subject is one line (e-mail headers forbid line breaks).
    return " ".join(subject.split())[:200], body


def outbox_message_retry(*, ids: Collection[int], now: datetime) -> int:
    """Make the given unsent messages due now again; return how many changed.

    Used by staff after fixing a cause (wrong gateway token, full mailbox): the
    attempt count restarts so a message given up gets its full set of retries.
    Messages already sent are left alone.
    """
    with transaction.atomic():
        count = (
            OutboxMessage.objects.filter(id__in=ids)
            .exclude(status=MessageStatus.SENT)
            .update(
                status=MessageStatus.PENDING,
                attempts=0,
                next_attempt_at=now,
            )
        )
        if count:
            _deliver_after_commit()
    return count


def _deliver_after_commit() -> None:
    # robust: if Redis is down, the caller's change still stands; the messages
    # wait in the outbox for the next periodic pass.
    transaction.on_commit(_start_delivery, robust=True)


def _start_delivery() -> None:
    try:
        outbox_deliver.delay()
    except Exception as error:  # any broker failure, e.g. Redis down
        # The messages are in the outbox; the periodic pass sends them later.
        logger.warning("Could not queue outbox delivery (%s); it will catch up", error)


def outbox_purge(*, before: datetime) -> int:
    """Delete messages sent or given up, written before ``before``; return how many.

    Messages still to be sent or retried are kept whatever their age.
    """
    done = (MessageStatus.SENT, MessageStatus.GAVE_UP)
    deleted, _by_model = OutboxMessage.objects.filter(
        status__in=done, created_at__lt=before
    ).delete()
    return deleted
