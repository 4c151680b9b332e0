"""Default internal process of a procedure, planned from its legal time (pure code).

SPEC §2: steps with quotas in ½ working days (1 day = 8 working hours) that add
up to the legal time. How a legal time becomes a number of ½ days:

* working days: × 2 (1.5 days → 3); a fraction below ½ day is dropped.
* working hours: ÷ 4, rounded down, at least 1 (1 hour → ½ day): the quota then
  exceeds the legal time and :func:`legal_half_days` reports it as inexact.
* calendar days: × 5/7 working days (a week has 5 working days), rounded down,
  at least ½ day; the real deadline still follows the calendar (SPEC §5).
* months: 22 working days a month (the deadline itself adds calendar months).
* same day: one working day (2 × ½ day).
* no unit (the portal shows a bare number): read as working days, the most
  common unit; the import has flagged the record.

Steps: reception ½ day, processing (the rest), approval (½ day, 1 day from 4
days up), result return ½ day. Very short times merge steps: 1½ days → reception,
processing, approval with return; 1 day → reception, processing with approval and
return; ½ day → a single step at the counter.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from motcua.agencies.models import StaffRole
from motcua.procedures.choices import TimeUnit

WORKING_DAYS_PER_MONTH = 22
_CALENDAR_TO_WORKING = Decimal(5) / Decimal(7)
_HOURS_PER_HALF_DAY = 4

# Step names are data shown to Vietnamese staff (editable in the admin).
RECEPTION = "Tiếp nhận hồ sơ"  # reception
PROCESSING = "Thẩm định, xử lý hồ sơ"  # processing
APPROVAL = "Phê duyệt, ký kết quả"  # approval
RESULT_RETURN = "Trả kết quả"  # result return
APPROVAL_AND_RETURN = "Phê duyệt, ký và trả kết quả"
PROCESSING_AND_RETURN = "Xử lý, phê duyệt và trả kết quả"
AT_THE_COUNTER = "Tiếp nhận, giải quyết và trả kết quả tại quầy"


@dataclass(frozen=True, slots=True)
class StepPlan:
    name: str
    role: StaffRole
    quota_half_days: int


def legal_half_days(amount: Decimal, unit: str | None) -> tuple[int, bool]:
    """Return the legal time in ½ working days and whether it is exact."""
    if unit == TimeUnit.SAME_DAY:
        return 2, True
    if unit == TimeUnit.WORKING_HOURS:
        halves = amount / _HOURS_PER_HALF_DAY
    elif unit == TimeUnit.DAYS:
        halves = amount * 2 * _CALENDAR_TO_WORKING
    elif unit == TimeUnit.MONTHS:
        halves = amount * 2 * WORKING_DAYS_PER_MONTH
    else:  # working days, or no unit read as working days
        halves = amount * 2
    whole = int(halves.to_integral_value(rounding=ROUND_FLOOR))
    exact = whole == halves or unit in (TimeUnit.DAYS, TimeUnit.MONTHS)
    return max(whole, 1), exact and whole >= 1


def default_steps(total_half_days: int) -> list[StepPlan]:
    """Split ``total_half_days`` (at least 1) into the default steps."""
    if total_half_days < 1:
        raise ValueError("a process needs at least ½ working day")
    if total_half_days == 1:
        return [StepPlan(AT_THE_COUNTER, StaffRole.RECEPTION_OFFICER, 1)]
    if total_half_days == 2:
        return [
            StepPlan(RECEPTION, StaffRole.RECEPTION_OFFICER, 1),
            StepPlan(PROCESSING_AND_RETURN, StaffRole.SPECIALIST, 1),
        ]
    if total_half_days == 3:
        return [
            StepPlan(RECEPTION, StaffRole.RECEPTION_OFFICER, 1),
            StepPlan(PROCESSING, StaffRole.SPECIALIST, 1),
            StepPlan(APPROVAL_AND_RETURN, StaffRole.AGENCY_LEADER, 1),
        ]
    approval = 2 if total_half_days >= 8 else 1
    return [
        StepPlan(RECEPTION, StaffRole.RECEPTION_OFFICER, 1),
        StepPlan(PROCESSING, StaffRole.SPECIALIST, total_half_days - 2 - approval),
        StepPlan(APPROVAL, StaffRole.AGENCY_LEADER, approval),
        StepPlan(RESULT_RETURN, StaffRole.RECEPTION_OFFICER, 1),
    ]
