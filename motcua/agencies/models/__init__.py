"""Administrative units, agencies, service points, counters and staff roles."""

from motcua.agencies.models.agencies import Agency, AgencyKind, AgencyLevel
from motcua.agencies.models.places import Counter, ServicePoint, ServicePointKind
from motcua.agencies.models.staff import StaffAssignment, StaffRole
from motcua.agencies.models.units import (
    AdministrativeUnit,
    UnitGeneration,
    UnitLevel,
    UnitSuccession,
)

__all__ = [
    "AdministrativeUnit",
    "Agency",
    "AgencyKind",
    "AgencyLevel",
    "Counter",
    "ServicePoint",
    "ServicePointKind",
    "StaffAssignment",
    "StaffRole",
    "UnitGeneration",
    "UnitLevel",
    "UnitSuccession",
]
