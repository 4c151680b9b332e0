"""The personal ID number (số định danh cá nhân) and a birth date: one rule each.

Citizen Identification Law 2023 Art. 12: 12 digits set by the national population
database; there is no checksum, so the shape is checked (SPEC §7): digits 1–3 the
province of birth registration (001–096), digit 4 century and sex (0/1 the 1900s,
2/3 the 2000s; later centuries are not yet issued), digits 5–6 the year of birth,
then 6 random digits. A number that cannot exist (``000000000000``,
``999999999999``, a province that never had a code, a birth year to come) is
refused. ASCII digits only, after full-width digits (typed from some phones'
keyboards) are folded to them: other scripts' digits pass ``\\d`` but are no ID.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_SHAPE = re.compile(r"[0-9]{12}")
# The 63 provinces before the 2025 merger, by their codes in the list of
# administrative units (Decision 124/2004/QĐ-TTg: 01 Hà Nội … 96 Cà Mau), which
# the ID number carries with a leading 0. Codes of births registered after the
# merger keep these (the new provinces took one of their old codes).
PROVINCE_CODES = frozenset(
    {1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33}
    | {34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62}
    | {64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92}
    | {93, 94, 95, 96}
)
CENTURY_OF_DIGIT = {0: 1900, 1: 1900, 2: 2000, 3: 2000}
EARLIEST_BIRTH = date(1900, 1, 1)


def personal_id_normalise(value: str) -> str:
    """The number as typed, without spaces, full-width digits folded to ASCII."""
    folded = "".join(
        unicodedata.normalize("NFKC", char) if "０" <= char <= "９" else char
        for char in value or ""
    )
    return re.sub(r"\s", "", folded)


def personal_id_problem(value: str, *, today: date | None = None) -> Promise | None:
    """Why ``value`` (normalised) cannot be a personal ID number, or None."""
    if not _SHAPE.fullmatch(value):
        return _("A personal ID number has exactly 12 digits.")
    if int(value[:3]) not in PROVINCE_CODES:
        return _(
            "The first 3 digits of a personal ID number are the code of a "
            "province (001 Hà Nội … 096 Cà Mau): these are no province's code."
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
