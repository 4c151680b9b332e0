"""The procedure catalogue: search, detail, fields and the delegation report."""

from datetime import date
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
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
        return list(obj.documents.order_by("position"))

    @staticmethod
    def resolve_results(obj: Procedure) -> list[object]:
        return list(obj.results.order_by("position"))

    @staticmethod
    def resolve_default_process(obj: Procedure) -> list[object]:
        process = selectors.internal_process_for(procedure=obj)
        return list(process.steps.order_by("position")) if process else []


class DelegationReportOut(Schema):
    levels: list[str]
    on_date: date
    total: int
    delegated: int
    ratio_percent: Decimal
    target_percent: Decimal
    meets_target: bool


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
    summary="Delegated ÷ all procedures of the levels, against a target",
)
def delegation_report(
    request: HttpRequest,
    levels: str = "commune",
    on_date: date | None = None,
    target_percent: Decimal = Decimal(20),
) -> DelegationReportOut:
    report = selectors.delegation_report(
        levels=[level.strip() for level in levels.split(",") if level.strip()],
        on_date=on_date or timezone.localdate(),
        target_ratio=target_percent / 100,
    )
    return DelegationReportOut(
        levels=list(report.levels),
        on_date=report.on_date,
        total=report.total,
        delegated=report.delegated,
        ratio_percent=report.ratio_percent,
        target_percent=target_percent,
        meets_target=report.meets_target,
    )


@router.get("/{code}", response=ProcedureDetailOut, summary="One procedure by code")
def procedure_detail(request: HttpRequest, code: str) -> Procedure:
    return selectors.procedure_get(code=code)
