"""Admin of the catalogue, for staff who do not program."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.agencies.access import agencies_administered_by
from motcua.agencies.admin_scope import AgencyScopedAdmin, ReadableByAgencyAdmins
from motcua.core.errors import DomainError
from motcua.core.text import fold
from motcua.procedures.models import (
    DelegationRecord,
    DelegationTarget,
    InternalProcess,
    Procedure,
    ProcedureAgency,
    ProcedureChannel,
    ProcedureField,
    ProcedureResult,
    ProcessStep,
    RequiredPaper,
)
from motcua.procedures.services import (
    delegation_record,
    delegation_target_errors,
    delegation_target_set,
    expected_half_days,
    internal_process_copy_for_agency,
    internal_process_generate_default,
    procedure_save,
)


class ChannelInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ProcedureChannel
    extra = 0
    fields = [
        "position",
        "channel",
        "case_heading",
        "time_amount",
        "time_unit",
        "time_text",
        "fee_amount_vnd",
        "fee_set_locally",
        "fee_text",
    ]


class DocumentInline(admin.TabularInline):  # type: ignore[type-arg]
    model = RequiredPaper
    extra = 0
    fields = [
        "position",
        "case_heading",
        "name",
        "originals",
        "copies",
        "form_template",
        "is_note",
        "is_shown",
        "condition",
        "channel_scope",
    ]


class ResultInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ProcedureResult
    extra = 0


class AgencyInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ProcedureAgency
    extra = 0
    raw_id_fields = ["agency"]


_EDITED_LISTS: dict[type, str] = {
    ProcedureChannel: "channels",
    RequiredPaper: "documents",
    ProcedureResult: "results",
}


@admin.register(ProcedureField)
class ProcedureFieldAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name"]
    search_fields = ["name", "name_folded"]
    ordering = ["name"]

    def save_model(
        self, request: HttpRequest, obj: ProcedureField, form: Any, change: bool
    ) -> None:
        obj.name_folded = fold(obj.name)
        super().save_model(request, obj, form, change)


@admin.register(Procedure)
class ProcedureAdmin(ReadableByAgencyAdmins):
    list_display = [
        "code",
        "name",
        "field",
        "online_level",
        "is_no_wait",
        "is_same_day",
    ]
    list_filter = [
        "level_central",
        "level_province",
        "level_commune",
        "level_other",
        "online_level",
        "kind",
        "is_no_wait",
        "is_same_day",
        "source_group",
        "field",
    ]
    search_fields = ["code", "search_text"]
    ordering = ["code"]
    list_select_related = ["field"]
    readonly_fields = ["raw_record", "parse_issues", "created_at", "updated_at"]
    inlines = [ChannelInline, DocumentInline, ResultInline, AgencyInline]
    actions = ["regenerate_default_process", "copy_process_for_my_agencies"]

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("regenerate_default_process", None)
        return actions

    @admin.action(description=_("Make my agency's own editable internal process"))
    def copy_process_for_my_agencies(
        self, request: HttpRequest, queryset: QuerySet[Procedure]
    ) -> None:
        made = 0
        for agency in (
            agencies_administered_by(request.user)
            .filter(procedure_links__procedure__in=queryset)
            .distinct()
        ):
            for procedure in queryset.filter(agencies=agency).order_by("code"):
                try:
                    internal_process_copy_for_agency(procedure=procedure, agency=agency)
                except DomainError:
                    continue  # already has its own, or no default to copy
                made += 1
        self.message_user(
            request, _("%(count)d internal processes made.") % {"count": made}
        )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Procedure], search_term: str
    ) -> tuple[QuerySet[Procedure], bool]:
        # Staff type without accents: compare folded words with the folded column.
        return super().get_search_results(request, queryset, fold(search_term))

    def save_model(
        self, request: HttpRequest, obj: Procedure, form: Any, change: bool
    ) -> None:
        # A change is a correction of the catalogue: a re-import keeps it.
        procedure_save(procedure=obj, edited=form.changed_data if change else ())

    def save_formset(
        self, request: HttpRequest, form: Any, formset: Any, change: bool
    ) -> None:
        super().save_formset(request, form, formset, change)
        group = _EDITED_LISTS.get(formset.model)
        if group is not None and change and formset.has_changed():
            procedure_save(procedure=form.instance, edited=[group])

    @admin.action(description=_("Regenerate the default internal process"))
    def regenerate_default_process(
        self, request: HttpRequest, queryset: QuerySet[Procedure]
    ) -> None:
        done = sum(
            1
            for procedure in queryset.order_by("code")
            if internal_process_generate_default(procedure=procedure) is not None
        )
        self.message_user(
            request, _("%(count)d default processes generated.") % {"count": done}
        )


class StepFormSet(forms.BaseInlineFormSet):  # type: ignore[type-arg]
    """Check that the step quotas add up to the procedure's legal time."""

    def clean(self) -> None:
        super().clean()
        process: InternalProcess = self.instance
        if process.procedure_id is None:
            return
        expected = expected_half_days(procedure=process.procedure)
        total = sum(
            form.cleaned_data.get("quota_half_days") or 0
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
        if expected is not None and total != expected:
            raise forms.ValidationError(
                _(
                    "The step quotas add up to %(total)s half days but the legal time "
                    "is %(expected)s half days (1 working day = 2 half days)."
                )
                % {"total": total, "expected": expected}
            )


class StepInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ProcessStep
    formset = StepFormSet
    extra = 0
    ordering = ["position"]


@admin.register(InternalProcess)
class InternalProcessAdmin(AgencyScopedAdmin):
    """Agency administrators edit their own agency's processes (not the defaults)."""

    scoped_can_add = False
    list_display = ["procedure", "agency"]
    list_filter = [("agency", admin.EmptyFieldListFilter)]
    search_fields = ["procedure__code", "procedure__search_text", "agency__name"]
    autocomplete_fields = ["procedure"]
    raw_id_fields = ["agency"]
    list_select_related = ["procedure", "agency"]
    ordering = ["procedure__code", "id"]
    inlines = [StepInline]


class DelegationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = DelegationRecord
        fields = [
            "procedure",
            "kind",
            "from_agency",
            "to_agency",
            "legal_instrument",
            "valid_from",
            "valid_to",
            "note",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("from_agency") and data.get("from_agency") == data.get("to_agency"):
            self.add_error(
                "to_agency", _("An agency cannot delegate a procedure to itself.")
            )
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end <= start:
            self.add_error("valid_to", _("The end date must be after the start date."))
        return data


@admin.register(DelegationRecord)
class DelegationRecordAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = DelegationForm
    list_display = [
        "procedure",
        "kind",
        "from_agency",
        "to_agency",
        "valid_from",
        "valid_to",
    ]
    list_filter = ["kind", "valid_from"]
    search_fields = ["procedure__code", "procedure__search_text", "legal_instrument"]
    autocomplete_fields = ["procedure"]
    raw_id_fields = ["from_agency", "to_agency"]
    list_select_related = ["procedure", "from_agency", "to_agency"]
    ordering = ["-valid_from", "id"]

    def save_model(
        self, request: HttpRequest, obj: DelegationRecord, form: Any, change: bool
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        try:
            saved = delegation_record(
                procedure=obj.procedure,
                kind=obj.kind,
                from_agency=obj.from_agency,
                to_agency=obj.to_agency,
                legal_instrument=obj.legal_instrument,
                valid_from=obj.valid_from,
                valid_to=obj.valid_to,
                note=obj.note,
            )
        except DomainError as error:
            self.message_user(request, str(error.message), level=messages.ERROR)
            return
        obj.pk = saved.pk


class DelegationTargetForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = DelegationTarget
        fields = [
            "province",
            "valid_from",
            "valid_to",
            "target_ratio",
            "legal_basis",
            "note",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        needed = ("province", "valid_from", "target_ratio", "legal_basis")
        if any(data.get(name) is None for name in needed):
            return data  # a field's own error is shown already
        errors = delegation_target_errors(
            province=data["province"],
            valid_from=data["valid_from"],
            valid_to=data.get("valid_to"),
            target_ratio=data["target_ratio"],
            legal_basis=data["legal_basis"],
            target_id=self.instance.pk,
        )
        for name, message in errors.items():
            self.add_error(name if name in self.fields else None, str(message))
        return data


@admin.register(DelegationTarget)
class DelegationTargetAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Targets of the delegation report, per province and period (SPEC §2)."""

    form = DelegationTargetForm
    list_display = ["province", "valid_from", "valid_to", "target_ratio", "legal_basis"]
    list_filter = ["province"]
    search_fields = ["province__name", "legal_basis"]
    raw_id_fields = ["province"]
    list_select_related = ["province"]
    ordering = ["province__name", "-valid_from", "id"]

    def save_model(
        self, request: HttpRequest, obj: DelegationTarget, form: Any, change: bool
    ) -> None:
        try:
            saved = delegation_target_set(
                province=obj.province,
                valid_from=obj.valid_from,
                valid_to=obj.valid_to,
                target_ratio=obj.target_ratio,
                legal_basis=obj.legal_basis,
                note=obj.note,
                target_id=obj.pk if change else None,
            )
        except DomainError as error:  # another target saved in between
            self.message_user(request, str(error.message), level=messages.ERROR)
            return
        obj.pk = saved.pk
