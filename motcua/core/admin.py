"""Admin of the brand kit: one row, edited by an administrator, never deleted."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from motcua.core.brand import brand_default
from motcua.core.models import BrandKit


@admin.register(BrandKit)
class BrandKitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    fieldsets = (
        (_("Names"), {"fields": ("system_name", "unit_name", "slogan", "hotline")}),
        (_("Logo"), {"fields": ("logo",)}),
        (
            _("Colours"),
            {
                "fields": (
                    "primary_colour",
                    "accent_colour",
                    "ink_colour",
                    "page_colour",
                ),
                "description": _(
                    "Colours are written #rrggbb. White on the primary colour and the "
                    "text colour on the page background need a contrast of at least "
                    "4.5:1 (WCAG 2.1). See the result on the /brand/ page."
                ),
            },
        ),
        (_("Type sizes"), {"fields": ("body_size", "h2_size", "h1_size")}),
    )
    list_display = ("system_name", "unit_name", "hotline", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not BrandKit.objects.exists()

    def has_delete_permission(
        self, request: HttpRequest, obj: BrandKit | None = None
    ) -> bool:
        return False

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """Start a new kit from the defaults in use (``settings.MOTCUA_BRAND``)."""
        default = brand_default()
        return {
            "system_name": default.system_name,
            "unit_name": default.unit_name,
            "hotline": default.hotline,
            "slogan": default.slogan,
            "primary_colour": default.primary_colour,
            "accent_colour": default.accent_colour,
        }

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Go straight to the one kit: a list of one row only adds a click."""
        kit = BrandKit.objects.filter(singleton=True).first()
        if kit is not None and self.has_change_permission(request, kit):
            url = reverse("admin:core_brandkit_change", args=[kit.pk])
            return HttpResponseRedirect(url)
        return super().changelist_view(request, extra_context)
