from __future__ import annotations

import pytest

from motcua.dossiers.models import DossierEvent
from motcua.dossiers.tests.factories import vn


def test_events_cannot_be_edited_or_deleted(world):
    world.receive(vn(2026, 3, 2, 9))
    event = DossierEvent.objects.get()

    event.note = "sửa"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
