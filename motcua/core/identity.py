"""The personal ID number (số định danh cá nhân) and a birth date: one rule each.

Citizen Identification Law 2023 Art. 12: 12 digits set by the national population
database; there is no checksum, so the shape is checked (SPEC §7): digits 1–3 the
province of birth registration (001–096), digit 4 century and sex (0/1 the 1900s,
2/3 the 2000s; later centuries are not yet issued), digits 5–6 the year of birth,
then 6 random digits. A number that cannot exist (``000000000000``,
``999999999999``, a birth year to come) is refused. ASCII digits only: other
scripts' digits pass ``\\d`` but are no ID.
"""

from __future__ import annotations

import re
from datetime import date

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_SHAPE = re.compile(r"[0-9]{12}")
PROVINCE_CODES = range(1, 97)  # 001 Hà Nội … 096 Cà Mau (pre-2025 provinces)
CENTURY_OF_DIGIT = {0: 1900, 1: 1900, 2: 2000, 3: 2000}
EARLIEST_BIRTH = date(1900, 1, 1)


def personal_id_normalise(value: str) -> str:
    """The number as typed, without spaces."""
    return re.sub(r"\s", "", value or "")


def personal_id_problem(value: str, *, today: date | None = None) -> Promise | None:
    """Why ``value`` (normalised) cannot be a personal ID number, or None."""
    if not _SHAPE.fullmatch(value):
        return _("A personal ID number has exactly 12 digits.")
    if int(value[:3]) not in PROVINCE_CODES:
        return _(
            "The first 3 digits of a personal ID number code a province (001–096)."
        )
    century = CENTURY_OF_DIGIT.get(int(value[3]))
    year = None if century is None else century + int(value[4:6])
    if year is None or year > (today or timezone.localdate()).year:
        return _(
            "Digits 4 to 6 of this personal ID number give no possible birth year."
        )
    return None


def birth_date_problem(value: date, *, today: date | None = None) -> Promise | None:
    """Why ``value`` cannot be a living person's birth date, or None."""
    if value > (today or timezone.localdate()):
        return _("A birth date cannot be in the future.")
    if value < EARLIEST_BIRTH:
        return _("Check the birth date: it is before 1900.")
    return None
