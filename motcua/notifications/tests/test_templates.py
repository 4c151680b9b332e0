"""Every kind renders a short Vietnamese text signed with the hotline."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from motcua.notifications.models import (
    ACCOUNT_KINDS,
    APPOINTMENT_KINDS,
    NotificationKind,
)
from motcua.notifications.services import notification_enqueue
from motcua.notifications.tests.conftest import NOW

pytestmark = pytest.mark.django_db

# 10:00 UTC is 17:00 in Hà Nội.
DEADLINE = datetime(2026, 3, 9, 10, 0, tzinfo=UTC)
NEW_DEADLINE = datetime(2026, 3, 12, 10, 0, tzinfo=UTC)
CONTEXT = {
    "procedure_name": "Đăng ký khai sinh",
    "deadline": DEADLINE,
    "new_deadline": NEW_DEADLINE,
    "items": ["Bản sao giấy chứng sinh", "Tờ khai có chữ ký"],
    "reason": "cần xác minh thông tin",
    "tracking_url": "https://motcua.vn/h/H26-0001",
    "deadline_provisional": True,  # the longest text: "(dự kiến)" is added
}


def render(kind, **context):
    (message,) = notification_enqueue(
        kind=kind,
        now=NOW,
        dossier_code="H26.01-260302-0001",
        recipient_name="Nguyễn Văn An",
        phone="0912345678",
        context={**CONTEXT, **context},
    )
    return message


def test_the_receipt_message_gives_the_deadline_in_local_time():
    message = render("received")

    assert "Hồ sơ H26.01-260302-0001 đã được tiếp nhận" in message.body
    assert "Hẹn trả kết quả: 09/03/2026 17:00" in message.body

    assert message.subject == (
        "Hồ sơ H26.01-260302-0001 (Đăng ký khai sinh) đã được tiếp nhận"
    )


def test_a_provisional_appointment_says_so_in_the_message():
    assert "17:00 (dự kiến)." in render("received").body
    assert "(dự kiến)" not in render("received", deadline_provisional=False).body


def test_the_apology_gives_the_reason_and_the_new_date():
    message = render("apology")

    assert "Xin lỗi" in message.body
    assert "cần xác minh thông tin" in message.body
    assert "Hẹn trả mới: 12/03/2026 17:00" in message.body


def test_the_supplement_request_lists_the_missing_items():
    message = render("supplement_requested", items=["Tờ khai"])

    assert "cần bổ sung: Tờ khai." in message.body


DOSSIER_KINDS = [
    kind
    for kind in NotificationKind.values
    if kind not in ACCOUNT_KINDS | APPOINTMENT_KINDS
]


@pytest.mark.parametrize("kind", DOSSIER_KINDS)
def test_every_kind_is_short_enough_for_one_sms_and_signed_with_the_hotline(kind):
    message = render(kind)

    assert len(message.body) <= 160, message.body
    assert message.body.endswith("Hotline 1022")
    assert message.body.startswith("Một cửa số: Hồ sơ H26.01-260302-0001")
    assert "\n" not in message.subject
    assert message.subject


@pytest.mark.parametrize("kind", sorted(ACCOUNT_KINDS))
def test_every_account_kind_is_one_sms_signed_with_the_hotline(kind):
    (message,) = notification_enqueue(
        kind=kind,
        now=NOW,
        recipient_name="Nguyễn Văn An",
        phone="0912345678",
        context={"code": "012345", "minutes": 15},
    )

    assert len(message.body) <= 160, message.body
    assert message.body.startswith("Một cửa số: ")
    assert message.body.endswith("Hotline 1022")
    assert message.dossier_code == ""
    assert "012345" not in message.subject
    assert message.subject and "\n" not in message.subject


def test_a_code_message_gives_the_code_and_how_long_it_works():
    (message,) = notification_enqueue(
        kind=NotificationKind.PASSWORD_RESET_CODE,
        now=NOW,
        phone="0912345678",
        context={"code": "012345", "minutes": 15},
    )

    assert "Mã đặt lại mật khẩu là 012345, dùng được trong 15 phút." in message.body


@pytest.mark.parametrize("kind", NotificationKind.values)
def test_every_kind_renders_without_optional_context(kind):
    (message,) = notification_enqueue(
        kind=kind, now=NOW, dossier_code="X-1", phone="0912345678"
    )

    assert "None" not in message.body
    assert "  " not in message.body


def test_text_is_not_html_escaped():
    message = render("stopped", reason='theo đề nghị "rút" & hủy')

    assert 'theo đề nghị "rút" & hủy' in message.body


def test_long_reasons_are_shortened_to_keep_the_sms_short():
    message = render("refused", reason="không thuộc thẩm quyền " * 10)

    assert len(message.body) <= 160
    assert "…" in message.body


@pytest.mark.parametrize("kind", sorted(APPOINTMENT_KINDS))
def test_every_appointment_kind_is_one_sms_with_the_code_and_the_slot(kind):
    (message,) = notification_enqueue(
        kind=kind,
        now=NOW,
        phone="0912345678",
        context={
            "booking_code": "K7M2Q9XA",
            # The longest hall name of the demo, cut to fit.
            "hall": "Chi nhánh số 1 – TTPVHCC Hà Nội (Phường Ba Đình)",
            "slot": datetime(2026, 11, 18, 2, 30, tzinfo=UTC),  # 09:30 in Hà Nội
        },
    )

    assert len(message.body) <= 160, message.body
    assert "K7M2Q9XA" in message.body
    assert "09:30 18/11/2026" in message.body
    assert message.body.endswith("Hotline 1022")
    assert message.dossier_code == ""
    assert message.subject and "\n" not in message.subject
