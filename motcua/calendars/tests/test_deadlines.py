from datetime import UTC, datetime, time
from decimal import Decimal

import pytest

from motcua.calendars import deadlines as deadlines_module
from motcua.calendars.deadlines import (
    TimeUnit,
    apply_pauses,
    base_deadline,
    compute_deadline,
    count_start,
    merge_pauses,
)
from motcua.calendars.hours import WorkingHours
from motcua.calendars.workcalendar import CalendarRangeError
from motcua.core.errors import InvalidInput

from .conftest import local


def deadline(calendar, received_at, amount, unit, pauses=()):
    return compute_deadline(
        calendar,
        received_at=received_at,
        amount=Decimal(amount),
        unit=unit,
        pauses=pauses,
    ).deadline_at


# -- start of the count ---------------------------------------------------------


@pytest.mark.parametrize(
    ("received_at", "starts_at"),
    [
        (local(2026, 3, 2, 9, 30), local(2026, 3, 2, 9, 30)),  # in the morning
        (local(2026, 3, 2, 0, 0), local(2026, 3, 2, 8)),  # midnight
        (local(2026, 3, 2, 7, 0), local(2026, 3, 2, 8)),  # before opening
        (local(2026, 3, 2, 12, 0), local(2026, 3, 2, 13)),  # noon: lunch starts
        (local(2026, 3, 2, 12, 30), local(2026, 3, 2, 13)),  # in the lunch break
        (local(2026, 3, 2, 14, 59), local(2026, 3, 2, 14, 59)),  # just before cut-off
        (local(2026, 3, 2, 15, 0), local(2026, 3, 3, 8)),  # exactly the cut-off
        (local(2026, 3, 2, 16, 30), local(2026, 3, 3, 8)),  # after the cut-off
        (local(2026, 3, 2, 18, 0), local(2026, 3, 3, 8)),  # after closing
        (local(2026, 3, 6, 23, 59), local(2026, 3, 9, 8)),  # Friday night
        (local(2026, 3, 7, 10, 0), local(2026, 3, 9, 8)),  # Saturday
        (local(2026, 8, 22, 10, 0), local(2026, 8, 22, 10)),  # make-up Saturday
        (local(2026, 2, 18, 9, 0), local(2026, 2, 23, 8)),  # during Tết
        (local(2026, 2, 12, 15, 30), local(2026, 2, 13, 8)),  # the brief's example
        (local(2025, 5, 2, 9, 0), local(2025, 5, 5, 8)),  # swapped day off
    ],
)
def test_counting_starts_as_spec_section_5_says(calendar, received_at, starts_at):
    assert count_start(calendar, received_at) == starts_at


def test_received_between_closing_and_a_late_cutoff_starts_the_next_day(
    build_calendar,
):
    late_cutoff = build_calendar(WorkingHours(cutoff=time(18)))
    assert count_start(late_cutoff, local(2026, 3, 2, 17, 30)) == local(2026, 3, 3, 8)


def test_an_agency_without_lunch_break_counts_through_noon(build_calendar):
    straight = build_calendar(WorkingHours(periods=((time(7, 30), time(16, 30)),)))
    assert count_start(straight, local(2026, 3, 2, 12, 15)) == local(2026, 3, 2, 12, 15)
    assert deadline(straight, local(2026, 3, 2, 7, 30), "1", "working_days") == local(
        2026, 3, 2, 16, 30
    )


# -- deadlines by unit ----------------------------------------------------------


def test_five_working_days_from_before_tet_end_after_it(calendar):
    result = compute_deadline(
        calendar,
        received_at=local(2026, 2, 12, 15, 30),
        amount=Decimal(5),
        unit="working_days",
    )
    assert result.count_started_at == local(2026, 2, 13, 8)
    assert result.deadline_at == local(2026, 2, 26, 17)
    assert result.unpaused_deadline_at == result.deadline_at
    assert result.unit is TimeUnit.WORKING_DAYS
    assert (result.amount, result.paused_minutes) == (Decimal(5), 0)


@pytest.mark.parametrize(
    ("received_at", "amount", "unit", "expected"),
    [
        (local(2026, 3, 2, 8), "0.5", "working_days", local(2026, 3, 2, 12)),
        (local(2026, 3, 2, 12, 30), "0.5", "working_days", local(2026, 3, 2, 17)),
        (local(2026, 3, 2, 8), "1", "working_days", local(2026, 3, 2, 17)),
        (local(2026, 3, 2, 10), "1", "working_days", local(2026, 3, 3, 10)),
        (local(2026, 3, 2, 10), "2", "working_hours", local(2026, 3, 2, 12)),
        (local(2026, 3, 2, 10), "4", "working_hours", local(2026, 3, 2, 15)),
        (local(2026, 3, 2, 10), "0.25", "working_hours", local(2026, 3, 2, 10, 15)),
        (local(2026, 3, 6, 14), "8", "working_hours", local(2026, 3, 9, 14)),
        # make-up Saturdays are worked
        (local(2025, 4, 25, 8), "2", "working_days", local(2025, 4, 26, 17)),
        (local(2026, 1, 9, 8), "2", "working_days", local(2026, 1, 10, 17)),
        # swapped days off are not
        (local(2025, 4, 29, 8), "2", "working_days", local(2025, 5, 5, 17)),
        (local(2026, 8, 28, 8), "2", "working_days", local(2026, 9, 3, 17)),
        # Vietnam Culture Day 2026
        (local(2026, 11, 23, 8), "2", "working_days", local(2026, 11, 25, 17)),
        # compensatory days off
        (local(2024, 2, 7, 8), "2", "working_days", local(2024, 2, 15, 17)),
    ],
)
def test_working_time_deadlines(calendar, received_at, amount, unit, expected):
    assert deadline(calendar, received_at, amount, unit) == expected


@pytest.mark.parametrize(
    ("received_at", "amount", "unit", "expected"),
    [
        (local(2026, 3, 2, 10), "3", "days", local(2026, 3, 5, 17)),
        (local(2026, 3, 2, 10), "5", "days", local(2026, 3, 9, 17)),  # Sat → Mon
        (local(2026, 2, 10, 10), "7", "days", local(2026, 2, 23, 17)),  # into Tết
        (local(2026, 2, 12, 16), "1", "days", local(2026, 2, 23, 17)),
        (local(2025, 12, 31, 9), "2", "months", local(2026, 3, 2, 17)),  # 31 → 28 Feb
        (local(2024, 1, 31, 9), "1", "months", local(2024, 2, 29, 17)),  # leap year
        (local(2026, 3, 31, 9), "1", "months", local(2026, 5, 4, 17)),  # 30/4, 1/5
        (local(2025, 11, 28, 9), "3", "months", local(2026, 3, 2, 17)),  # new year
        (local(2026, 3, 2, 10), "1", "same_day", local(2026, 3, 2, 17)),
        (local(2026, 3, 2, 10), "0", "same_day", local(2026, 3, 2, 17)),
        (local(2026, 3, 2, 15, 30), "1", "same_day", local(2026, 3, 3, 17)),
    ],
)
def test_calendar_time_deadlines_end_at_the_close_of_a_working_day(
    calendar, received_at, amount, unit, expected
):
    assert deadline(calendar, received_at, amount, unit) == expected


@pytest.mark.parametrize("unit", ["working_days", "working_hours", "days", "months"])
def test_an_amount_of_zero_gives_the_start_of_the_count(calendar, unit):
    assert deadline(calendar, local(2026, 3, 2, 15, 30), "0", unit) == local(
        2026, 3, 3, 8
    )


def test_an_integer_amount_is_accepted(calendar):
    result = compute_deadline(
        calendar, received_at=local(2026, 3, 2, 8), amount=1, unit="working_days"
    )
    assert result.deadline_at == local(2026, 3, 2, 17)


@pytest.mark.parametrize(
    ("amount", "unit"),
    [
        ("1000", "working_days"),
        ("20000", "working_hours"),
        ("2000", "days"),
        ("100", "months"),
        ("10000000000", "months"),
        ("99999999999", "days"),
    ],
)
def test_a_deadline_after_the_covered_years_is_a_range_error(calendar, amount, unit):
    with pytest.raises(CalendarRangeError):
        deadline(calendar, local(2026, 3, 2, 8), amount, unit)


def test_a_received_date_before_the_covered_years_is_a_range_error(calendar):
    with pytest.raises(CalendarRangeError):
        deadline(calendar, local(2023, 6, 1, 9), "1", "working_days")


# -- pauses ---------------------------------------------------------------------


def paused(calendar, pauses, received_at=None, amount="2"):
    return compute_deadline(
        calendar,
        received_at=received_at or local(2026, 3, 2, 8),
        amount=Decimal(amount),
        unit="working_days",
        pauses=pauses,
    )


def test_a_pause_moves_the_deadline_by_its_working_time(calendar):
    result = paused(calendar, [(local(2026, 3, 2, 9), local(2026, 3, 2, 10))])
    assert result.unpaused_deadline_at == local(2026, 3, 3, 17)
    assert result.deadline_at == local(2026, 3, 4, 9)
    assert result.paused_minutes == 60


def test_a_pause_over_a_night_and_a_weekend_counts_only_working_time(calendar):
    result = paused(calendar, [(local(2026, 3, 3, 16), local(2026, 3, 9, 9))])
    assert result.paused_minutes == 60 + 3 * 480 + 60


def test_overlapping_pauses_are_counted_once(calendar):
    result = paused(
        calendar,
        [
            (local(2026, 3, 2, 10), local(2026, 3, 2, 11, 30)),
            (local(2026, 3, 2, 9), local(2026, 3, 2, 11)),
            (local(2026, 3, 2, 9, 30), local(2026, 3, 2, 10)),  # inside the first
            (local(2026, 3, 2, 11, 30), local(2026, 3, 2, 12)),  # touches it
        ],
    )
    assert result.paused_minutes == 180


def test_the_part_of_a_pause_before_the_count_starts_is_ignored(calendar):
    result = paused(
        calendar,
        [
            (local(2026, 2, 12, 15, 40), local(2026, 2, 13, 9)),
            (local(2026, 2, 11, 9), local(2026, 2, 11, 10)),  # wholly before
        ],
        received_at=local(2026, 2, 12, 15, 30),
    )
    assert result.count_started_at == local(2026, 2, 13, 8)
    assert result.paused_minutes == 60


def test_a_pause_starting_after_the_deadline_has_no_effect(calendar):
    result = paused(calendar, [(local(2026, 3, 3, 17, 1), local(2026, 3, 5, 9))])
    assert result.deadline_at == local(2026, 3, 3, 17)
    assert result.paused_minutes == 0


def test_a_pause_starting_at_the_deadline_still_moves_it(calendar):
    result = paused(calendar, [(local(2026, 3, 3, 17), local(2026, 3, 4, 9))])
    assert result.deadline_at == local(2026, 3, 4, 9)


def test_a_later_pause_counts_when_an_earlier_one_moved_the_deadline_past_it(
    calendar,
):
    result = paused(
        calendar,
        [
            (local(2026, 3, 2, 8), local(2026, 3, 3, 8)),  # one working day
            (local(2026, 3, 4, 9), local(2026, 3, 4, 10)),  # after the old deadline
        ],
    )
    assert result.paused_minutes == 480 + 60
    assert result.deadline_at == local(2026, 3, 5, 9)


def test_pauses_outside_working_time_or_empty_change_nothing(calendar):
    result = paused(
        calendar,
        [
            (local(2026, 3, 7, 9), local(2026, 3, 8, 9)),  # a weekend
            (local(2026, 3, 2, 9), local(2026, 3, 2, 9)),  # zero length
        ],
        amount="10",
    )
    assert result.deadline_at == result.unpaused_deadline_at
    assert result.paused_minutes == 0


def test_merge_pauses_sorts_merges_and_cuts(calendar):
    start = local(2026, 3, 2, 10)
    merged = merge_pauses(
        [
            (local(2026, 3, 2, 14), local(2026, 3, 2, 15)),
            (local(2026, 3, 2, 9), local(2026, 3, 2, 11)),
            (local(2026, 3, 2, 8), local(2026, 3, 2, 9)),
        ],
        after=start,
    )
    assert merged == [
        (start, local(2026, 3, 2, 11)),
        (local(2026, 3, 2, 14), local(2026, 3, 2, 15)),
    ]


def test_apply_pauses_returns_the_deadline_and_the_minutes(calendar):
    assert apply_pauses(
        calendar,
        start_at=local(2026, 3, 2, 8),
        deadline_at=local(2026, 3, 2, 17),
        pauses=[(local(2026, 3, 2, 16), local(2026, 3, 3, 9))],
    ) == (local(2026, 3, 3, 10), 120)


# -- bad input ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "unit", "field", "words"),
    [
        ("5", "fortnights", "unit", "Unknown time unit"),
        ("-1", "working_days", "amount", "zero or a positive"),
        ("NaN", "working_days", "amount", "zero or a positive"),
        ("sNaN", "working_days", "amount", "zero or a positive"),
        ("Infinity", "working_hours", "amount", "zero or a positive"),
        ("0.001", "working_days", "amount", "whole number of minutes"),
        ("0.01", "working_hours", "amount", "whole number of minutes"),
        ("0.5", "days", "amount", "must be a whole number"),
        ("1.5", "months", "amount", "must be a whole number"),
        ("2", "same_day", "amount", "0 or 1"),
        ("0.5", "same_day", "amount", "0 or 1"),
    ],
)
def test_bad_amounts_and_units_are_invalid_input(calendar, amount, unit, field, words):
    with pytest.raises(InvalidInput) as caught:
        deadline(calendar, local(2026, 3, 2, 8), amount, unit)
    assert words in str(caught.value)
    assert field in caught.value.field_errors


def test_a_naive_received_at_is_invalid_input(calendar):
    with pytest.raises(InvalidInput) as caught:
        deadline(calendar, datetime(2026, 3, 2, 8), "1", "working_days")  # noqa: DTZ001
    assert "received_at" in caught.value.field_errors


@pytest.mark.parametrize(
    "pause",
    [
        (datetime(2026, 3, 2, 9), local(2026, 3, 2, 10)),  # noqa: DTZ001
        (local(2026, 3, 2, 9), datetime(2026, 3, 2, 10)),  # noqa: DTZ001
        (local(2026, 3, 2, 10), local(2026, 3, 2, 9)),
    ],
)
def test_a_naive_or_reversed_pause_is_invalid_input(calendar, pause):
    with pytest.raises(InvalidInput) as caught:
        paused(calendar, [pause])
    assert "pauses" in caught.value.field_errors


def test_base_deadline_validates_the_amount_before_counting(calendar):
    with pytest.raises(InvalidInput):
        base_deadline(
            calendar,
            start_at=local(2026, 3, 2, 8),
            amount=Decimal("-1"),
            unit=TimeUnit.DAYS,
        )


def test_base_deadline_counts_working_time_from_any_instant(calendar):
    start = datetime(2026, 3, 2, 2, 15, 40, tzinfo=UTC)  # 09:15:40 in Vietnam
    assert base_deadline(
        calendar, start_at=start, amount=Decimal(1), unit=TimeUnit.WORKING_DAYS
    ) == local(2026, 3, 3, 9, 15)
    assert base_deadline(
        calendar, start_at=start, amount=Decimal(3), unit=TimeUnit.WORKING_HOURS
    ) == local(2026, 3, 2, 13, 15)


def test_seconds_of_the_receipt_are_dropped_before_counting(calendar):
    received = datetime(2026, 3, 2, 9, 15, 59, 999, tzinfo=local(2026, 3, 2).tzinfo)
    assert count_start(calendar, received) == local(2026, 3, 2, 9, 15)
    result = compute_deadline(
        calendar, received_at=received, amount=Decimal(1), unit="working_hours"
    )
    assert result.deadline_at == local(2026, 3, 2, 10, 15)
    assert result.received_at == received


def test_the_kept_counts_are_forgotten_when_full(calendar, monkeypatch):
    monkeypatch.setattr(deadlines_module, "_COUNTS", {})
    monkeypatch.setattr(deadlines_module, "_COUNTS_KEPT", 2)
    for amount in (1, 2, 3):
        deadline(calendar, local(2026, 3, 2, 8), str(amount), "working_days")
    assert list(deadlines_module._COUNTS.values()) == [3 * 480]
    assert deadline(calendar, local(2026, 3, 2, 8), "1", "working_days") == (
        local(2026, 3, 2, 17)
    )
