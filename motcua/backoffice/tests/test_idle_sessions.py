"""A session idle for MOTCUA_IDLE_MINUTES is logged out, with a message."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.tests.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return World()


def test_a_session_idle_past_the_limit_ends(client, world, settings, time_machine):
    settings.MOTCUA_IDLE_MINUTES = 30
    time_machine.move_to(timezone.now(), tick=False)
    client.force_login(world.officer)
    assert client.get(reverse("backoffice:home")).status_code == 200

    time_machine.move_to(timezone.now() + timedelta(minutes=31), tick=False)
    response = client.get(reverse("backoffice:home"), follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("backoffice:login"))
    assert "_auth_user_id" not in client.session
    assert "sau 30 phút không hoạt động" in response.content.decode()


def test_activity_keeps_the_session(client, world, settings, time_machine):
    settings.MOTCUA_IDLE_MINUTES = 30
    time_machine.move_to(timezone.now(), tick=False)
    client.force_login(world.officer)
    for _ in range(4):  # a request every 20 minutes for 80 minutes
        assert client.get(reverse("backoffice:home")).status_code == 200
        time_machine.move_to(timezone.now() + timedelta(minutes=20), tick=False)

    assert client.get(reverse("backoffice:home")).status_code == 200
