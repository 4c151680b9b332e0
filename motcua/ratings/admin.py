"""Admin for ratings and feedback (read mostly; answers go through the back office)."""

from __future__ import annotations

from django.contrib import admin

from motcua.ratings.models import Feedback, Rating


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("dossier", "score", "channel", "at")
    list_filter = ("score", "channel")
    search_fields = ("dossier__code",)
    raw_id_fields = ("dossier",)
    date_hierarchy = "at"
    ordering = ("-at", "-id")


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("id", "kind", "agency", "status", "received_at", "due_at")
    list_filter = ("kind", "status")
    search_fields = ("dossier__code", "content", "agency__code", "agency__name")
    raw_id_fields = ("dossier", "service_point", "agency", "answered_by")
    readonly_fields = ("received_at", "due_at", "answered_at", "answered_by")
    date_hierarchy = "received_at"
    ordering = ("-received_at", "-id")
