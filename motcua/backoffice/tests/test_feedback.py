"""The feedback list and answer pages of the back office."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.agencies.models import StaffRole
from motcua.dossiers.tests.factories import staff, vn
from motcua.ratings.choices import FeedbackStatus
from motcua.ratings.models import Feedback
from motcua.ratings.services import feedback_submit

pytestmark = pytest.mark.django_db


def submit(agency, content="Nhân viên trả lời chậm"):
    return feedback_submit(
        kind="complaint",
        content=content,
        now=vn(2026, 3, 2, 9),
        agency_code=agency.code,
    )


def test_a_leader_sees_the_feedback_of_their_agency_only(client, world):
    mine = submit(world.agency)
    theirs = submit(world.other, content="Khác")
    client.force_login(world.leader)

    html = client.get("/feedback/").content.decode()

    assert f'id="feedback-{mine.pk}"' in html
    assert f'id="feedback-{theirs.pk}"' not in html
    assert f'href="/feedback/{mine.pk}/"' in html


def test_the_list_runs_a_fixed_number_of_queries(client, world):
    submit(world.agency)
    client.force_login(world.leader)
    client.get("/feedback/")  # warms the caches (brand kit) whatever ran before
    with CaptureQueriesContext(connection) as one:
        client.get("/feedback/")
    for n in range(5):
        submit(world.agency, content=f"Thêm {n}")
    with CaptureQueriesContext(connection) as six:
        client.get("/feedback/")

    assert len(six) == len(one)


def test_the_leader_answers_on_the_feedback_page(client, world):
    feedback = submit(world.agency)
    client.force_login(world.leader)

    page = client.get(f"/feedback/{feedback.pk}/")
    response = client.post(f"/feedback/{feedback.pk}/", {"answer": "Đã chấn chỉnh"})

    assert 'id="answer-form"' in page.content.decode()
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.ANSWERED
    assert feedback.answered_by == world.leader
    shown = client.get(f"/feedback/{feedback.pk}/").content.decode()
    assert 'id="feedback-answer"' in shown


def test_a_specialist_cannot_answer(client, world):
    feedback = submit(world.agency)
    client.force_login(world.specialist)

    assert client.get(f"/feedback/{feedback.pk}/").status_code == 404
    assert client.post(f"/feedback/{feedback.pk}/", {"answer": "x"}).status_code == 404
    assert Feedback.objects.get().status == FeedbackStatus.NEW


def test_an_agency_admin_reads_but_a_supervisor_without_the_role_cannot_answer(
    client, world
):
    feedback = submit(world.agency)
    admin = staff(world.agency, StaffRole.AGENCY_ADMIN, username="admin1")
    client.force_login(admin)

    response = client.post(f"/feedback/{feedback.pk}/", {"answer": "OK"})

    assert response.status_code == 302
    assert Feedback.objects.get().answered_by == admin


def test_a_leader_of_another_agency_gets_not_found(client, world):
    feedback = submit(world.agency)
    client.force_login(staff(world.other, StaffRole.AGENCY_LEADER, username="boss2"))

    assert client.get(f"/feedback/{feedback.pk}/").status_code == 404
    assert client.post(f"/feedback/{feedback.pk}/", {"answer": "x"}).status_code == 404


def test_the_feedback_pages_need_a_login(client, world):
    feedback = submit(world.agency)

    assert client.get("/feedback/").status_code == 302
    assert client.get(f"/feedback/{feedback.pk}/").status_code == 302
