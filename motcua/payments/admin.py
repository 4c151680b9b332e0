"""Django admin for payments: read-only, they are the record of what was paid.

Staff find the money to give back with the "refund due" filter.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from motcua.payments.models import Payment


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "created_at",
        "reference",
        "purpose",
        "amount_vnd",
        "gateway",
        "status",
        "gateway_transaction",
        "settled_at",
        "refund_due",
    )
    list_filter = ("refund_due", "refund_reason", "status", "gateway")
    search_fields = (
        "reference",
        "purpose",
        "gateway_transaction",
        "refund_transaction",
    )
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")
    list_per_page = 50
    fields = (
        ("reference", "status"),
        ("purpose", "description"),
        ("amount_vnd", "gateway", "gateway_transaction"),
        "failure_reason",
        "return_url",
        ("created_at", "settled_at"),
        ("refund_due", "refund_reason"),
        ("refund_transaction", "refund_flagged_at"),
    )
    readonly_fields = (
        "reference",
        "status",
        "purpose",
        "description",
        "amount_vnd",
        "gateway",
        "gateway_transaction",
        "failure_reason",
        "return_url",
        "created_at",
        "settled_at",
        "refund_due",
        "refund_reason",
        "refund_transaction",
        "refund_flagged_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: Payment | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: Payment | None = None
    ) -> bool:
        return False
