"""The delegation register (phân cấp / ủy quyền)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.core.errors import InvalidInput
from motcua.procedures.choices import DelegationKind
from motcua.procedures.models import DelegationRecord, Procedure


@transaction.atomic
def delegation_record(
    *,
    procedure: Procedure,
    kind: str,
    from_agency: Agency,
    to_agency: Agency,
    legal_instrument: str,
    valid_from: date,
    valid_to: date | None = None,
    note: str = "",
) -> DelegationRecord:
    """Record that ``from_agency`` delegates or authorises ``procedure``.

    The record is valid from ``valid_from`` (included) until ``valid_to``
    (excluded; None = open). Raises InvalidInput for an unknown kind, the same
    agency on both sides, an empty instrument or dates out of order.
    """
    errors = {}
    if kind not in DelegationKind.values:
        errors["kind"] = _("Choose delegation or authorisation.")
    if from_agency.pk == to_agency.pk:
        errors["to_agency"] = _("An agency cannot delegate a procedure to itself.")
    if not legal_instrument.strip():
        errors["legal_instrument"] = _("Name the legal instrument (e.g. its number).")
    if valid_to is not None and valid_to <= valid_from:
        errors["valid_to"] = _("The end date must be after the start date.")
    if errors:
        raise InvalidInput(
            _("The delegation record is not valid."), field_errors=errors
        )
    return DelegationRecord.objects.create(
        procedure=procedure,
        kind=kind,
        from_agency=from_agency,
        to_agency=to_agency,
        legal_instrument=legal_instrument.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
    )
