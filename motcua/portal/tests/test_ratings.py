"""Rating from the tracking page and the signed link; the public feedback form."""

from __future__ import annotations

import pytest

from motcua.dossiers.tests.factories import dossier_in_state, vn
from motcua.ratings.links import rating_token
from motcua.ratings.models import Feedback, Rating
from motcua.ratings.tests.conftest import returned_dossier

CHECK = "2345"  # last digits of the applicant's personal ID in the factories


@pytest.fixture
def returned(world):
    return returned_dossier(world)


def rate(client, code, **data):
    values = {"check": CHECK, "score": "not_satisfied", "reasons": ["late"]}
    values.update(data)
    return client.post(f"/tra-cuu/{code}/danh-gia/", values)


def test_the_tracking_page_shows_the_rating_form_with_the_right_check(client, returned):
    html = client.get(f"/tra-cuu/{returned.code}/", {"check": CHECK}).content.decode()

    assert 'id="rating-form"' in html
    assert f'action="/tra-cuu/{returned.code}/danh-gia/"' in html
    assert f'value="{CHECK}"' in html


def test_a_wrong_check_or_none_shows_no_rating_form(client, returned):
    assert (
        'id="rating-form"'
        not in client.get(f"/tra-cuu/{returned.code}/").content.decode()
    )
    wrong = client.get(f"/tra-cuu/{returned.code}/", {"check": "0000"})
    assert 'id="rating-form"' not in wrong.content.decode()


def test_a_dossier_not_returned_shows_no_rating_form(client, world):
    dossier = dossier_in_state(world, "result_ready", vn(2026, 3, 2, 9))

    html = client.get(f"/tra-cuu/{dossier.code}/", {"check": CHECK}).content.decode()

    assert 'id="rating-form"' not in html


def test_rating_from_the_tracking_page_thanks_the_citizen(client, returned):
    response = rate(client, returned.code, comment="Trễ 1 ngày")

    assert response.status_code == 302
    assert response["Location"] == "/danh-gia/cam-on/"
    rating = Rating.objects.get()
    assert (rating.channel, rating.reasons) == ("tracking_page", ["late"])
    thanks = client.get(response["Location"])
    assert 'id="rating-thanks"' in thanks.content.decode()
    page = client.get(f"/tra-cuu/{returned.code}/", {"check": CHECK}).content.decode()
    assert 'id="rating-done"' in page
    assert 'id="rating-form"' not in page


def test_rating_twice_says_so_kindly(client, returned):
    rate(client, returned.code)

    response = rate(client, returned.code, score="satisfied", reasons=[])

    assert response.status_code == 200
    assert 'id="rating-message"' in response.content.decode()
    assert Rating.objects.count() == 1


def test_rating_with_a_wrong_check_is_refused(client, returned):
    response = rate(client, returned.code, check="0000")

    assert response.status_code == 403
    assert not Rating.objects.exists()


def test_a_rating_with_an_unknown_reason_shows_the_form_again(client, returned):
    response = rate(client, returned.code, score="satisfied", reasons=["late"])

    assert response.status_code == 400
    assert 'id="rating-form"' in response.content.decode()
    assert not Rating.objects.exists()


def test_the_signed_link_opens_a_rating_form_and_records_the_rating(client, returned):
    url = f"/danh-gia/{rating_token(returned.code)}/"

    page = client.get(url)
    response = client.post(url, {"score": "satisfied"})

    assert page.status_code == 200
    assert 'id="rating-form"' in page.content.decode()
    assert response.status_code == 302
    assert Rating.objects.get().channel == "notification_link"
    again = client.get(url)
    assert 'id="rating-message"' in again.content.decode()


def test_a_forged_link_is_explained(client, returned):
    response = client.get(f"/danh-gia/{rating_token(returned.code)}x/")

    assert response.status_code == 400
    assert 'id="rating-message"' in response.content.decode()


def test_the_link_of_a_dossier_not_returned_offers_no_form(client, world):
    dossier = dossier_in_state(world, "result_ready", vn(2026, 3, 2, 9))

    response = client.get(f"/danh-gia/{rating_token(dossier.code)}/")

    assert 'id="rating-form"' not in response.content.decode()
    assert 'id="rating-message"' in response.content.decode()


# Feedback ----------------------------------------------------------------------


def test_the_feedback_form_is_prefilled_with_a_dossier_code(client, returned):
    response = client.get("/phan-anh/", {"ho-so": returned.code})

    assert response.status_code == 200
    assert f'value="{returned.code}"' in response.content.decode()


def test_feedback_is_sent_to_the_agency_in_charge(client, world, returned):
    response = client.post(
        "/phan-anh/",
        {"kind": "complaint", "dossier_code": returned.code, "content": "Chậm"},
    )

    assert response.status_code == 200
    assert 'id="feedback-received"' in response.content.decode()
    assert Feedback.objects.get().agency == world.agency


def test_feedback_about_an_unknown_dossier_is_explained(client, world):
    response = client.post(
        "/phan-anh/", {"kind": "complaint", "dossier_code": "NOPE", "content": "x"}
    )

    assert response.status_code == 400
    assert 'id="dossier_code-errors"' in response.content.decode()
    assert not Feedback.objects.exists()


def test_the_feedback_form_is_rate_limited(client, world, settings):
    settings.MOTCUA_PUBLIC_LOOKUP_LIMIT = 2
    data = {"kind": "question", "agency_code": world.agency.code, "content": "?"}

    answers = [client.post("/phan-anh/", data).status_code for _ in range(3)]

    assert answers == [200, 200, 429]
    assert Feedback.objects.count() == 2
