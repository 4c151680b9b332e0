"""Django admin for units, successions, agencies, service points and staff roles.

Forms run the models' ``clean`` (hours in order, cut-off within the day, e-ID
shape, supervisor level), so a mistake shows a message on the field, not an error
page. Searches ignore accents: "ba dinh" finds "Ba Đình".
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.accounts.admin import UserAdmin as AccountsUserAdmin
from motcua.accounts.lockout import account_unlock
from motcua.accounts.models import User
from motcua.accounts.second_factor import second_factor_reset
from motcua.agencies.access import agencies_administered_by
from motcua.agencies.admin_scope import (
    AgencyScopedAdmin,
    ReadableByAgencyAdmins,
    administers_any,
)
from motcua.agencies.models import (
    AdministrativeUnit,
    Agency,
    Counter,
    ServicePoint,
    StaffAssignment,
    UnitSuccession,
)
from motcua.agencies.services.places import check_receives_for
from motcua.citizens.services import citizen_account_access_log
from motcua.core.errors import InvalidInput
from motcua.core.text import fold


class FoldedSearchMixin:
    """Search with the folded term so that accents and case do not matter."""

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        return super().get_search_results(  # type: ignore[misc, no-any-return]
            request, queryset, fold(search_term)
        )


class SuccessionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = UnitSuccession
    fk_name = "old_unit"
    verbose_name = _("became (new unit)")
    verbose_name_plural = _("became (new units)")
    fields = ("new_unit", "note")
    readonly_fields = ("new_unit", "note")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PredecessionInline(SuccessionInline):
    fk_name = "new_unit"
    verbose_name = _("formed from (old unit)")
    verbose_name_plural = _("formed from (old units)")
    fields = ("old_unit", "note")
    readonly_fields = ("old_unit", "note")


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(FoldedSearchMixin, ReadableByAgencyAdmins):
    """Read-mostly: the units come from the statistics office (``import_units``)."""

    list_display = ("code", "name", "kind", "level", "generation", "parent")
    list_filter = ("generation", "level")
    search_fields = ("code", "search_text")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    ordering = ("generation", "level", "code")
    show_full_result_count = False
    inlines = (SuccessionInline, PredecessionInline)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Official data: deleting a unit would drop its successions and orphan
        # addresses; a wrong unit is corrected, or re-imported, instead.
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # The official code identifies the unit; correcting it means a new unit.
        return ("generation", "level", "code") if obj else ()

    def save_model(
        self, request: HttpRequest, obj: AdministrativeUnit, form: Any, change: bool
    ) -> None:
        obj.search_text = fold(obj.name)
        super().save_model(request, obj, form, change)


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("old_unit", "new_unit", "note")
    list_filter = ("note",)
    search_fields = ("old_unit__search_text", "new_unit__search_text")
    list_select_related = ("old_unit", "new_unit")
    autocomplete_fields = ("old_unit", "new_unit")
    ordering = ("new_unit__code", "old_unit__code")
    show_full_result_count = False

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        folded, code = fold(search_term), search_term.strip()
        if not folded:
            return queryset, False
        match = (
            Q(old_unit__search_text__contains=folded)
            | Q(new_unit__search_text__contains=folded)
            | Q(old_unit__code=code)
            | Q(new_unit__code=code)
        )
        return queryset.filter(match), False


class ServicePointInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ServicePoint
    fk_name = "agency"
    fields = ("code", "name", "kind", "address", "is_active")
    extra = 0
    show_change_link = True


class StaffAssignmentInline(admin.TabularInline):  # type: ignore[type-arg]
    model = StaffAssignment
    fields = ("user", "role", "is_active")
    autocomplete_fields = ("user",)
    extra = 0


@admin.register(Agency)
class AgencyAdmin(FoldedSearchMixin, AgencyScopedAdmin):
    agency_path = "pk"
    scoped_can_add = False
    list_display = ("code", "name", "kind", "level", "unit", "parent", "is_active")
    list_filter = ("level", "kind", "is_active")
    search_fields = ("code", "search_text")
    list_select_related = ("unit", "parent")
    autocomplete_fields = ("unit", "parent")
    ordering = ("code",)
    inlines = (ServicePointInline, StaffAssignmentInline)
    fieldsets = (
        (None, {"fields": ("code", "name", "short_name", "kind", "level")}),
        (_("Place in the organisation"), {"fields": ("unit", "parent", "is_active")}),
        (
            _("Working hours"),
            {
                "fields": (
                    ("work_start", "lunch_start", "lunch_end", "work_end"),
                    "reception_cutoff",
                ),
                "description": _(
                    "Equal lunch start and end mean no lunch break. Dossiers "
                    "received at or after the cut-off count from the next working day."
                ),
            },
        ),
    )

    def save_model(
        self, request: HttpRequest, obj: Agency, form: Any, change: bool
    ) -> None:
        obj.search_text = fold(f"{obj.name} {obj.short_name} {obj.code}")[:400]
        super().save_model(request, obj, form, change)


class CounterInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Counter
    fields = ("number", "label", "is_active")
    extra = 0
    ordering = ("number",)


class ServicePointForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ServicePoint
        fields = (
            "code",
            "name",
            "kind",
            "agency",
            "unit",
            "address",
            "phone",
            "opening_hours",
            "receives_for",
            "is_active",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agencies, agency = data.get("receives_for"), data.get("agency")
        if agencies is not None and agency is not None:
            try:
                check_receives_for(
                    agency=agency, unit=data.get("unit"), receives_for=list(agencies)
                )
            except InvalidInput as error:
                raise forms.ValidationError(str(error.message)) from None
        return data


@admin.register(ServicePoint)
class ServicePointAdmin(AgencyScopedAdmin):
    form = ServicePointForm
    list_display = ("code", "name", "kind", "agency", "unit", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name", "address")
    list_select_related = ("agency", "unit")
    autocomplete_fields = ("agency", "unit")
    filter_horizontal = ("receives_for",)
    ordering = ("code",)
    inlines = (CounterInline,)


@admin.register(StaffAssignment)
class StaffAssignmentAdmin(AgencyScopedAdmin):
    scoped_can_delete = True
    list_display = ("user", "role", "agency", "is_active")
    list_filter = ("role", "is_active", "agency__level")
    search_fields = (
        "user__username",
        "user__full_name",
        "agency__code",
        "agency__name",
    )
    list_select_related = ("user", "agency")
    autocomplete_fields = ("user", "agency")
    ordering = ("agency__code", "user__username", "role")


# Agency administrators create and edit the accounts of their own staff (never
# permissions or superuser status, never a citizen's account); superusers keep
# the full user admin, and each citizen account they open is logged.
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(AccountsUserAdmin):
    limited_fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Contact"), {"fields": ("full_name", "email", "phone")}),
        (_("Status"), {"fields": ("is_active",)}),
    )
    actions = ("unlock_sign_in", "reset_second_factor")

    @admin.action(
        description=_("Reset the second factor (lost phone: set up a new app)")
    )
    def reset_second_factor(
        self, request: HttpRequest, queryset: QuerySet[Any]
    ) -> None:
        for account in queryset:
            second_factor_reset(user=account)
        self.message_user(
            request,
            ngettext(
                "Second factor reset for %(count)d account: it sets up a new app "
                "at its next login.",
                "Second factor reset for %(count)d accounts: they set up a new app "
                "at their next login.",
                len(queryset),
            )
            % {"count": len(queryset)},
        )

    @admin.action(description=_("Unlock sign-in (forget the failed logins)"))
    def unlock_sign_in(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for account in queryset:
            account_unlock(username=account.username)
        self.message_user(
            request,
            ngettext(
                "Sign-in unlocked for %(count)d account.",
                "Sign-in unlocked for %(count)d accounts.",
                len(queryset),
            )
            % {"count": len(queryset)},
        )

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if request.user.is_superuser or obj is None:
            return super().get_fieldsets(request, obj)
        return self.limited_fieldsets

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        managed = agencies_administered_by(request.user).values("pk")
        return (
            queryset.filter(
                Q(assignments__agency__in=managed) | Q(assignments__isnull=True),
                is_superuser=False,
            )
            # A citizen account has no role either: it must never be listed here.
            .exclude(citizen__isnull=False)
            .distinct()
        )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        account = self.get_object(request, object_id)
        staff = request.user
        if account is not None and isinstance(staff, User):
            citizen_account_access_log(
                staff=staff,
                account=account,
                purpose=f"admin {request.method.lower()}"
                if request.method
                else "admin",
                now=timezone.now(),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or administers_any(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) or administers_any(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) or administers_any(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) or administers_any(request)
