"""Agencies and service points."""

from __future__ import annotations

from datetime import time
from typing import Annotated

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import WithJsonSchema

from motcua.agencies import selectors
from motcua.agencies.models import Agency, ServicePoint

router = Router()
service_point_router = Router()

# A local clock time such as "08:00:00" (the agency's own time zone): JSON
# Schema's "time" format would require an offset, which office hours do not have.
LocalTime = Annotated[
    time,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^[0-2][0-9]:[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$",
            "examples": ["08:00:00"],
        }
    ),
]


class AgencyOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    level: str
    unit_code: str | None
    parent_code: str | None
    work_start: LocalTime
    lunch_start: LocalTime
    lunch_end: LocalTime
    work_end: LocalTime
    reception_cutoff: LocalTime

    @staticmethod
    def resolve_unit_code(obj: Agency) -> str | None:
        return obj.unit.code if obj.unit else None

    @staticmethod
    def resolve_parent_code(obj: Agency) -> str | None:
        return obj.parent.code if obj.parent else None


class CounterOut(Schema):
    number: int
    label: str


class ServicePointOut(Schema):
    code: str
    name: str
    kind: str
    agency_code: str
    address: str
    phone: str
    opening_hours: str
    counters: list[CounterOut]
    receives_for: list[str]

    @staticmethod
    def resolve_agency_code(obj: ServicePoint) -> str:
        return obj.agency.code

    @staticmethod
    def resolve_counters(obj: ServicePoint) -> list[CounterOut]:
        return [
            CounterOut(number=c.number, label=c.label)
            for c in obj.counters.all()
            if c.is_active
        ]

    @staticmethod
    def resolve_receives_for(obj: ServicePoint) -> list[str]:
        return [a.code for a in obj.receives_for.all()]


@router.get("", response=list[AgencyOut], summary="List agencies")
@paginate(LimitOffsetPagination)
def agency_list(
    request: HttpRequest,
    q: str = "",
    level: str | None = None,
    kind: str | None = None,
    unit: str | None = None,
) -> object:
    return selectors.agency_list(query=q, level=level, kind=kind, unit_code=unit)


@router.get("/{code}", response=AgencyOut, summary="One agency by e-ID")
def agency_detail(request: HttpRequest, code: str) -> Agency:
    return selectors.agency_get(code=code)


@service_point_router.get("", response=list[ServicePointOut], summary="Service points")
@paginate(LimitOffsetPagination)
def service_point_list(
    request: HttpRequest, agency: str | None = None, receives_for: str | None = None
) -> object:
    """Where citizens can go: filter by operating agency or by agency received for."""
    return selectors.service_point_list(
        agency_code=agency, receives_for_code=receives_for
    )
