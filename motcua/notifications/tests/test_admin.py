"""Staff see the outbox in the admin and can send failed messages again."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from motcua.notifications.models import MessageStatus, OutboxMessage
from motcua.notifications.tests.conftest import make_message

pytestmark = [
    pytest.mark.urls("motcua.notifications.tests.admin_urls"),
    pytest.mark.django_db,
]

CHANGELIST = "admin:notifications_outboxmessage_changelist"


@pytest.fixture
def messages():
    return {
        "failed": make_message(
            status=MessageStatus.FAILED, attempts=2, last_error="gateway down"
        ),
        "sent": make_message(
            status=MessageStatus.SENT,
            channel="email",
            recipient="an@example.vn",
            dossier_code="H26-0002",
        ),
    }


@pytest.mark.parametrize(
    "query",
    ["", "?status__exact=failed", "?channel__exact=sms", "?kind__exact=received"],
)
def test_the_list_renders_with_each_filter(admin_client, messages, query):
    response = admin_client.get(reverse(CHANGELIST) + query)

    assert response.status_code == 200
    assert "0912345678" in response.content.decode()


def test_search_finds_a_message_by_dossier_code(admin_client, messages):
    response = admin_client.get(reverse(CHANGELIST) + "?q=H26-0002")

    assert list(response.context["cl"].result_list) == [messages["sent"]]


def test_the_list_takes_a_fixed_number_of_queries(
    admin_client, messages, django_assert_max_num_queries
):
    for _ in range(20):
        make_message()
    with django_assert_max_num_queries(12):
        admin_client.get(reverse(CHANGELIST))


def test_a_message_shows_its_error_read_only_and_cannot_be_added_or_deleted(
    admin_client, messages
):
    failed = messages["failed"]
    change = reverse("admin:notifications_outboxmessage_change", args=[failed.pk])

    response = admin_client.get(change)

    assert response.status_code == 200
    page = response.content.decode()
    assert "gateway down" in page
    assert 'name="body"' not in page
    assert (
        admin_client.get(reverse("admin:notifications_outboxmessage_add")).status_code
        == 403
    )
    delete = reverse("admin:notifications_outboxmessage_delete", args=[failed.pk])
    assert admin_client.get(delete).status_code == 403


def test_retry_now_makes_the_selected_messages_due_and_sends_them(
    admin_client, messages, data_dir, django_capture_on_commit_callbacks
):
    failed = messages["failed"]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse(CHANGELIST),
            {
                "action": "retry_now",
                "_selected_action": [failed.pk, messages["sent"].pk],
            },
            follow=True,
        )

    assert response.status_code == 200
    assert "1 tin nhắn sẽ được gửi lại" in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == MessageStatus.SENT  # the eager task ran after commit
    assert (data_dir / "outbox" / "sms.jsonl").exists()


def test_staff_who_may_only_view_see_the_list_but_cannot_retry(
    client, messages, django_user_model
):
    clerk = django_user_model.objects.create_user(
        username="lan", password="x", is_staff=True
    )
    clerk.user_permissions.add(Permission.objects.get(codename="view_outboxmessage"))
    client.force_login(clerk)

    assert client.get(reverse(CHANGELIST)).status_code == 200
    response = client.post(
        reverse(CHANGELIST),
        {"action": "retry_now", "_selected_action": [messages["failed"].pk]},
    )

    assert response.status_code == 200  # the admin answers "no action selected"
    assert OutboxMessage.objects.get(pk=messages["failed"].pk).status == "failed"


def test_a_user_who_is_not_staff_is_sent_to_the_login(
    client, messages, django_user_model
):
    client.force_login(
        django_user_model.objects.create_user(username="dan", password="x")
    )

    assert client.get(reverse(CHANGELIST)).status_code == 302
