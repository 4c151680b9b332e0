"""Messages to the citizen are written in the transaction of the change."""

from __future__ import annotations

import pytest
from django.db import transaction

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import vn
from motcua.notifications.models import OutboxMessage


class Boom(Exception):
    pass


def test_a_rolled_back_reception_leaves_no_message_behind(world):
    with pytest.raises(Boom), transaction.atomic():
        world.receive(vn(2026, 3, 2, 9))
        assert OutboxMessage.objects.count() == 2
        raise Boom

    assert not OutboxMessage.objects.exists()
    assert not Dossier.objects.exists()


def test_the_receipt_message_names_the_code_and_the_deadline(world):
    dossier = world.receive(vn(2026, 3, 2, 9))

    sms = OutboxMessage.objects.get(channel="sms")
    assert sms.dossier_code == dossier.code
    assert sms.recipient == "0912345678"
    assert dossier.code in sms.body or "09/03/2026" in sms.body
