"""A no-wait procedure at the counter: received, decided and returned in one
visit, through the lifecycle's services; all or nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.backoffice.tests.test_counter import post_data
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.procedures.models import Procedure

pytestmark = pytest.mark.django_db

URL = reverse("backoffice:counter")


def test_the_counter_offers_and_does_the_whole_visit_for_a_no_wait_procedure(
    client, world
):
    Procedure.objects.filter(pk=world.procedure.pk).update(is_no_wait=True)
    client.force_login(world.officer)
    preview = client.get(
        reverse("backoffice:counter_deadline"),
        {"procedure": world.procedure.code, "service_point": world.point.pk},
    ).content.decode()
    assert 'data-testid="no-wait"' in preview
    done = client.post(URL, post_data(world, outcome="no_wait"))
    assert done.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.status == DossierStatus.RETURNED
    assert dossier.result_number
    actions = list(dossier.events.values_list("action", flat=True))
    assert actions[0] == "receive"
    assert actions[-2:] == ["decide_at_counter", "return_result"]
    page = client.get(done["Location"]).content.decode()
    assert "giải quyết và trả kết quả ngay tại quầy" in page


def test_a_procedure_that_waits_gets_no_such_button_and_is_not_received_by_it(
    client, world
):
    client.force_login(world.officer)
    preview = client.get(
        reverse("backoffice:counter_deadline"),
        {"procedure": world.procedure.code, "service_point": world.point.pk},
    ).content.decode()
    assert 'data-testid="no-wait"' not in preview
    refused = client.post(URL, post_data(world, outcome="no_wait"))
    assert refused.status_code == 200
    assert "Chỉ thủ tục không chờ" in refused.content.decode()
    assert not Dossier.objects.exists()
