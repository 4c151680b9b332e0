from datetime import datetime

import pytest

from motcua.calendars.timeliness import (
    Judgement,
    OpenState,
    judge_finished,
    open_state,
    remaining_minutes,
)
from motcua.core.errors import InvalidInput

from .conftest import local

DEADLINE = local(2026, 2, 26, 17)  # Thursday


@pytest.mark.parametrize(
    ("finished_at", "judgement"),
    [
        (local(2026, 2, 25, 16), Judgement.EARLY),  # the day before
        (local(2026, 2, 26, 8), Judgement.ON_TIME),  # the deadline's date
        (local(2026, 2, 26, 17), Judgement.ON_TIME),  # the very minute
        (local(2026, 2, 26, 17, 1), Judgement.LATE),  # same date, after it
        (local(2026, 2, 27, 8), Judgement.LATE),  # next day
    ],
)
def test_a_finished_dossier_is_judged_by_the_deadlines_date(
    calendar, finished_at, judgement
):
    assert (
        judge_finished(calendar, finished_at=finished_at, deadline_at=DEADLINE)
        == judgement
    )


@pytest.mark.parametrize(
    ("now", "state", "left"),
    [
        (local(2026, 2, 25, 16), OpenState.ON_TIME, 480 + 60),
        (local(2026, 2, 25, 17), OpenState.ON_TIME, 480),
        (local(2026, 2, 26, 8, 1), OpenState.DUE_SOON, 479),
        (local(2026, 2, 26, 17), OpenState.DUE_SOON, 0),
        (local(2026, 2, 26, 20), OpenState.OVERDUE, 0),  # past it, off hours
        (local(2026, 2, 27, 9), OpenState.OVERDUE, -60),
    ],
)
def test_an_open_dossier_is_on_time_due_soon_or_overdue(calendar, now, state, left):
    assert open_state(calendar, now=now, deadline_at=DEADLINE) == state
    assert remaining_minutes(calendar, now=now, deadline_at=DEADLINE) == left


def test_due_soon_takes_its_threshold_from_the_caller(calendar):
    now = local(2026, 2, 26, 9)
    assert open_state(calendar, now=now, deadline_at=DEADLINE, due_soon_minutes=60) == (
        OpenState.ON_TIME
    )


def test_judgements_have_translatable_labels():
    assert str(Judgement.EARLY.label) == "early"
    assert str(OpenState.DUE_SOON.label) == "due soon"


def test_naive_datetimes_are_refused(calendar):
    naive = datetime(2026, 2, 26, 9)  # noqa: DTZ001
    with pytest.raises(InvalidInput):
        judge_finished(calendar, finished_at=naive, deadline_at=DEADLINE)
    with pytest.raises(InvalidInput):
        judge_finished(calendar, finished_at=DEADLINE, deadline_at=naive)
    with pytest.raises(InvalidInput):
        open_state(calendar, now=naive, deadline_at=DEADLINE)
    with pytest.raises(InvalidInput):
        remaining_minutes(calendar, now=DEADLINE, deadline_at=naive)
