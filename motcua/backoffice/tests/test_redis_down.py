"""With Redis unreachable the site keeps working from the database (ADR 0007).

Redis is pointed at a closed port (nothing listens on 127.0.0.1:1): the cache
falls back, the broker refuses at once, and the work waits in the outbox.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from motcua.backoffice.tests.test_counter import post_data
from motcua.core.cache import ResilientRedisCache
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import World, vn
from motcua.notifications.delivery import outbox_deliver_due
from motcua.notifications.models import MessageStatus, OutboxMessage
from motcua.notifications.tasks import outbox_deliver

celery_app = outbox_deliver.app  # the project's app (config.celery)

DEAD_REDIS = "redis://127.0.0.1:1/0"

CACHES_REDIS_DOWN = {
    "default": {
        "BACKEND": "motcua.core.cache.ResilientRedisCache",
        "LOCATION": DEAD_REDIS,
        "OPTIONS": {"FALLBACK": "memory"},
    },
    "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "limits": {
        "BACKEND": "motcua.core.cache.ResilientRedisCache",
        "LOCATION": DEAD_REDIS,
        "KEY_PREFIX": "limits",
        "OPTIONS": {"FALLBACK": "limits_database"},
    },
    "limits_database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "motcua_cache",
        "KEY_PREFIX": "limits",
    },
}


@pytest.fixture
def redis_down() -> Iterator[None]:
    """Caches and the Celery broker on a Redis that is not there."""
    conf = celery_app.conf
    before = (conf.task_always_eager, conf.broker_url)
    conf.task_always_eager = False
    conf.broker_url = DEAD_REDIS
    try:
        with override_settings(CACHES=CACHES_REDIS_DOWN):
            yield
    finally:
        conf.task_always_eager, conf.broker_url = before
        # Forget the connections to the dead broker (the next user makes new ones).
        celery_app.amqp._producer_pool = None
        celery_app._pool = None


@pytest.mark.django_db
def test_the_cache_falls_back_and_stops_asking_redis_for_a_while(redis_down):
    cache = caches["limits"]
    assert isinstance(cache, ResilientRedisCache)

    cache.set("k", 1, 60)
    assert cache.redis_down
    assert cache.get("k") == 1  # from the database fallback
    assert cache.incr("k") == 2
    assert cache.add("k", 5) is False
    cache.delete("k")
    assert cache.get("k", "gone") == "gone"


@pytest.mark.django_db
def test_a_counter_reception_is_kept_and_its_message_waits(
    client, world: World, redis_down
):
    client.force_login(world.officer)

    response = client.post(reverse("backoffice:counter"), post_data(world))

    assert response.status_code == 302
    dossier = Dossier.objects.get()
    messages = OutboxMessage.objects.filter(dossier_code=dossier.code)
    assert messages.exists()
    assert set(messages.values_list("status", flat=True)) == {MessageStatus.PENDING}
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert dossier.code in page.content.decode()

    # Redis is back: the periodic pass sends what waited, once.
    delivered = outbox_deliver_due(now=timezone.now(), limit=100)
    assert delivered.sent == messages.count()
    assert set(messages.values_list("status", flat=True)) == {MessageStatus.SENT}


@pytest.mark.django_db
def test_public_tracking_and_the_staff_login_work(client, world: World, redis_down):
    dossier = world.processing(vn(2026, 11, 16, 9))

    assert client.get(reverse("backoffice:login")).status_code == 200
    assert client.get(reverse("portal:home")).status_code == 200
    page = client.get(reverse("portal:tracking_detail", args=[dossier.code]))
    assert page.status_code == 200
    assert dossier.code in page.content.decode()
    client.force_login(world.officer)
    assert client.get(reverse("backoffice:home")).status_code == 200


@pytest.mark.django_db
def test_public_rate_limits_still_count_in_the_database(
    client, world: World, redis_down, settings
):
    settings.MOTCUA_PUBLIC_LOOKUP_LIMIT = 2
    url = reverse("portal:tracking_detail", args=["NO-SUCH-CODE"])

    answers = [client.get(url).status_code for _ in range(3)]

    assert answers == [404, 404, 429]
