"""Plain values the services take from interfaces (forms, API, portal)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import InvalidInput
from motcua.core.identity import (
    birth_date_problem,
    personal_id_normalise,
    personal_id_problem,
)
from motcua.dossiers.choices import ApplicantKind

# Enterprise codes are the 10-digit tax code, 13 with a branch suffix.
_ORGANISATION_ID = re.compile(r"[0-9]{10}(-?[0-9]{3})?")


@dataclass(frozen=True, slots=True)
class ApplicantInput:
    """The applicant (chủ hồ sơ), and the filer acting for them if any."""

    name: str
    id_number: str
    kind: str = ApplicantKind.PERSON
    birth_date: date | None = None
    address: str = ""
    unit_id: int | None = None
    phone: str = ""
    email: str = ""
    filer_name: str = ""
    filer_id_number: str = ""
    filer_phone: str = ""
    authorisation_paper: str = ""

    def __post_init__(self) -> None:
        # One reading of an ID wherever it is typed: no spaces, full-width
        # digits folded to ASCII (core.identity).
        object.__setattr__(self, "id_number", personal_id_normalise(self.id_number))
        filer = personal_id_normalise(self.filer_id_number)
        object.__setattr__(self, "filer_id_number", filer)

    def errors(self) -> dict[str, str | Promise]:
        """Return the problems per field (empty when usable)."""
        errors: dict[str, str | Promise] = {}
        if not self.name.strip():
            errors["applicant_name"] = _("The applicant's name is required.")
        if self.kind == ApplicantKind.PERSON:
            problem = personal_id_problem(self.id_number)
            if problem is not None:
                errors["applicant_id_number"] = problem
        elif not _ORGANISATION_ID.fullmatch(self.id_number):
            errors["applicant_id_number"] = _(
                "An enterprise code has 10 digits (13 for a branch)."
            )
        if self.birth_date is not None:
            born = birth_date_problem(self.birth_date)
            if born is not None:
                errors["applicant_birth_date"] = born
        if self.filer_id_number:
            filer = personal_id_problem(self.filer_id_number)
            if filer is not None:
                errors["filer_id_number"] = filer
        if self.filer_name.strip() and not self.authorisation_paper.strip():
            errors["authorisation_paper"] = _(
                "A filer acting for the applicant needs an authorisation paper."
            )
        return errors


@dataclass(frozen=True, slots=True)
class PaperTick:
    """One checklist item: provided, or taken by reference to data held
    (Decree 45/2020 Art. 4: papers the authorities hold are not asked again)."""

    required_paper_id: int
    is_provided: bool = True
    reference: str = ""
    # A file already in the default storage (an online upload), by its name there.
    file: str = ""


@dataclass(frozen=True, slots=True)
class FeeLine:
    """A fee or charge asked of the applicant."""

    name: str
    amount_vnd: int


@dataclass(frozen=True, slots=True)
class PaidFee:
    """A fee already paid online when the dossier was filed."""

    name: str
    amount_vnd: int
    paid_at: datetime
    payment_method: str
    receipt_number: str


def supplement_items_clean(items: Sequence[str]) -> list[str]:
    """Return the listed items, trimmed; form 02 must list every missing item at once.

    Raises:
        InvalidInput: no item listed.
    """
    cleaned = [item.strip() for item in items if item.strip()]
    if not cleaned:
        raise InvalidInput(
            _("List every missing item in the supplement request."),
            field_errors={"items": _("At least one item is required.")},
        )
    return cleaned


def required_text(value: str, field: str, message: str) -> str:
    """``value`` stripped; refused when blank (``message``, the field required).

    Raises:
        InvalidInput: on ``field``.
    """
    if not value.strip():
        raise InvalidInput(message, field_errors={field: _("This field is required.")})
    return value.strip()
