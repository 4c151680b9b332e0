"""The dossier page: who sees it, what they may do, stale forms, printed forms."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.models import Dossier, PersonalDataAccess
from motcua.dossiers.services import dossier_assign
from motcua.dossiers.tests.factories import AgencyFactory, World, staff, vn

pytestmark = pytest.mark.django_db


def page(dossier: Dossier) -> str:
    return reverse("backoffice:dossier", args=[dossier.code])


def act(dossier: Dossier, action: str) -> str:
    return reverse("backoffice:dossier_act", args=[dossier.code, action])


def test_staff_of_the_agency_see_the_summary_history_and_their_actions(
    client, world, received
):
    client.force_login(world.division)
    response = client.get(page(received))
    assert response.status_code == 200
    html = response.content.decode()
    assert received.code in html
    assert 'data-testid="timeline"' in html
    assert 'data-action="receive"' in html
    assert 'data-testid="action-assign"' in html
    assert "001190012345" in html  # personal ID: the agency's own staff
    assert PersonalDataAccess.objects.filter(user=world.division).exists()


def test_the_reception_officer_has_no_assign_button(client, world, received):
    client.force_login(world.officer)
    html = client.get(page(received)).content.decode()
    assert 'data-testid="action-assign"' not in html
    assert 'data-testid="form-01"' in html


def test_a_dossier_of_another_agency_is_not_found(client, world, received):
    outsider = staff(AgencyFactory.create(), "specialist", username="outsider")
    client.force_login(outsider)
    assert client.get(page(received)).status_code == 404
    assert client.post(act(received, "assign"), {}).status_code == 404
    pdf = reverse("backoffice:dossier_form", args=[received.code, "01"])
    assert client.get(pdf).status_code == 404


def test_an_unknown_code_is_not_found(client, world):
    client.force_login(world.officer)
    response = client.get(reverse("backoffice:dossier", args=["NO-SUCH-CODE"]))
    assert response.status_code == 404


def test_a_leader_assigns_through_the_form(client, world, received):
    client.force_login(world.division)
    response = client.post(
        act(received, "assign"),
        {"expected_version": received.version, "assign-assignee": world.specialist.pk},
    )
    assert response.status_code == 302
    received.refresh_from_db()
    assert received.assignee == world.specialist
    assert received.step == "processing"


def test_a_stale_form_says_someone_else_acted_and_shows_the_fresh_state(
    client, world, received
):
    seen = received.version
    dossier_assign(
        dossier_code=received.code,
        actor=world.leader,
        now=timezone.now(),
        assignee=world.specialist,
    )
    client.force_login(world.division)
    response = client.post(
        act(received, "assign"),
        {"expected_version": seen, "assign-assignee": world.division.pk},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert 'data-testid="notice"' in html
    assert 'data-step="processing"' in html
    received.refresh_from_db()
    assert received.assignee == world.specialist


def test_a_missing_input_comes_back_on_the_action_form(client, world):
    dossier = world.processing(timezone.now())
    client.force_login(world.specialist)
    response = client.post(
        act(dossier, "request_supplement"),
        {"expected_version": dossier.version, "request_supplement-items": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        '<details class="action" open data-testid="action-request_supplement">' in html
    )


def test_an_action_the_user_may_not_take_is_refused_with_the_fresh_page(
    client, world, received
):
    client.force_login(world.officer)
    response = client.post(
        act(received, "approve"), {"expected_version": received.version}
    )
    assert response.status_code == 409
    assert 'data-testid="notice"' in response.content.decode()


def test_an_unknown_action_is_not_found(client, world, received):
    client.force_login(world.division)
    assert client.post(act(received, "explode"), {}).status_code == 404


def test_the_receipt_prints_as_a_pdf(client, world, received):
    client.force_login(world.officer)
    response = client.get(
        reverse("backoffice:dossier_form", args=[received.code, "01"])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_form_that_does_not_apply_is_not_found(client, world, received):
    client.force_login(world.officer)
    refusal = reverse("backoffice:dossier_form", args=[received.code, "03"])
    assert client.get(refusal).status_code == 404
    unknown = reverse("backoffice:dossier_form", args=[received.code, "99"])
    assert client.get(unknown).status_code == 404


def test_another_agency_consulted_sees_the_name_but_not_the_personal_data(
    client, world: World
):
    from motcua.dossiers.services import dossier_send_to_agency

    now = timezone.now()
    dossier = world.processing(now)
    dossier_send_to_agency(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=now,
        agencies=[world.other],
    )
    client.force_login(world.other_staff)
    html = client.get(page(dossier)).content.decode()
    assert "Trần Thị Hương" in html
    assert "001190012345" not in html
    assert 'data-testid="action-agency_reply"' in html


def test_an_uploaded_paper_is_served_as_a_sandboxed_download(
    client, world, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    dossier = world.receive(vn(2026, 3, 2, 9))
    paper = dossier.papers.order_by("position").first()
    assert paper is not None
    paper.file.save("x.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    client.force_login(world.officer)

    response = client.get(
        reverse("backoffice:dossier_paper", args=[dossier.code, paper.position])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"].startswith("sandbox")
