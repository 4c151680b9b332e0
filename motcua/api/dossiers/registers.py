"""The register of an agency's dossiers (form 07), as PDF or Excel.

The ``operation_id``s are those published while the dossier API was one module
(see ``routes``); generated clients depend on them.
"""

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from motcua.api.auth import staff_auth
from motcua.api.dossiers.parsing import staff_user
from motcua.api.dossiers.printed_forms import file_response
from motcua.api.dossiers.schemas_out import ErrorOut
from motcua.dossiers import printing
from motcua.printed_forms.data import RegisterData
from motcua.printed_forms.rendering import form_pdf
from motcua.printed_forms.spreadsheets import register_xlsx

register_router = Router(auth=staff_auth)


class PeriodQuery(Schema):
    start: date | None = Field(None, description="first day (default: 1st of month)")
    end: date | None = Field(None, description="last day, included (default: today)")
    part: int | None = Field(
        None,
        ge=1,
        le=10_000,
        description="PDF only: the part of a long register (default 1). The "
        "answer's X-Register-Parts header says how many parts there are.",
    )


def _register(
    request: HttpRequest, agency_code: str, period: PeriodQuery
) -> RegisterData:
    return printing.register_data_for_user(
        user=staff_user(request),
        agency_code=agency_code,
        start_on=period.start,
        end_on=period.end,
        now=timezone.now(),
    )


@register_router.get(
    "/{agency_code}.pdf",
    response={200: None, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="The register (form 07) of an agency for a period, as PDF (in parts)",
    openapi_extra={"responses": {200: {"content": {"application/pdf": {}}}}},
    operation_id="motcua_api_dossiers_register_pdf",
)
def register_pdf(
    request: HttpRequest, agency_code: str, period: Query[PeriodQuery]
) -> HttpResponse:
    data = printing.register_part(_register(request, agency_code, period), period.part)
    name = f"{agency_code}-{data.start_on:%Y%m%d}-{data.end_on:%Y%m%d}"
    if data.parts > 1:
        name = f"{name}-{data.part}of{data.parts}"
    response = file_response(form_pdf(data), "application/pdf", f"{name}.pdf")
    response["X-Register-Parts"] = str(data.parts)
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@register_router.get(
    "/{agency_code}.xlsx",
    response={200: None, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="The register (form 07) of an agency for a period, as Excel",
    openapi_extra={"responses": {200: {"content": {XLSX: {}}}}},
    operation_id="motcua_api_dossiers_register_spreadsheet",
)
def register_spreadsheet(
    request: HttpRequest, agency_code: str, period: Query[PeriodQuery]
) -> HttpResponse:
    data = _register(request, agency_code, period)
    name = f"{agency_code}-{data.start_on:%Y%m%d}-{data.end_on:%Y%m%d}.xlsx"
    return file_response(register_xlsx(data), XLSX, name)
