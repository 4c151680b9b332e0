"""Admin of citizen profiles and data stores (read mostly: services write them)."""

from __future__ import annotations

from django.contrib import admin

from motcua.citizens.models import Citizen, StoredPaper


@admin.register(Citizen)
class CitizenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "id_number", "is_id_verified", "verified_at", "created_at")
    list_filter = ("is_id_verified",)
    search_fields = ("id_number", "user__full_name", "user__username")
    readonly_fields = (
        "user",
        "id_number",
        "is_id_verified",
        "verified_at",
        "created_at",
    )
    ordering = ("-created_at", "user_id")


@admin.register(StoredPaper)
class StoredPaperAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "owner", "kind", "dossier_code", "number", "created_at")
    list_filter = ("kind",)
    search_fields = ("name_folded", "dossier_code", "number", "owner__username")
    readonly_fields = ("owner", "kind", "file", "sha256", "size", "created_at")
    ordering = ("-created_at", "-id")
