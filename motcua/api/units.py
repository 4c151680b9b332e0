"""Administrative units: search and detail (with the old→new succession)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from motcua.agencies import selectors
from motcua.agencies.models import AdministrativeUnit

router = Router()


class UnitOut(Schema):
    code: str
    name: str
    level: str
    kind: str
    generation: str
    parent_code: str | None
    parent_name: str | None

    @staticmethod
    def resolve_parent_code(obj: AdministrativeUnit) -> str | None:
        return obj.parent.code if obj.parent else None

    @staticmethod
    def resolve_parent_name(obj: AdministrativeUnit) -> str | None:
        return obj.parent.name if obj.parent else None


class UnitDetailOut(UnitOut):
    successors: list[UnitOut]
    predecessors: list[UnitOut]

    @staticmethod
    def resolve_successors(obj: AdministrativeUnit) -> list[AdministrativeUnit]:
        return list(selectors.unit_successors(obj))

    @staticmethod
    def resolve_predecessors(obj: AdministrativeUnit) -> list[AdministrativeUnit]:
        return list(selectors.unit_predecessors(obj))


@router.get("", response=list[UnitOut], summary="Search administrative units")
@paginate(LimitOffsetPagination)
def unit_list(
    request: HttpRequest,
    q: str = "",
    level: str | None = None,
    generation: str = "2025",
    parent: str | None = None,
) -> object:
    """Units of the two-level (`2025`) or three-level (`pre2025`) structure."""
    return selectors.unit_search(
        query=q, level=level, generation=generation, parent_code=parent
    )


@router.get("/{generation}/{level}/{code}", response=UnitDetailOut, summary="One unit")
def unit_detail(
    request: HttpRequest, generation: str, level: str, code: str
) -> AdministrativeUnit:
    """A unit with the units it became (successors) or came from (predecessors)."""
    return selectors.unit_get(generation=generation, level=level, code=code)
