"""The back-office pages: publish, list, notify and move dates."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.models import DossierEvent
from motcua.notices.models import ServiceNotice
from motcua.notices.tests.helpers import publish
from motcua.notifications.models import OutboxMessage


def local(value):
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def publish_data(world, **overrides):
    now = timezone.now()
    data = {
        "agency": world.agency.pk,
        "title": "Sự cố đường truyền",
        "description": "Mất mạng.",
        "advice": "Quay lại sau.",
        "starts_at": local(now - timedelta(hours=1)),
        "ends_at": local(now + timedelta(hours=2)),
        "service_points": [world.point.pk],
        "procedure_codes": world.procedure.code,
    }
    data.update(overrides)
    return data


def test_the_leader_publishes_a_notice_from_the_form(client, world):
    client.force_login(world.leader)
    assert client.get(reverse("backoffice:notice_new")).status_code == 200

    response = client.post(reverse("backoffice:notice_new"), publish_data(world))

    notice = ServiceNotice.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/notices/{notice.pk}/")
    assert list(notice.procedures.all()) == [world.procedure]
    listing = client.get(reverse("backoffice:notice_list")).content.decode()
    assert "Sự cố đường truyền" in listing


def test_the_form_shows_an_end_before_the_start_as_an_error(client, world):
    client.force_login(world.leader)
    now = timezone.now()
    data = publish_data(world, ends_at=local(now - timedelta(hours=2)))

    response = client.post(reverse("backoffice:notice_new"), data)

    assert response.status_code == 200
    assert "sau thời điểm bắt đầu" in response.content.decode()  # staff pages speak vi
    assert not ServiceNotice.objects.exists()


def test_a_specialist_may_not_publish(client, world):
    client.force_login(world.specialist)
    assert client.get(reverse("backoffice:notice_new")).status_code == 403


def test_the_leader_notifies_and_moves_dates_from_the_notice_page(client, world):
    now = timezone.now()
    dossier = world.processing(now)  # due within the 60 days of the notice
    notice = publish(
        world, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(days=60)
    )
    client.force_login(world.leader)
    url = reverse("backoffice:notice_detail", args=[notice.pk])
    assert client.get(url).status_code == 200

    notified = client.post(reverse("backoffice:notice_notify", args=[notice.pk]))
    response = client.post(
        reverse("backoffice:notice_extend", args=[notice.pk]),
        {"extra_working_hours": "8", "reason": "Mất điện"},
    )

    assert (notified.status_code, response.status_code) == (302, 302)
    assert OutboxMessage.objects.filter(
        kind="service_notice", dossier_code=dossier.code
    ).exists()
    event = DossierEvent.objects.get(dossier=dossier, action="extend_for_notice")
    assert event.note == "Mất điện"
    assert 'id="notice-told">1<' in client.get(url).content.decode()


def test_a_specialist_cannot_move_dates_from_the_page(client, world):
    now = timezone.now()
    notice = publish(world, starts_at=now, ends_at=now + timedelta(hours=1))
    client.force_login(world.specialist)

    response = client.post(
        reverse("backoffice:notice_extend", args=[notice.pk]),
        {"extra_working_hours": "8", "reason": "x"},
    )

    assert response.status_code == 403


@pytest.mark.parametrize("who", ["specialist", "other_staff"])
def test_others_may_not_notify(client, world, who):
    now = timezone.now()
    notice = publish(world, starts_at=now, ends_at=now + timedelta(hours=1))
    client.force_login(getattr(world, who))

    response = client.post(reverse("backoffice:notice_notify", args=[notice.pk]))

    assert response.status_code in (403, 404)
