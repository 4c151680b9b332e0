from decimal import Decimal

import pytest

from motcua.procedures.choices import TimeUnit
from motcua.procedures.process_plans import default_steps, legal_half_days


@pytest.mark.parametrize("total", range(1, 40))
def test_default_quotas_add_up_to_the_legal_time(total):
    steps = default_steps(total)
    assert sum(step.quota_half_days for step in steps) == total
    assert all(step.quota_half_days >= 1 for step in steps)


def test_a_long_process_has_reception_processing_approval_and_return():
    steps = default_steps(14)  # 7 working days
    assert [s.quota_half_days for s in steps] == [1, 10, 2, 1]


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        ("7", TimeUnit.WORKING_DAYS, (14, True)),
        ("1.5", TimeUnit.WORKING_DAYS, (3, True)),
        ("8", TimeUnit.WORKING_HOURS, (2, True)),
        ("1", TimeUnit.WORKING_HOURS, (1, False)),
        ("7", TimeUnit.DAYS, (10, True)),
        ("1", TimeUnit.MONTHS, (44, True)),
        ("1", TimeUnit.SAME_DAY, (2, True)),
        ("3", None, (6, True)),
    ],
)
def test_legal_time_in_half_days(amount, unit, expected):
    assert legal_half_days(Decimal(amount), unit) == expected
