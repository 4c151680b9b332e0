"""The procedure catalogue: search, detail, fields and the delegation report."""

from datetime import date
from decimal import Decimal

from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from motcua.procedures import selectors
from motcua.procedures.models import Procedure

router = Router()


class FieldOut(Schema):
    id: int
    name: str


class ProcedureSummaryOut(Schema):
    code: str
    name: str
    field: str | None
    levels: list[str]
    online_level: str
    legal_time_amount: Decimal | None
    legal_time_unit: str | None
    is_no_wait: bool
    is_same_day: bool

    @staticmethod
    def resolve_field(obj: Procedure) -> str | None:
        return obj.field.name if obj.field else None

    @staticmethod
    def resolve_levels(obj: Procedure) -> list[str]:
        return [str(level) for level in obj.levels]


class ChannelOut(Schema):
    channel: str
    time_amount: Decimal | None
    time_unit: str | None
    time_text: str
    fee_text: str
    fee_amount_vnd: int | None
    description: str


class ProcedureDocumentOut(Schema):
    case_heading: str
    name: str
    originals: int
    copies: int
    form_template: str
    is_note: bool
    is_shown: bool = Field(description="Shown and handed back, not handed in.")
    condition: str = Field(description="When it is needed; empty: always.")
    channel_scope: str = Field(description='"online", "paper" or "" (any).')


class ResultOut(Schema):
    name: str
    code: str


class StepOut(Schema):
    position: int
    name: str
    role: str
    quota_half_days: int


class ProcedureDetailOut(ProcedureSummaryOut):
    kind: str
    subjects: str
    issuing_body: str
    competent_agency_text: str
    implementing_agency_text: str
    decision_number: str
    legal_basis_text: str
    legal_instruments: list[object]
    conditions: str
    steps_text: str
    source_url: str
    agencies: list[str]
    channels: list[ChannelOut]
    documents: list[ProcedureDocumentOut]
    results: list[ResultOut]
    default_process: list[StepOut]
    parse_issues: list[object]

    @staticmethod
    def resolve_agencies(obj: Procedure) -> list[str]:
        return [agency.code for agency in obj.agencies.order_by("code")]

    @staticmethod
    def resolve_channels(obj: Procedure) -> list[object]:
        return list(obj.channels.order_by("position"))

    @staticmethod
    def resolve_documents(obj: Procedure) -> list[object]:
        return list(obj.papers.order_by("position"))

    @staticmethod
    def resolve_results(obj: Procedure) -> list[object]:
        return list(obj.results.order_by("position"))

    @staticmethod
    def resolve_default_process(obj: Procedure) -> list[object]:
        process = selectors.internal_process_for(procedure=obj)
        return list(process.steps.order_by("position")) if process else []


class DelegationTargetOut(Schema):
    target_percent: Decimal = Field(description="20.00 for 20 %.")
    valid_from: date
    valid_to: date | None = Field(description="Excluded; null: open.")
    legal_basis: str


class DelegationReportOut(Schema):
    province: str = Field(description="The province's code.")
    province_name: str
    levels: list[str]
    on_date: date
    total: int = Field(description="The province's procedures of the levels.")
    delegated: int = Field(description="Of those, delegated on the date.")
    ratio_percent: Decimal
    target: DelegationTargetOut | None = Field(
        description="The target in force on the date; null: none is set."
    )
    meets_target: bool | None = Field(description="null: no target is set.")
    target_note: str = Field(description="Says so when no target is set.")


class CatalogueQuery(Schema):
    q: str = ""
    field: int | None = None
    level: str | None = None
    agency: str | None = None


@router.get("", response=list[ProcedureSummaryOut], summary="Search the catalogue")
@paginate(LimitOffsetPagination)
def procedure_list(request: HttpRequest, filters: Query[CatalogueQuery]) -> object:
    """Ignores diacritics and case; finds by code; best title match first."""
    return selectors.procedure_search(
        query=filters.q,
        field_id=filters.field,
        level=filters.level,
        agency_code=filters.agency,
    )


@router.get("/fields", response=list[FieldOut], summary="Fields of the catalogue")
def field_list(request: HttpRequest) -> object:
    return selectors.field_list()


@router.get(
    "/delegation-report",
    response=DelegationReportOut,
    summary="Delegated ÷ the province's procedures of the levels, against its target",
)
def delegation_report(
    request: HttpRequest,
    province: str,
    levels: str = "commune",
    on_date: date | None = None,
    generation: str = "2025",
) -> DelegationReportOut:
    """The target is the one stored for the province and in force on the date
    (set in the admin), never passed with the request."""
    report = selectors.delegation_report(
        province_code=province,
        generation=generation,
        levels=[level.strip() for level in levels.split(",") if level.strip()],
        on_date=on_date or timezone.localdate(),
    )
    return DelegationReportOut(
        province=report.province.code,
        province_name=report.province.name,
        levels=list(report.levels),
        on_date=report.on_date,
        total=report.total,
        delegated=report.delegated,
        ratio_percent=report.ratio_percent,
        target=_target_out(report),
        meets_target=report.meets_target,
        target_note=_target_note(report),
    )


def _target_out(report: selectors.DelegationReport) -> DelegationTargetOut | None:
    target, percent = report.target, report.target_percent
    if target is None or percent is None:
        return None
    return DelegationTargetOut(
        target_percent=percent,
        valid_from=target.valid_from,
        valid_to=target.valid_to,
        legal_basis=target.legal_basis,
    )


def _target_note(report: selectors.DelegationReport) -> str:
    if report.target is not None:
        return ""
    return _("No delegation target is set for %(province)s on %(date)s.") % {
        "province": report.province.name,
        "date": formats.date_format(report.on_date, "SHORT_DATE_FORMAT"),
    }


@router.get("/{code}", response=ProcedureDetailOut, summary="One procedure by code")
def procedure_detail(request: HttpRequest, code: str) -> Procedure:
    return selectors.procedure_get(code=code)
