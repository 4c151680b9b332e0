"""Two provinces with their bodies, for the delegation report and its targets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from motcua.agencies.models import (
    AdministrativeUnit,
    Agency,
    AgencyKind,
    AgencyLevel,
    UnitGeneration,
    UnitLevel,
)
from motcua.procedures.choices import DelegationKind
from motcua.procedures.models import DelegationRecord, Procedure, ProcedureAgency
from motcua.procedures.services import delegation_record


def unit(code: str, level: str, parent: AdministrativeUnit | None = None):
    return AdministrativeUnit.objects.create(
        generation=UnitGeneration.TWO_LEVEL,
        level=level,
        code=code,
        name=f"Unit {code}",
        parent=parent,
    )


def agency(code: str, level: str, place: AdministrativeUnit) -> Agency:
    return Agency.objects.create(
        code=code,
        name=f"UBND {code}",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        level=level,
        unit=place,
    )


def procedure(code: str, *, commune: bool = True, province: bool = False):
    return Procedure.objects.create(
        code=code,
        name=f"Thủ tục {code}",
        level_commune=commune,
        level_province=province,
    )


@dataclass
class Province:
    unit: AdministrativeUnit
    city: Agency  # the province's People's Committee
    ward: Agency  # a commune's People's Committee

    def carries_out(self, *procedures: Procedure) -> None:
        for item in procedures:
            ProcedureAgency.objects.create(procedure=item, agency=self.ward)

    def delegate(
        self,
        item: Procedure,
        *,
        valid_from: date = date(2025, 7, 1),
        valid_to: date | None = None,
    ) -> DelegationRecord:
        return delegation_record(
            procedure=item,
            kind=DelegationKind.DELEGATION,
            from_agency=self.city,
            to_agency=self.ward,
            legal_instrument="Quyết định 1/2025/QĐ-UBND",
            valid_from=valid_from,
            valid_to=valid_to,
        )


def province(code: str, e_id: str) -> Province:
    """A province ``code`` with its committee ``e_id`` and one commune's."""
    place = unit(code, UnitLevel.PROVINCE)
    commune = unit(f"{code}001", UnitLevel.COMMUNE, parent=place)
    return Province(
        unit=place,
        city=agency(e_id, AgencyLevel.PROVINCE, place),
        ward=agency(f"{e_id}.001", AgencyLevel.COMMUNE, commune),
    )
