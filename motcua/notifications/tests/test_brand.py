"""Messages sign with the brand kit's system name and hotline."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from motcua.core.models import brand_cache_clear
from motcua.core.tests.factories import brand_kit_make
from motcua.notifications.models import NotificationKind
from motcua.notifications.services import notification_enqueue
from motcua.notifications.tests.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_cached_brand() -> Iterator[None]:
    brand_cache_clear()
    yield
    brand_cache_clear()


def test_a_message_names_the_kit_system_and_hotline():
    brand_kit_make(system_name="Một cửa Cần Thơ", hotline="0292 3 822 822")

    (message,) = notification_enqueue(
        kind=NotificationKind.WITHDRAWN,
        now=NOW,
        dossier_code="H26-0001",
        phone="0912345678",
    )

    assert message.body.startswith("Một cửa Cần Thơ: Hồ sơ H26-0001")
    assert "Hotline 0292 3 822 822" in message.body
