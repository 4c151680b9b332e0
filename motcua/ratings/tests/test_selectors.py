"""Feedback lists, on-time judgement and the satisfaction figures."""

from __future__ import annotations

import pytest

from motcua.agencies.models import StaffRole
from motcua.core.errors import InvalidInput
from motcua.dossiers.tests.factories import staff, vn
from motcua.ratings.choices import FeedbackKind, RatingChannel
from motcua.ratings.selectors import (
    feedback_list_for,
    feedback_timing,
    rating_exists,
    rating_target_get,
    satisfaction_figures,
)
from motcua.ratings.services import feedback_answer, feedback_submit, rating_record
from motcua.ratings.tests.conftest import returned_dossier

RECEIVED = vn(2026, 3, 2, 9)  # due Mon 23/3/2026 09:00


def submit(world, kind=FeedbackKind.COMPLAINT, now=RECEIVED, **extra):
    return feedback_submit(
        kind=kind, content="Nội dung", now=now, agency_code=world.agency.code, **extra
    )


def test_feedback_answered_by_its_due_date_is_on_time(world):
    feedback = submit(world)
    feedback_answer(
        feedback_id=feedback.pk, actor=world.leader, answer="A", now=vn(2026, 3, 23, 9)
    )
    feedback.refresh_from_db()

    timing = feedback_timing(feedback, now=vn(2026, 4, 30, 9))

    assert timing.on_time
    assert not timing.overdue
    assert timing.working_days == 15.0


def test_feedback_answered_a_minute_late_is_late(world):
    feedback = submit(world)
    feedback_answer(
        feedback_id=feedback.pk,
        actor=world.leader,
        answer="A",
        now=vn(2026, 3, 23, 9, 1),
    )
    feedback.refresh_from_db()

    assert not feedback_timing(feedback, now=vn(2026, 3, 24, 9)).on_time


def test_open_feedback_is_overdue_only_after_its_due_date(world):
    feedback = submit(world)

    assert not feedback_timing(feedback, now=vn(2026, 3, 23, 9)).overdue
    assert feedback_timing(feedback, now=vn(2026, 3, 23, 10)).overdue


def test_the_list_shows_the_feedback_of_the_agencies_the_user_leads(world):
    mine = submit(world)
    feedback_submit(
        kind="question", content="?", now=RECEIVED, agency_code=world.other.code
    )
    other_leader = staff(world.other, StaffRole.AGENCY_LEADER, username="boss2")

    rows = feedback_list_for(user=world.leader, status=None, now=RECEIVED)

    assert [row.feedback for row in rows] == [mine]
    assert rows[0].can_answer
    assert len(feedback_list_for(user=other_leader, status="", now=RECEIVED)) == 1
    assert feedback_list_for(user=world.specialist, status=None, now=RECEIVED) == []


def test_the_list_filters_by_status(world):
    submit(world)

    assert feedback_list_for(user=world.leader, status="answered", now=RECEIVED) == []
    with pytest.raises(InvalidInput):
        feedback_list_for(user=world.leader, status="lost", now=RECEIVED)


def test_the_rating_target_tells_returned_and_rated(world, returned):
    target = rating_target_get(dossier_code=returned.code)
    assert target.returned
    assert not target.rated
    rating_record(
        dossier_code=returned.code,
        score="satisfied",
        reasons=[],
        comment="",
        channel=RatingChannel.TRACKING_PAGE,
        now=vn(2026, 3, 10, 9),
    )

    assert rating_target_get(dossier_code=returned.code).rated
    assert rating_exists(dossier_code=returned.code)


def test_satisfaction_figures_count_scores_feedback_and_returned_dossiers(world):
    first = returned_dossier(world)
    second = returned_dossier(world)
    rating_record(
        dossier_code=first.code,
        score="not_satisfied",
        reasons=["late"],
        comment="",
        channel=RatingChannel.TRACKING_PAGE,
        now=vn(2026, 3, 10, 9),
    )
    rating_record(
        dossier_code=second.code,
        score="satisfied",
        reasons=[],
        comment="",
        channel=RatingChannel.COUNTER_TABLET,
        now=vn(2026, 3, 10, 9),
    )
    complaint = submit(world, dossier_code=second.code)
    feedback_answer(
        feedback_id=complaint.pk, actor=world.leader, answer="A", now=vn(2026, 3, 3, 9)
    )
    submit(world, kind=FeedbackKind.SUGGESTION)  # never answered: late by April

    figures = satisfaction_figures(
        agency=world.agency, start=vn(2026, 3, 1), end=vn(2026, 4, 1)
    )

    assert (figures.ratings, figures.satisfied, figures.not_satisfied) == (2, 1, 1)
    assert figures.dislike_rate == 50.0
    assert figures.feedback_by_kind == {"complaint": 1, "suggestion": 1, "question": 0}
    assert figures.complaints_about_dossiers == 1
    assert (figures.feedback_answered_on_time, figures.feedback_late) == (1, 1)
    assert figures.feedback_on_time_rate == 50.0
    assert figures.dossiers_returned == 2
    assert figures.dossiers_late == 0
    assert figures.dossiers_disliked == 2
    assert figures.satisfaction_rate == 0.0


def test_satisfaction_figures_of_an_empty_period_have_no_rates(world):
    figures = satisfaction_figures(
        agency=world.agency, start=vn(2026, 1, 1), end=vn(2026, 2, 1)
    )

    assert figures.ratings == 0
    assert figures.dislike_rate == 0.0
    assert figures.feedback_on_time_rate is None
    assert figures.satisfaction_rate is None
