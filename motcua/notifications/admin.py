"""Django admin for the outbox: staff see what was sent, what failed and why.

Messages are read-only (the text is what the citizen received); the only action
is "retry now", for after the cause of a failure has been fixed.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.notifications.models import OutboxMessage
from motcua.notifications.services import outbox_message_retry


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "created_at",
        "dossier_code",
        "kind",
        "channel",
        "recipient",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
    )
    list_filter = ("status", "channel", "kind")
    search_fields = ("dossier_code", "recipient", "recipient_name")
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")
    list_per_page = 50
    actions = ("retry_now",)
    fields = (
        ("kind", "channel", "status"),
        ("dossier_code", "recipient", "recipient_name"),
        "subject",
        "body",
        ("attempts", "next_attempt_at"),
        "last_error",
        ("created_at", "sent_at"),
    )
    readonly_fields = (
        "kind",
        "channel",
        "status",
        "dossier_code",
        "recipient",
        "recipient_name",
        "subject",
        "body",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: OutboxMessage | None = None
    ) -> bool:
        # The outbox is the record of what citizens were told.
        return False

    @admin.action(description=_("Retry now"), permissions=["change"])
    def retry_now(
        self, request: HttpRequest, queryset: QuerySet[OutboxMessage]
    ) -> None:
        ids = list(queryset.values_list("id", flat=True))
        count = outbox_message_retry(ids=ids, now=timezone.now())
        self.message_user(
            request,
            ngettext(
                "%(count)d message will be sent again.",
                "%(count)d messages will be sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
