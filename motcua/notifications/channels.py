"""Channels: how one outbox message leaves the system (SMS gateway, e-mail, file).

A channel is any class with ``send(message) -> None`` that raises ``DeliveryError``
when the message did not go out (delivery then retries it later). Which class
serves which ``MessageChannel`` is a setting, so a province plugs in its own SMS
provider without touching the code::

    MOTCUA_NOTIFICATION_CHANNELS = {
        "sms": "motcua.notifications.channels.HttpSmsChannel",
        "email": "motcua.notifications.channels.EmailChannel",
    }

The default writes both to JSON-lines files under ``DATA_DIR / "outbox"``, so a
demo shows what would have been sent and nothing leaves the machine.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from motcua.notifications.models import OutboxMessage

logger = logging.getLogger(__name__)


class DeliveryError(Exception):
    """The message did not go out; the text is kept as the message's last error."""


class Channel(Protocol):
    """What delivery needs from a channel."""

    def send(self, message: OutboxMessage) -> None:
        """Send ``message`` or raise ``DeliveryError``."""


def channel_for(name: str) -> Channel:
    """Return a new instance of the channel configured for ``name`` ("sms", "email").

    Raises ``DeliveryError`` when no usable class is configured, so the message
    shows the configuration problem to staff instead of vanishing.
    """
    paths = settings.MOTCUA_NOTIFICATION_CHANNELS
    path = paths.get(name)
    if not path:
        raise DeliveryError(f"No channel configured for “{name}”.")
    try:
        channel_class = import_string(path)
    except ImportError as error:
        raise DeliveryError(f"Channel “{path}” cannot be imported: {error}") from None
    channel: Channel = channel_class()
    return channel


def _as_record(message: OutboxMessage) -> dict[str, Any]:
    return {
        "id": message.pk,
        "channel": message.channel,
        "kind": message.kind,
        "to": message.recipient,
        "name": message.recipient_name,
        "dossier_code": message.dossier_code,
        "subject": message.subject,
        "text": message.body,
    }


class ConsoleChannel:
    """Write the message to the log (development)."""

    def send(self, message: OutboxMessage) -> None:
        logger.info("outbox %s", json.dumps(_as_record(message), ensure_ascii=False))


class FileChannel:
    """Append the message as one JSON line to ``DATA_DIR/outbox/<channel>.jsonl``."""

    def send(self, message: OutboxMessage) -> None:
        folder = Path(settings.DATA_DIR) / "outbox"
        line = json.dumps(_as_record(message), ensure_ascii=False) + "\n"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # One write of the whole line in append mode: concurrent workers
            # do not interleave their lines.
            with (folder / f"{message.channel}.jsonl").open(
                "a", encoding="utf-8"
            ) as out:
                out.write(line)
        except OSError as error:
            raise DeliveryError(f"Cannot write the outbox file: {error}") from None


class EmailChannel:
    """Send with Django's ``send_mail`` (EMAIL_BACKEND, EMAIL_HOST... apply)."""

    def send(self, message: OutboxMessage) -> None:
        try:
            send_mail(
                subject=message.subject,
                message=message.body,
                from_email=None,  # settings.DEFAULT_FROM_EMAIL
                recipient_list=[message.recipient],
                fail_silently=False,
            )
        except (OSError, ValueError) as error:  # smtplib errors are OSError
            raise DeliveryError(f"E-mail not sent: {error}") from None


class HttpSmsChannel:
    """A generic SMS gateway: POST JSON with a bearer token.

    Settings: ``MOTCUA_SMS_GATEWAY = {"url": ..., "token": ..., "sender": ...,
    "timeout": 10}``. The body is ``{"to", "text", "sender", "reference"}``;
    ``reference`` (also sent as ``Idempotency-Key``) lets a gateway drop the
    duplicate if a worker dies after sending and the message is sent again.
    Any 2xx answer counts as accepted.
    """

    def __init__(self) -> None:
        config: dict[str, Any] = settings.MOTCUA_SMS_GATEWAY
        self.url = str(config.get("url", ""))
        self.token = str(config.get("token", ""))
        self.sender = str(config.get("sender", ""))
        self.timeout = float(config.get("timeout", 10))

    def send(self, message: OutboxMessage) -> None:
        if not self.url.startswith(("http://", "https://")):
            raise DeliveryError("MOTCUA_SMS_GATEWAY['url'] must be an http(s) URL.")
        reference = f"motcua-outbox-{message.pk}"
        payload = {
            "to": message.recipient,
            "text": message.body,
            "sender": self.sender,
            "reference": reference,
        }
        request = urllib.request.Request(  # noqa: S310 (scheme checked above)
            self.url,
            data=json.dumps(payload, ensure_ascii=False).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {self.token}",
                "Idempotency-Key": reference,
            },
        )
        self._post(request)

    def _post(self, request: urllib.request.Request) -> None:
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as error:
            detail = error.read()[:200].decode(errors="replace")
            raise DeliveryError(
                f"SMS gateway answered {error.code}: {detail}"
            ) from None
        except (urllib.error.URLError, OSError) as error:
            raise DeliveryError(f"SMS gateway unreachable: {error}") from None
        if not 200 <= status < 300:
            raise DeliveryError(f"SMS gateway answered {status}.")
