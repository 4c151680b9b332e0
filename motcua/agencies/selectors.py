"""Read queries on units, agencies, service points and staff; explicitly ordered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.agencies.models import (
    AdministrativeUnit,
    Agency,
    Counter,
    ServicePoint,
    StaffAssignment,
    UnitGeneration,
    UnitLevel,
)
from motcua.core.errors import InvalidInput, NotFound
from motcua.core.text import fold

if TYPE_CHECKING:
    from motcua.accounts.models import User

# Agency trees are shallow (ministry → department → office); this bounds a bad cycle.
_MAX_TREE_DEPTH = 10


def _check_choice(value: str | None, choices: list[str], name: str) -> None:
    if value is not None and value not in choices:
        raise InvalidInput(
            _("Unknown %(name)s %(value)r; choose among %(known)s.")
            % {"name": name, "value": value, "known": ", ".join(choices)},
            field_errors={name: _("unknown value")},
        )


def unit_search(
    *,
    query: str = "",
    level: str | None = None,
    generation: str | None = UnitGeneration.TWO_LEVEL,
    parent_code: str | None = None,
) -> QuerySet[AdministrativeUnit]:
    """Return units whose name contains ``query`` (ignoring accents) or coded so.

    Ordered by generation, level, code. Raises InvalidInput for an unknown level or
    generation.
    """
    _check_choice(level, UnitLevel.values, "level")
    _check_choice(generation, UnitGeneration.values, "generation")
    units = AdministrativeUnit.objects.select_related("parent")
    if generation:
        units = units.filter(generation=generation)
    if level:
        units = units.filter(level=level)
    if parent_code:
        units = units.filter(parent__code=parent_code)
    folded = fold(query)
    if folded:
        units = units.filter(Q(search_text__contains=folded) | Q(code=query.strip()))
    return units.order_by("generation", "level", "code", "id")


def unit_get(*, generation: str, level: str, code: str) -> AdministrativeUnit:
    """Return one unit by its code; raises NotFound."""
    try:
        return AdministrativeUnit.objects.select_related("parent").get(
            generation=generation, level=level, code=code
        )
    except AdministrativeUnit.DoesNotExist:
        raise NotFound(
            _("No %(level)s with code %(code)s in the %(generation)s structure.")
            % {"level": level, "code": code, "generation": generation}
        ) from None


def unit_successors(unit: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    """Return the new units an old unit was merged into (wholly or partly)."""
    return (
        AdministrativeUnit.objects.filter(predecessions__old_unit=unit)
        .select_related("parent")
        .order_by("code", "id")
    )


def unit_predecessors(unit: AdministrativeUnit) -> QuerySet[AdministrativeUnit]:
    """Return the old units merged (wholly or partly) into a new unit."""
    return (
        AdministrativeUnit.objects.filter(successions__new_unit=unit)
        .select_related("parent")
        .order_by("level", "code", "id")
    )


def unit_descendant_ids(unit_id: int) -> Q:
    """Return a filter on ``unit`` matching the unit and everything below it.

    Units are at most three levels deep (province → district → commune).
    """
    return (
        Q(unit_id=unit_id)
        | Q(unit__parent_id=unit_id)
        | Q(unit__parent__parent_id=unit_id)
    )


def agency_list(
    *,
    query: str = "",
    level: str | None = None,
    kind: str | None = None,
    unit_code: str | None = None,
    active_only: bool = True,
) -> QuerySet[Agency]:
    """Return agencies matching the filters, ordered by e-ID.

    ``unit_code`` matches the agency's own unit code (either structure).
    """
    agencies = Agency.objects.select_related("unit", "parent")
    if active_only:
        agencies = agencies.filter(is_active=True)
    if level:
        agencies = agencies.filter(level=level)
    if kind:
        agencies = agencies.filter(kind=kind)
    if unit_code:
        agencies = agencies.filter(unit__code=unit_code)
    folded = fold(query)
    if folded:
        agencies = agencies.filter(search_text__contains=folded)
    return agencies.order_by("code", "id")


def agency_get(*, code: str) -> Agency:
    """Return the agency with e-ID ``code``; raises NotFound."""
    try:
        return Agency.objects.select_related("unit", "parent").get(code=code.strip())
    except Agency.DoesNotExist:
        raise NotFound(
            _("No agency has the electronic identifier %(code)s.") % {"code": code}
        ) from None


def agency_descendant_ids(root: Agency) -> set[int]:
    """Return the ids of ``root`` and every agency below it in the agency tree."""
    found = {root.pk}
    frontier = {root.pk}
    for _depth in range(_MAX_TREE_DEPTH):
        frontier = set(
            Agency.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=found)
            .values_list("pk", flat=True)
        )
        if not frontier:
            break
        found |= frontier
    return found


def agency_tree(root: Agency) -> QuerySet[Agency]:
    """Return ``root`` and all agencies below it, ordered by e-ID."""
    return (
        Agency.objects.filter(pk__in=agency_descendant_ids(root))
        .select_related("unit", "parent")
        .order_by("code", "id")
    )


def service_point_list(
    *,
    agency_code: str | None = None,
    receives_for_code: str | None = None,
    active_only: bool = True,
) -> QuerySet[ServicePoint]:
    """Return service points run by, or receiving dossiers for, the given agencies.

    Counters and the agencies received for are prefetched; ordered by code.
    """
    points = ServicePoint.objects.select_related("agency", "unit").prefetch_related(
        Prefetch("counters", queryset=Counter.objects.order_by("number", "id")),
        Prefetch("receives_for", queryset=Agency.objects.order_by("code", "id")),
    )
    if active_only:
        points = points.filter(is_active=True)
    if agency_code:
        points = points.filter(agency__code=agency_code)
    if receives_for_code:
        points = points.filter(receives_for__code=receives_for_code).distinct()
    return points.order_by("code", "id")


def staff_roles_of(user: User) -> QuerySet[StaffAssignment]:
    """Return the user's active role assignments, ordered by agency e-ID then role."""
    return (
        StaffAssignment.objects.filter(
            user=user, is_active=True, agency__is_active=True
        )
        .select_related("agency")
        .order_by("agency__code", "role", "id")
    )
