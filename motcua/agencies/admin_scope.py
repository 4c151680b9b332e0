"""Let agency administrators manage their own agency in the admin, and nothing else.

A superuser sees everything. An active agency administrator (StaffRole.AGENCY_ADMIN)
sees and edits only the rows of the agencies they administer, without needing
Django model permissions: the role is the permission.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from motcua.agencies.access import agencies_administered_by


def administers_any(request: HttpRequest) -> bool:
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or agencies_administered_by(user).exists()


class AgencyScopedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Scope rows to ``agency_path`` (``"pk"`` for the Agency admin itself)."""

    agency_path = "agency"
    scoped_can_add = True
    scoped_can_delete = False

    def _scoped(self, request: HttpRequest) -> bool:
        return not request.user.is_superuser

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if not self._scoped(request):
            return queryset
        allowed = agencies_administered_by(request.user).values("pk")
        return queryset.filter(**{f"{self.agency_path}__in": allowed})

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or administers_any(request)

    def has_view_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return super().has_view_permission(request, obj) or administers_any(request)

    def has_change_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return super().has_change_permission(request, obj) or administers_any(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        allowed = super().has_add_permission(request, *args)
        return bool(allowed) or (self.scoped_can_add and administers_any(request))

    def has_delete_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed or (self.scoped_can_delete and administers_any(request))

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> Any:
        if self._scoped(request) and db_field.related_model.__name__ == "Agency":
            kwargs["queryset"] = agencies_administered_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReadableByAgencyAdmins(admin.ModelAdmin):  # type: ignore[type-arg]
    """Reference data an agency administrator may look up (for pickers), not edit."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or administers_any(request)

    def has_view_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return super().has_view_permission(request, obj) or administers_any(request)
