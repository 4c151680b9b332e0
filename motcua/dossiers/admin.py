"""Admin: assignment rules (agency administrators manage their own) and a read-only
view of dossiers and their history for superusers. Dossiers change only through
the services (back office, API), never by editing rows here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.agencies.admin_scope import AgencyScopedAdmin
from motcua.dossiers.models import AssignmentRule, Dossier, DossierEvent


@admin.register(AssignmentRule)
class AssignmentRuleAdmin(AgencyScopedAdmin):
    scoped_can_delete = True
    list_display = (
        "name",
        "agency",
        "priority",
        "procedure",
        "field",
        "strategy",
        "is_active",
    )
    list_filter = ("strategy", "is_active")
    search_fields = ("name", "agency__code", "agency__name")
    autocomplete_fields = ("agency", "procedure", "field", "user")
    ordering = ("agency__code", "priority", "id")


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(admin.TabularInline):  # type: ignore[type-arg]
    model = DossierEvent
    fields = (
        "sequence",
        "at",
        "action",
        "actor_name",
        "actor_role",
        "to_status",
        "to_step",
        "judgement",
        "note",
    )
    readonly_fields = fields
    ordering = ("sequence",)
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = (
        "code",
        "procedure",
        "status",
        "step",
        "competent_agency",
        "received_at",
        "deadline_at",
    )
    list_filter = ("status", "step", "channel")
    search_fields = ("code",)
    list_select_related = ("procedure", "competent_agency")
    ordering = ("-received_at", "code")
    inlines = (EventInline,)
    # Personal data is shown (and its access logged) only in the back office.
    exclude = (
        "applicant_id_number",
        "applicant_birth_date",
        "applicant_address",
        "applicant_phone",
        "applicant_email",
        "filer_id_number",
        "filer_phone",
        "applicant_folded",
    )
