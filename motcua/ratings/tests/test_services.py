"""Recording ratings, submitting and answering feedback."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.agencies.models import StaffRole
from motcua.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from motcua.dossiers.tests.factories import dossier_in_state, staff, vn
from motcua.ratings.choices import FeedbackKind, FeedbackStatus, RatingChannel
from motcua.ratings.models import Rating
from motcua.ratings.services import (
    feedback_answer,
    feedback_due_at,
    feedback_submit,
    rating_record,
    rating_record_at_counter,
)

NOW = vn(2026, 3, 10, 9)


def rate(code, **overrides):
    values: dict[str, Any] = {
        "dossier_code": code,
        "score": "not_satisfied",
        "reasons": ["late", "staff_attitude"],
        "comment": "",
        "channel": RatingChannel.TRACKING_PAGE,
        "now": NOW,
    }
    values.update(overrides)
    return rating_record(**values)


def test_a_returned_dossier_is_rated_with_its_reasons(returned):
    rating = rate(returned.code.lower(), reasons=["late", "late", "staff_attitude"])

    assert rating.dossier == returned
    assert rating.score == "not_satisfied"
    assert rating.reasons == ["late", "staff_attitude"]
    assert rating.at == NOW


def test_a_dossier_not_yet_returned_cannot_be_rated(world):
    dossier = dossier_in_state(world, "result_ready", vn(2026, 3, 2, 9))

    with pytest.raises(Conflict):
        rate(dossier.code)
    assert not Rating.objects.exists()


def test_a_dossier_is_rated_only_once(returned):
    rate(returned.code)

    with pytest.raises(Conflict, match="already been rated"):
        rate(returned.code, score="satisfied", reasons=[])
    assert Rating.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"reasons": ["rude"]}, "reasons"),
        ({"score": "great"}, "score"),
        ({"channel": "fax"}, "channel"),
        ({"score": "satisfied", "reasons": ["late"]}, "reasons"),
        ({"reasons": ["other"], "comment": "  "}, "comment"),
        ({"comment": "x" * 1001}, "comment"),
    ],
)
def test_bad_rating_input_is_refused_with_the_field(returned, overrides, field):
    with pytest.raises(InvalidInput) as caught:
        rate(returned.code, **overrides)

    assert field in caught.value.field_errors
    assert not Rating.objects.exists()


def test_an_unknown_dossier_cannot_be_rated(db):
    with pytest.raises(NotFound):
        rate("NO-SUCH-CODE")


def test_the_counter_tablet_is_for_reception_officers_of_the_receiving_agency(
    world, returned
):
    with pytest.raises(PermissionDenied):
        rating_record_at_counter(
            actor=world.specialist,
            dossier_code=returned.code,
            score="satisfied",
            reasons=[],
            comment="",
            now=NOW,
        )
    rating = rating_record_at_counter(
        actor=world.officer,
        dossier_code=returned.code,
        score="satisfied",
        reasons=[],
        comment="",
        now=NOW,
    )
    assert rating.channel == RatingChannel.COUNTER_TABLET


# Feedback ----------------------------------------------------------------------


def submit(**overrides):
    values: dict[str, Any] = {
        "kind": FeedbackKind.COMPLAINT,
        "content": "Chờ quá lâu",
        "now": NOW,
    }
    values.update(overrides)
    return feedback_submit(**values)


def test_feedback_about_a_dossier_goes_to_its_competent_agency(world, returned):
    feedback = submit(dossier_code=returned.code, agency_code=world.other.code)

    assert feedback.agency == world.agency
    assert feedback.dossier == returned
    assert feedback.status == FeedbackStatus.NEW


def test_feedback_about_a_place_goes_to_the_agency_that_runs_it(world):
    feedback = submit(service_point_code=world.point.code)

    assert feedback.agency == world.point.agency
    assert feedback.service_point == world.point


def test_feedback_about_an_agency_goes_to_that_agency(world):
    assert submit(agency_code=world.other.code).agency == world.other


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"dossier_code": "NOPE"}, "dossier_code"),
        ({"service_point_code": "NOPE"}, "service_point_code"),
        ({"agency_code": "NOPE"}, "agency_code"),
        ({"agency_code": "000.00.00.H01", "content": " "}, "content"),
        ({"agency_code": "000.00.00.H01", "kind": "praise"}, "kind"),
    ],
)
def test_bad_feedback_is_refused_with_the_field(world, overrides, field):
    with pytest.raises(InvalidInput) as caught:
        submit(**overrides)

    assert field in caught.value.field_errors


def test_feedback_about_nothing_is_refused(world):
    with pytest.raises(InvalidInput, match="what the feedback is about"):
        submit()


def test_feedback_is_due_15_working_days_later_skipping_tet(world):
    # Tết 2026: Mon 16/2 – Fri 20/2 off; 15 working days from Mon 9/2 end on Mon 9/3.
    received = vn(2026, 2, 9, 9)

    feedback = submit(agency_code=world.agency.code, now=received)

    assert feedback.due_at == vn(2026, 3, 9, 9)
    assert feedback_due_at(agency=world.agency, received_at=vn(2026, 3, 2, 9)) == (
        vn(2026, 3, 23, 9)
    )


def test_a_leader_of_the_routed_agency_answers(world):
    feedback = submit(agency_code=world.agency.code)

    answered = feedback_answer(
        feedback_id=feedback.pk, actor=world.leader, answer="Đã xử lý", now=NOW
    )

    assert answered.status == FeedbackStatus.ANSWERED
    assert answered.answered_by == world.leader
    assert answered.answered_at == NOW


def test_a_specialist_may_not_answer(world):
    feedback = submit(agency_code=world.agency.code)

    with pytest.raises(PermissionDenied):
        feedback_answer(
            feedback_id=feedback.pk, actor=world.specialist, answer="x", now=NOW
        )


def test_a_leader_of_another_agency_does_not_even_see_the_feedback(world):
    feedback = submit(agency_code=world.agency.code)
    other_leader = staff(world.other, StaffRole.AGENCY_LEADER, username="boss2")

    with pytest.raises(NotFound):
        feedback_answer(
            feedback_id=feedback.pk, actor=other_leader, answer="x", now=NOW
        )


def test_feedback_is_answered_once_and_never_with_an_empty_answer(world):
    feedback = submit(agency_code=world.agency.code)
    with pytest.raises(InvalidInput):
        feedback_answer(
            feedback_id=feedback.pk, actor=world.leader, answer=" ", now=NOW
        )
    feedback_answer(feedback_id=feedback.pk, actor=world.leader, answer="A", now=NOW)

    with pytest.raises(Conflict):
        feedback_answer(
            feedback_id=feedback.pk, actor=world.leader, answer="B", now=NOW
        )
