"""Admin for the holiday announcements: staff add each year's notice here."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from motcua.calendars.models import HolidayEntry


@admin.register(HolidayEntry)
class HolidayEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("date", "weekday", "kind", "name_vi", "name_en", "updated_at")
    list_filter = ("kind",)
    search_fields = ("name_vi", "name_en", "source", "note")
    date_hierarchy = "date"
    ordering = ("-date", "-id")
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("date", "kind", "name_vi", "name_en")}),
        (_("Where it comes from"), {"fields": ("source", "note")}),
        (_("History"), {"fields": ("created_at", "updated_at")}),
    )

    @admin.display(description=_("weekday"), ordering="date")
    def weekday(self, entry: HolidayEntry) -> str:
        return entry.date.strftime("%a")
