"""The banner on the portal, the boards and the tracking pages it concerns."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import ServicePointFactory, procedure_with_process
from motcua.notices.tests.helpers import publish

pytestmark = pytest.mark.usefixtures("banner_settings")

TITLE = "Mất điện tại Bộ phận Một cửa"


@pytest.fixture
def notice(world):
    now = timezone.now()
    return publish(
        world, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=3)
    )


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_portal_shows_the_notice_in_force_as_an_accessible_banner(client, notice):
    html = page(client, "/tra-cuu/")

    assert TITLE in html
    assert 'aria-labelledby="service-notices-heading"' in html
    assert "<aside" in html
    assert "buổi chiều" in html  # what to do


def test_no_banner_before_a_notice_starts_or_after_it_ends(client, world):
    now = timezone.now()
    publish(world, starts_at=now + timedelta(hours=1), ends_at=now + timedelta(hours=2))
    publish(world, starts_at=now - timedelta(hours=2), ends_at=now - timedelta(hours=1))

    assert 'id="service-notices"' not in page(client, "/tra-cuu/")


def test_the_board_of_the_affected_service_point_shows_it(client, world, notice):
    other = ServicePointFactory.create(agency=world.other)

    assert TITLE in page(client, f"/bang-tien-do/service_point/{world.point.code}/")
    assert TITLE in page(client, f"/bang-tien-do/service_point/{world.point.code}/tv/")
    assert TITLE in page(client, f"/bang-tien-do/agency/{world.agency.code}/")
    assert TITLE not in page(client, f"/bang-tien-do/service_point/{other.code}/")


def test_the_tracking_page_shows_it_for_an_affected_dossier_only(client, world, notice):
    affected = world.processing(timezone.now())
    unaffected = world.processing(timezone.now())
    Dossier.objects.filter(pk=unaffected.pk).update(
        service_point=ServicePointFactory.create(agency=world.agency),
        procedure=procedure_with_process(code="2.000001"),
    )

    assert TITLE in page(client, f"/tra-cuu/{affected.code}/")
    assert TITLE not in page(client, f"/tra-cuu/{unaffected.code}/")


def test_publishing_shows_the_banner_at_once_despite_the_cache(
    client, world, django_capture_on_commit_callbacks
):
    assert 'id="service-notices"' not in page(client, "/tra-cuu/")
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        publish(
            world,
            starts_at=now - timedelta(minutes=1),
            ends_at=now + timedelta(hours=1),
        )

    assert TITLE in page(client, "/tra-cuu/")
