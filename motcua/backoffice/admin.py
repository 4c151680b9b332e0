"""Admin for the holiday announcements: staff add or correct a day here.

It lives in the back office, not in ``calendars``, because every change recounts
the open dossiers' deadlines it moves (with an event in each history), which the
calendar layer cannot reach. A whole year's file is imported on the back office's
holiday calendar page or with ``manage.py import_holidays``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import User
from motcua.calendars.models import HolidayEntry
from motcua.dossiers.services.calendar_changes import dossier_deadlines_recompute


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

    def _recount(self, request: HttpRequest, days: list[date]) -> None:
        if not days:
            return
        listed = ", ".join(day.strftime("%d/%m/%Y") for day in sorted(days))
        actor = request.user if isinstance(request.user, User) else None
        changes = dossier_deadlines_recompute(
            since=min(days),
            reason=gettext("The holiday calendar was corrected by hand: %(days)s.")
            % {"days": listed},
            now=timezone.now(),
            actor=actor,
        )
        self.message_user(
            request,
            gettext("Open dossiers whose deadline moved: %(count)d.")
            % {"count": len(changes)},
            messages.INFO,
        )

    def save_model(
        self, request: HttpRequest, obj: HolidayEntry, form: Any, change: bool
    ) -> None:
        before = HolidayEntry.objects.filter(pk=obj.pk).values_list("date", flat=True)
        days = [obj.date, *before]
        super().save_model(request, obj, form, change)
        self._recount(request, days)

    def delete_model(self, request: HttpRequest, obj: HolidayEntry) -> None:
        day = obj.date
        super().delete_model(request, obj)
        self._recount(request, [day])

    def delete_queryset(
        self, request: HttpRequest, queryset: QuerySet[HolidayEntry]
    ) -> None:
        days = list(queryset.values_list("date", flat=True))
        super().delete_queryset(request, queryset)
        self._recount(request, days)
