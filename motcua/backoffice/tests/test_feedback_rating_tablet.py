"""The rating tablet at the counter (/counter/rating/<code>/)."""

from __future__ import annotations

import pytest

from motcua.dossiers.tests.factories import dossier_in_state, vn
from motcua.ratings.models import Rating
from motcua.ratings.tests.conftest import returned_dossier

pytestmark = pytest.mark.django_db


def test_the_officer_opens_the_tablet_and_the_citizen_rates(client, world):
    dossier = returned_dossier(world)
    client.force_login(world.officer)
    url = f"/counter/rating/{dossier.code}/"

    page = client.get(url)
    response = client.post(url, {"score": "normal", "reasons": ["several_visits"]})

    assert 'id="rating-form"' in page.content.decode()
    assert 'id="rating-thanks"' in response.content.decode()
    rating = Rating.objects.get()
    assert (rating.channel, rating.score) == ("counter_tablet", "normal")


def test_a_second_rating_on_the_tablet_is_told_kindly(client, world):
    dossier = returned_dossier(world)
    client.force_login(world.officer)
    url = f"/counter/rating/{dossier.code}/"
    client.post(url, {"score": "satisfied"})

    page = client.get(url)
    again = client.post(url, {"score": "not_satisfied"})

    assert 'id="rating-message"' in page.content.decode()
    assert again.status_code == 200
    assert Rating.objects.count() == 1


def test_the_tablet_waits_for_the_result_to_be_returned(client, world):
    dossier = dossier_in_state(world, "result_ready", vn(2026, 3, 2, 9))
    client.force_login(world.officer)

    html = client.get(f"/counter/rating/{dossier.code}/").content.decode()

    assert 'id="rating-form"' not in html
    assert 'id="rating-message"' in html


def test_only_reception_officers_of_the_receiving_agency_open_the_tablet(client, world):
    dossier = returned_dossier(world)
    client.force_login(world.specialist)

    assert client.get(f"/counter/rating/{dossier.code}/").status_code == 403
    client.force_login(world.other_staff)
    assert client.get(f"/counter/rating/{dossier.code}/").status_code == 403
    client.logout()
    assert client.get(f"/counter/rating/{dossier.code}/").status_code == 302
    assert client.get("/counter/rating/NOPE/").status_code == 302
