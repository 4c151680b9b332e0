"""The delegation register (phân cấp / ủy quyền)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import AdministrativeUnit, Agency, UnitLevel
from motcua.core.errors import InvalidInput, NotFound
from motcua.procedures.choices import DelegationKind
from motcua.procedures.models import DelegationRecord, DelegationTarget, Procedure

# Targets are stored to four decimal places (0.3917 for 39.17 %).
RATIO_STEP = Decimal("0.0001")


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


def _day(value: date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def delegation_target_errors(
    *,
    province: AdministrativeUnit,
    valid_from: date,
    valid_to: date | None,
    target_ratio: Decimal,
    legal_basis: str,
    target_id: int | None = None,
) -> dict[str, str | Promise]:
    """Return why the target cannot be set, per field (empty: it can).

    The same check as ``delegation_target_set`` without the lock, so that a
    form can show the errors beside its fields.
    """
    errors: dict[str, str | Promise] = {}
    if province.level != UnitLevel.PROVINCE:
        errors["province"] = _("Choose a province.")
    if not target_ratio.is_finite() or not Decimal(0) <= target_ratio <= Decimal(1):
        errors["target_ratio"] = _(
            "The target is a fraction between 0 and 1 (0.20 for 20%)."
        )
    elif target_ratio != target_ratio.quantize(RATIO_STEP):
        errors["target_ratio"] = _(
            "Give at most four decimal places (0.3917 for 39.17%)."
        )
    if not legal_basis.strip():
        errors["legal_basis"] = _(
            "Name the decision that sets the target (e.g. its number)."
        )
    if valid_to is not None and valid_to <= valid_from:
        errors["valid_to"] = _("The end date must be after the start date.")
    elif "province" not in errors:
        clash = _overlapping_target(
            province=province,
            valid_from=valid_from,
            valid_to=valid_to,
            target_id=target_id,
        )
        if clash is not None:
            errors["valid_from"] = _overlap_message(clash)
    return errors


def _overlapping_target(
    *,
    province: AdministrativeUnit,
    valid_from: date,
    valid_to: date | None,
    target_id: int | None,
) -> DelegationTarget | None:
    others = DelegationTarget.objects.filter(province=province).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=valid_from)
    )
    if valid_to is not None:
        others = others.filter(valid_from__lt=valid_to)
    if target_id is not None:
        others = others.exclude(pk=target_id)
    return others.order_by("valid_from", "id").first()


def _overlap_message(clash: DelegationTarget) -> str:
    if clash.valid_to is None:
        return _(
            "The period overlaps the target in force from %(start)s with no end "
            "(%(basis)s); end that one first."
        ) % {"start": _day(clash.valid_from), "basis": clash.legal_basis}
    return _(
        "The period overlaps the target in force from %(start)s until %(end)s "
        "(%(basis)s)."
    ) % {
        "start": _day(clash.valid_from),
        "end": _day(clash.valid_to),
        "basis": clash.legal_basis,
    }


@transaction.atomic
def delegation_target_set(
    *,
    province: AdministrativeUnit,
    valid_from: date,
    valid_to: date | None,
    target_ratio: Decimal,
    legal_basis: str,
    note: str = "",
    target_id: int | None = None,
) -> DelegationTarget:
    """Set the share of procedures ``province`` is to delegate in a period.

    ``target_ratio`` is a fraction (0.20 for 20 %); the period includes
    ``valid_from`` and excludes ``valid_to`` (None: open). With ``target_id``
    the existing target is changed. Raises InvalidInput for a unit that is not
    a province, a ratio outside 0–1 or finer than 0.0001, an empty legal basis,
    dates out of order or a period overlapping another target of the province;
    NotFound for an unknown ``target_id``.
    """
    # Lock the province so that two periods cannot be set side by side unseen.
    AdministrativeUnit.objects.select_for_update().filter(pk=province.pk).first()
    target = DelegationTarget(province=province)
    if target_id is not None:
        found = DelegationTarget.objects.filter(pk=target_id).first()
        if found is None:
            raise NotFound(_("No such delegation target."))
        target = found
    errors = delegation_target_errors(
        province=province,
        valid_from=valid_from,
        valid_to=valid_to,
        target_ratio=target_ratio,
        legal_basis=legal_basis,
        target_id=target_id,
    )
    if errors:
        raise InvalidInput(
            _("The delegation target is not valid."), field_errors=errors
        )
    target.province = province
    target.valid_from = valid_from
    target.valid_to = valid_to
    target.target_ratio = target_ratio
    target.legal_basis = legal_basis.strip()
    target.note = note
    target.save()
    return target
