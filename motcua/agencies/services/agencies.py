"""Create and change agencies (cơ quan)."""

from __future__ import annotations

from datetime import time
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from motcua.agencies.models import AdministrativeUnit, Agency
from motcua.core.errors import InvalidInput
from motcua.core.text import fold, nfc


class AgencyChanges(TypedDict, total=False):
    """Fields ``agency_update`` may change; a field left out stays as it is."""

    name: str
    short_name: str
    kind: str
    level: str
    unit: AdministrativeUnit | None
    parent: Agency | None
    work_start: time
    lunch_start: time
    lunch_end: time
    work_end: time
    reception_cutoff: time
    is_active: bool


def validate_model(instance: models.Model, *, what: str) -> None:
    """Run the model's checks; raise InvalidInput listing each field's problem."""
    try:
        instance.full_clean()
    except ValidationError as error:
        field_errors = {
            field: " ".join(str(message) for message in messages)
            for field, messages in error.message_dict.items()
        }
        raise InvalidInput(
            _("The %(what)s cannot be saved: %(errors)s")
            % {
                "what": what,
                "errors": "; ".join(f"{k}: {v}" for k, v in field_errors.items()),
            },
            field_errors=field_errors,
        ) from None


def _search_text(agency: Agency) -> str:
    return fold(f"{agency.name} {agency.short_name} {agency.code}")[:400]


@transaction.atomic
def agency_create(
    *,
    code: str,
    name: str,
    kind: str,
    level: str,
    short_name: str = "",
    unit: AdministrativeUnit | None = None,
    parent: Agency | None = None,
    work_start: time = time(8),
    lunch_start: time = time(12),
    lunch_end: time = time(13),
    work_end: time = time(17),
    reception_cutoff: time = time(15),
    is_active: bool = True,
) -> Agency:
    """Create an agency with its e-ID (Decision 20/2020/QĐ-TTg) and working hours.

    Raises InvalidInput for a badly shaped or taken e-ID, hours out of order, a
    cut-off outside the working day, or an unknown kind or level.
    """
    agency = Agency(
        code=code.strip(),
        name=nfc(name),
        short_name=nfc(short_name),
        kind=kind,
        level=level,
        unit=unit,
        parent=parent,
        work_start=work_start,
        lunch_start=lunch_start,
        lunch_end=lunch_end,
        work_end=work_end,
        reception_cutoff=reception_cutoff,
        is_active=is_active,
    )
    agency.search_text = _search_text(agency)
    validate_model(agency, what=_("agency"))
    agency.save()
    return agency


@transaction.atomic
def agency_update(*, agency: Agency, **changes: Unpack[AgencyChanges]) -> Agency:
    """Change the given fields of ``agency`` (the e-ID never changes).

    Raises InvalidInput as ``agency_create`` does, or when the agency would be
    placed under itself.
    """
    unknown = sorted(set(changes) - set(AgencyChanges.__annotations__))
    if unknown:
        raise InvalidInput(
            _("These agency fields cannot be changed: %(fields)s")
            % {"fields": ", ".join(unknown)}
        )
    for name, value in changes.items():
        if name in ("name", "short_name") and isinstance(value, str):
            value = nfc(value)
        setattr(agency, name, value)
    agency.search_text = _search_text(agency)
    try:
        validate_model(agency, what=_("agency"))
    except InvalidInput:
        agency.refresh_from_db()
        raise
    agency.save()
    return agency
