"""The channels against a local HTTP server, Django's test mailbox and files."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail

from motcua.notifications.channels import (
    ConsoleChannel,
    DeliveryError,
    EmailChannel,
    FileChannel,
    HttpSmsChannel,
)
from motcua.notifications.tests.conftest import make_message

pytestmark = pytest.mark.django_db


class Gateway(BaseHTTPRequestHandler):
    """A tiny SMS gateway: records each request and answers ``status``."""

    status = 200
    requests: list[dict[str, object]] = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        Gateway.requests.append(
            {
                "path": self.path,
                "headers": dict(self.headers),
                "body": json.loads(self.rfile.read(length)),
            }
        )
        self.send_response(self.status)
        self.end_headers()
        self.wfile.write(b'{"error": "quota exceeded"}')

    def log_message(self, format, *args):
        pass


@pytest.fixture
def gateway(settings, monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    Gateway.requests = []
    Gateway.status = 200
    server = HTTPServer(("127.0.0.1", 0), Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.MOTCUA_SMS_GATEWAY = {
        "url": f"http://127.0.0.1:{server.server_port}/send",
        "token": "secret-token",
        "sender": "MOTCUA",
        "timeout": 5,
    }
    yield Gateway
    server.shutdown()
    server.server_close()


def test_the_sms_gateway_receives_json_with_the_token(gateway):
    message = make_message(body="Hồ sơ đã được tiếp nhận.")

    HttpSmsChannel().send(message)

    (request,) = gateway.requests
    assert request["path"] == "/send"
    assert request["headers"]["Authorization"] == "Bearer secret-token"
    assert request["headers"]["Idempotency-Key"] == f"motcua-outbox-{message.pk}"
    assert request["body"] == {
        "to": "0912345678",
        "text": "Hồ sơ đã được tiếp nhận.",
        "sender": "MOTCUA",
        "reference": f"motcua-outbox-{message.pk}",
    }


def test_an_error_answer_from_the_gateway_is_a_delivery_error(gateway):
    gateway.status = 429

    with pytest.raises(DeliveryError, match=r"429.*quota exceeded"):
        HttpSmsChannel().send(make_message())


def test_an_unreachable_gateway_is_a_delivery_error(gateway, settings):
    settings.MOTCUA_SMS_GATEWAY = {"url": "http://127.0.0.1:9/send", "timeout": 2}

    with pytest.raises(DeliveryError, match="unreachable"):
        HttpSmsChannel().send(make_message())


def test_a_gateway_url_that_is_not_http_is_refused(settings):
    settings.MOTCUA_SMS_GATEWAY = {"url": "file:///etc/passwd"}

    with pytest.raises(DeliveryError, match="http"):
        HttpSmsChannel().send(make_message())


def test_the_email_channel_uses_djangos_mail_settings():
    message = make_message(
        channel="email", recipient="an@example.vn", subject="Chủ đề", body="Nội dung"
    )

    EmailChannel().send(message)

    (sent,) = mail.outbox
    assert (sent.to, sent.subject, sent.body) == (
        ["an@example.vn"],
        "Chủ đề",
        "Nội dung",
    )


def test_an_email_the_backend_cannot_send_is_a_delivery_error(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9
    settings.EMAIL_TIMEOUT = 2

    with pytest.raises(DeliveryError, match="E-mail not sent"):
        EmailChannel().send(make_message(channel="email", recipient="an@example.vn"))


def test_the_file_channel_appends_one_line_per_message(data_dir):
    first, second = make_message(), make_message(recipient="0987654321")

    FileChannel().send(first)
    FileChannel().send(second)

    lines = (data_dir / "outbox" / "sms.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["to"] for line in lines] == ["0912345678", "0987654321"]
    assert "Nguyễn Văn An" in lines[0]  # readable, not \u-escaped


def test_the_file_channel_reports_a_folder_it_cannot_write(settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.DATA_DIR = blocker

    with pytest.raises(DeliveryError, match="outbox file"):
        FileChannel().send(make_message())


def test_the_console_channel_logs_the_message(caplog):
    with caplog.at_level("INFO", logger="motcua.notifications.channels"):
        ConsoleChannel().send(make_message(dossier_code="H26-XYZ"))

    assert "H26-XYZ" in caplog.text
