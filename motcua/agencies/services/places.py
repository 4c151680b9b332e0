"""Create and change service points (where citizens are received) and counters."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.agencies.models import (
    AdministrativeUnit,
    Agency,
    Counter,
    ServicePoint,
)
from motcua.agencies.services.agencies import validate_model
from motcua.core.errors import Conflict, InvalidInput
from motcua.core.text import nfc

DEFAULT_OPENING_HOURS = "Thứ Hai – Thứ Sáu: 08:00–12:00, 13:00–17:00"


def _province_id(unit: AdministrativeUnit | None) -> int | None:
    while unit is not None and unit.parent_id is not None:
        unit = unit.parent
    return unit.pk if unit is not None else None


def check_receives_for(
    *,
    agency: Agency,
    unit: AdministrativeUnit | None,
    receives_for: list[Agency],
) -> None:
    """Decree 118/2025 Art. 14: a point receives for the bodies of its own province.

    ``agency`` runs the point, ``unit`` is where it stands. Agencies or points
    without a unit are not checked (central bodies, drafts). Raises InvalidInput.
    """
    home = _province_id(unit or agency.unit)
    if home is None:
        return
    foreign = [a.code for a in receives_for if _province_id(a.unit) not in (None, home)]
    if foreign:
        raise InvalidInput(
            _("A service point receives only for agencies of its province: %(codes)s")
            % {"codes": ", ".join(foreign)},
            field_errors={"receives_for": _("agency of another province")},
        )


@transaction.atomic
def service_point_create(
    *,
    code: str,
    name: str,
    kind: str,
    agency: Agency,
    address: str,
    unit: AdministrativeUnit | None = None,
    phone: str = "",
    opening_hours: str = DEFAULT_OPENING_HOURS,
    receives_for: Iterable[Agency] = (),
    counter_count: int = 0,
) -> ServicePoint:
    """Create a service point run by ``agency``, with counters numbered 1…n.

    Raises InvalidInput for a taken code, a missing name or address, an unknown
    kind, or an agency received for that belongs to another province.
    """
    point = ServicePoint(
        code=code.strip(),
        name=nfc(name),
        kind=kind,
        agency=agency,
        unit=unit,
        address=nfc(address),
        phone=phone.strip(),
        opening_hours=nfc(opening_hours),
    )
    validate_model(point, what=_("service point"))
    point.save()
    service_point_set_receives_for(service_point=point, agencies=receives_for)
    Counter.objects.bulk_create(
        Counter(service_point=point, number=n) for n in range(1, counter_count + 1)
    )
    return point


@transaction.atomic
def service_point_set_receives_for(
    *, service_point: ServicePoint, agencies: Iterable[Agency]
) -> ServicePoint:
    """Set the agencies whose dossiers ``service_point`` receives (Decree 118/2025)."""
    chosen = list(agencies)
    check_receives_for(
        agency=service_point.agency, unit=service_point.unit, receives_for=chosen
    )
    service_point.receives_for.set(chosen)
    return service_point


@transaction.atomic
def counter_create(
    *, service_point: ServicePoint, number: int, label: str = ""
) -> Counter:
    """Add counter ``number`` to ``service_point``; raises Conflict if it exists."""
    if number < 1:
        raise InvalidInput(
            _("A counter number starts at 1."),
            field_errors={"number": _("must be 1 or more")},
        )
    if service_point.counters.filter(number=number).exists():
        raise Conflict(
            _("Counter %(number)d already exists at %(point)s.")
            % {"number": number, "point": service_point.name}
        )
    return Counter.objects.create(
        service_point=service_point, number=number, label=nfc(label)
    )
