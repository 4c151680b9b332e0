"""The hall's set-up in the admin: service lines and the kiosks and displays.

An agency administrator manages the lines and devices of their agency's halls
only (``AgencyScopedAdmin``); a device's page shows the address to open on it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from motcua.agencies.access import agencies_administered_by
from motcua.agencies.admin_scope import AgencyScopedAdmin
from motcua.agencies.models import Counter, ServicePoint
from motcua.queueing.models import (
    DayPolicy,
    HallDevice,
    PriorityCategory,
    ServiceLine,
)


class HallScopedAdmin(AgencyScopedAdmin):
    """Rows of a hall, scoped to the halls of the administrator's agencies."""

    agency_path = "service_point__agency"
    scoped_can_delete = True

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> Any:
        if self._scoped(request):
            allowed = agencies_administered_by(request.user).values("pk")
            if db_field.related_model is ServicePoint:
                kwargs["queryset"] = ServicePoint.objects.filter(agency__in=allowed)
            elif db_field.related_model is Counter:
                kwargs["queryset"] = Counter.objects.filter(
                    service_point__agency__in=allowed
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> Any:
        if self._scoped(request) and db_field.related_model is Counter:
            allowed = agencies_administered_by(request.user).values("pk")
            kwargs["queryset"] = Counter.objects.filter(
                service_point__agency__in=allowed
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(ServiceLine)
class ServiceLineAdmin(HallScopedAdmin):
    list_display = ("prefix", "name", "service_point", "skill", "is_active")
    list_filter = ("is_active",)
    search_fields = ("prefix", "name", "service_point__name", "service_point__code")
    list_select_related = ("service_point",)
    autocomplete_fields = ("procedures",)
    filter_horizontal = ("counters",)
    ordering = ("service_point__code", "prefix")


@admin.register(HallDevice)
class HallDeviceAdmin(HallScopedAdmin):
    list_display = (
        "name",
        "kind",
        "service_point",
        "counter",
        "is_active",
        "last_seen_at",
    )
    list_filter = ("kind", "is_active")
    search_fields = ("name", "service_point__name", "service_point__code")
    list_select_related = ("service_point", "counter")
    readonly_fields = ("address", "last_seen_at")
    fields = (
        "service_point",
        "kind",
        "name",
        "counter",
        "voice",
        "is_active",
        "address",
        "last_seen_at",
    )
    ordering = ("service_point__code", "kind", "name")

    @admin.display(description=_("address to open on the device"))
    def address(self, device: HallDevice) -> SafeString | str:
        if not device.key:
            return str(_("given when the device is saved"))
        path = reverse("portal:hall_device", args=[device.key])
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', path, path
        )


@admin.register(PriorityCategory)
class PriorityCategoryAdmin(HallScopedAdmin):
    list_display = ("name", "weight", "service_point", "ordering", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "service_point__name", "service_point__code")
    list_select_related = ("service_point",)
    ordering = ("service_point__code", "ordering", "name")


@admin.register(DayPolicy)
class DayPolicyAdmin(HallScopedAdmin):
    list_display = (
        "name",
        "service_point",
        "weekdays",
        "starts_on",
        "ends_on",
        "no_paper_receipt",
        "prefilled_declaration",
        "booking_priority",
        "open_until",
        "is_active",
    )
    list_filter = ("is_active", "no_paper_receipt", "prefilled_declaration")
    search_fields = ("name", "service_point__name", "service_point__code")
    list_select_related = ("service_point",)
    ordering = ("service_point__code", "name")
