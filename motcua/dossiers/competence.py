"""Which agency decides a dossier received at a service point (a read).

Decree 118/2025 Art. 14: a point receives regardless of administrative boundary,
so the counter must name the agency that decides. The rule, stated once and used
by the counter screen, the API and the services:

- the candidates are the agencies the catalogue links to the procedure (active,
  in the service point's province) whose level is one the procedure is carried
  out at (a commune-level procedure is decided by a commune's body, never by the
  city's service centre that received it);
- a procedure the catalogue links to no agency yet is decided by the point's own
  agency or one it receives for, at a level the procedure is carried out at;
- the default is the only candidate, else the one of the applicant's commune,
  else the one of the service point's commune; otherwise the officer chooses.
"""

from __future__ import annotations

from django.db.models import Q

from motcua.agencies.models import (
    AdministrativeUnit,
    Agency,
    AgencyLevel,
    ServicePoint,
    UnitLevel,
)
from motcua.agencies.selectors import unit_descendant_ids
from motcua.procedures.models import Procedure, ProcedureAgency


def _province_of(unit: AdministrativeUnit | None) -> AdministrativeUnit | None:
    while unit is not None and unit.level != UnitLevel.PROVINCE:
        unit = unit.parent
    return unit


def procedure_agency_levels(procedure: Procedure) -> set[str] | None:
    """The agency levels that carry the procedure out; None: any (not stated,
    or "another body")."""
    levels = {
        AgencyLevel.CENTRAL: procedure.level_central,
        AgencyLevel.PROVINCE: procedure.level_province,
        AgencyLevel.COMMUNE: procedure.level_commune,
    }
    if procedure.level_other or not any(levels.values()):
        return None
    return {str(level) for level, held in levels.items() if held}


def competent_agencies(
    procedure: Procedure, service_point: ServicePoint
) -> list[Agency]:
    """The agencies that may decide ``procedure`` received at ``service_point``,
    ordered by e-ID (see the module's rule)."""
    levels = procedure_agency_levels(procedure)
    linked = ProcedureAgency.objects.filter(procedure=procedure)
    if linked.exists():
        found = Agency.objects.filter(pk__in=linked.values("agency_id"), is_active=True)
        province = _province_of(service_point.unit or service_point.agency.unit)
        if province is not None:
            found = found.filter(unit_descendant_ids(province.pk))
    else:
        found = Agency.objects.filter(
            Q(pk=service_point.agency_id) | Q(reception_points=service_point),
            is_active=True,
        )
    if levels is not None:
        found = found.filter(level__in=levels)
    return list(found.select_related("unit").distinct().order_by("code", "id"))


def competent_agency_default(
    procedure: Procedure,
    service_point: ServicePoint,
    *,
    unit_id: int | None = None,
) -> Agency | None:
    """The agency the counter proposes, or None when the officer must choose.

    ``unit_id`` is the applicant's commune (or the one the officer chose).
    """
    candidates = competent_agencies(procedure, service_point)
    if len(candidates) == 1:
        return candidates[0]
    for commune in (unit_id, service_point.unit_id):
        if commune is None:
            continue
        here = [agency for agency in candidates if agency.unit_id == commune]
        if len(here) == 1:
            return here[0]
    return None
