"""Look up a citizen in the national population data by personal ID number.

The counter screen fills the applicant's name, birth date and address from here so
that the citizen writes nothing (Decree 45/2020 Art. 4: do not ask again for data the
authorities hold). A deployment plugs its real connection (through the provincial
data-sharing platform) in with ``MOTCUA_POPULATION_ADAPTER``; the default is a demo
adapter with invented people, never a hard dependency (SPEC §7).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from motcua.core.errors import InvalidInput
from motcua.core.identity import personal_id_normalise, personal_id_problem

# Citizen Identification Law 2023 Art. 12: 12 digits; no checksum exists (SPEC §7).


@dataclass(frozen=True, slots=True)
class Citizen:
    personal_id: str
    full_name: str
    birth_date: date | None
    sex: str  # "male" / "female" as read from the 4th digit
    address: str


class PopulationAdapter(Protocol):
    def citizen_get(self, personal_id: str) -> Citizen | None:
        """Return the citizen with ``personal_id``, or None if there is none."""


def personal_id_check(personal_id: str) -> str:
    """Return the normalised ID or raise InvalidInput (``core.identity``)."""
    value = personal_id_normalise(personal_id)
    problem = personal_id_problem(value)
    if problem is not None:
        raise InvalidInput(str(problem), field_errors={"personal_id": problem})
    return value


def century_and_sex(personal_id: str) -> tuple[int, str]:
    """Digit 4 codes century and sex: 0/1 = 1900s male/female, 2/3 = 2000s, …"""
    digit = int(personal_id[3])
    return 1900 + 100 * (digit // 2), "female" if digit % 2 else "male"


class DemoPopulationAdapter:
    """DEMO DATA: invents a stable person for any well-formed ID (no real data)."""

    FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
    MIDDLE = {"male": ["Văn", "Đức", "Quang", "Minh"], "female": ["Thị", "Thu", "Ngọc"]}
    GIVEN = {
        "male": ["Hùng", "Minh", "Nam", "Dũng", "Tuấn", "Long", "Bình", "Khoa"],
        "female": ["Lan", "Hoa", "Mai", "Hương", "Trang", "Linh", "Thảo", "Ngân"],
    }
    STREETS = ["Phố Đội Cấn", "Phố Kim Mã", "Phố Hàng Bông", "Phố Tràng Tiền"]

    def citizen_get(self, personal_id: str) -> Citizen | None:
        personal_id = personal_id_check(personal_id)
        if personal_id.endswith("000000"):
            return None  # lets demos and tests show "not found"
        century, sex = century_and_sex(personal_id)
        n = int(personal_id[6:])
        year = century + int(personal_id[4:6])
        name = " ".join(
            (
                self.FAMILY[n % len(self.FAMILY)],
                self.MIDDLE[sex][n // 7 % len(self.MIDDLE[sex])],
                self.GIVEN[sex][n // 11 % len(self.GIVEN[sex])],
            )
        )
        birth = date(year, n % 12 + 1, n % 28 + 1)
        street = self.STREETS[n % len(self.STREETS)]
        address = f"Số {n % 200 + 1} {street}, Phường Ba Đình, Thành phố Hà Nội"
        return Citizen(personal_id, name, birth, sex, address)


@cache
def _adapter(path: str) -> PopulationAdapter:
    adapter: PopulationAdapter = import_string(path)()
    return adapter


def population_adapter() -> PopulationAdapter:
    return _adapter(settings.MOTCUA_POPULATION_ADAPTER)


def citizen_lookup(*, personal_id: str) -> Citizen | None:
    """Find a citizen through the configured adapter (InvalidInput for a bad ID)."""
    return population_adapter().citizen_get(personal_id_check(personal_id))
