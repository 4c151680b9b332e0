"""One rule says whether a dossier is on time, due soon or overdue: the dossier's
own judgement (API, public page) and the query conditions (worklists, boards)
agree at every moment."""

from __future__ import annotations

import pytest

from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import open_state_filters, with_deadline_state
from motcua.dossiers.tests.factories import vn
from motcua.dossiers.timing import dossier_open_state

pytestmark = pytest.mark.django_db

MONDAY_9 = vn(2026, 3, 2, 9)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (MONDAY_9, "on_time"),
        (vn(2026, 3, 6, 10), "due_soon"),  # under one working day to Mon 9 Mar 09:00
        (vn(2026, 3, 9, 8, 59), "due_soon"),
        (vn(2026, 3, 9, 9, 1), "overdue"),
    ],
)
def test_the_dossier_and_the_queries_agree(world, now, expected):
    dossier = world.processing(MONDAY_9)
    assert dossier.deadline_at == vn(2026, 3, 9, 9)

    assert dossier_open_state(dossier, now) == expected
    annotated = with_deadline_state(Dossier.objects.filter(pk=dossier.pk), now=now)
    assert annotated.get().deadline_state == expected
    found = [
        state
        for state, condition in open_state_filters(now).items()
        if Dossier.objects.filter(condition, pk=dossier.pk).exists()
    ]
    assert found == [expected]


def test_a_paused_or_closed_dossier_has_no_open_state(world):
    dossier = world.processing(MONDAY_9)
    dossier.status = 5  # supplement requested: the clock is paused
    assert dossier_open_state(dossier, MONDAY_9) is None
    dossier.status = 10
    assert dossier_open_state(dossier, MONDAY_9) is None


def test_the_promised_date_is_judged_only_when_asked(world):
    dossier = world.processing(MONDAY_9)
    dossier.new_deadline_at = vn(2026, 3, 20, 17)  # an apology's new date
    late = vn(2026, 3, 10, 9)
    assert dossier_open_state(dossier, late) == "overdue"
    assert dossier_open_state(dossier, late, promised=True) == "on_time"
