"""Writes on units, agencies, service points and staff; each runs in one transaction."""

from motcua.agencies.services.agencies import (
    AgencyChanges,
    agency_create,
    agency_update,
)
from motcua.agencies.services.places import (
    counter_create,
    service_point_create,
    service_point_set_receives_for,
)
from motcua.agencies.services.staff import staff_assign, staff_revoke
from motcua.agencies.services.units import UnitImportReport, units_import

__all__ = [
    "AgencyChanges",
    "UnitImportReport",
    "agency_create",
    "agency_update",
    "counter_create",
    "service_point_create",
    "service_point_set_receives_for",
    "staff_assign",
    "staff_revoke",
    "units_import",
]
