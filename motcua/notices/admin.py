"""Admin for service notices (publishing goes through the back office)."""

from __future__ import annotations

from django.contrib import admin

from motcua.notices.models import ServiceNotice, ServiceNoticeRecipient


@admin.register(ServiceNotice)
class ServiceNoticeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "agency", "starts_at", "ends_at", "is_published")
    list_filter = ("is_published", "affects_online_portal")
    search_fields = ("title", "description", "agency__code", "agency__name")
    # The catalogue holds thousands of procedures: pick them by id.
    raw_id_fields = ("agency", "procedures")
    filter_horizontal = ("service_points",)
    readonly_fields = ("published_at", "published_by")
    date_hierarchy = "starts_at"
    ordering = ("-starts_at", "-id")


@admin.register(ServiceNoticeRecipient)
class ServiceNoticeRecipientAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("notice", "dossier", "notified_at")
    search_fields = ("dossier__code", "notice__title")
    raw_id_fields = ("notice", "dossier")
    readonly_fields = ("notice", "dossier", "notified_at")
    ordering = ("-notified_at", "-id")
