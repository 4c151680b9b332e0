"""The day policies in force at a hall on a day, merged into their effects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from motcua.queueing.models import DayPolicy


@dataclass(frozen=True)
class DayEffects:
    """What a hall's policies of one day ask the product to do."""

    names: tuple[str, ...] = ()
    no_paper_receipt: bool = False
    prefilled_declaration: bool = False
    booking_priority: bool = False
    open_until: time | None = None

    def __bool__(self) -> bool:
        return bool(self.names)


def day_effects(*, service_point_id: int, day: date) -> DayEffects:
    """The effects of the hall's active policies that apply on ``day``."""
    policies = [
        policy
        for policy in DayPolicy.objects.filter(
            service_point_id=service_point_id, is_active=True
        ).order_by("id")  # in the order the hall made them
        if policy.applies_on(day)
    ]
    if not policies:
        return DayEffects()
    hours = [p.open_until for p in policies if p.open_until is not None]
    return DayEffects(
        names=tuple(p.name for p in policies),
        no_paper_receipt=any(p.no_paper_receipt for p in policies),
        prefilled_declaration=any(p.prefilled_declaration for p in policies),
        booking_priority=any(p.booking_priority for p in policies),
        open_until=max(hours) if hours else None,
    )
