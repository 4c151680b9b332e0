"""Every action of the workflow has a form that drives its service."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.backoffice.action_forms import ACTION_FORMS
from motcua.dossiers.models import Dossier, DossierFee
from motcua.dossiers.tests.factories import World
from motcua.dossiers.workflow import (
    SYSTEM_ACTIONS,
    DossierAction,
    system_only_actions,
)

pytestmark = pytest.mark.django_db


def post(client, dossier: Dossier, action: str, **fields: object):
    data = {f"{action}-{name}": value for name, value in fields.items()}
    data["expected_version"] = str(dossier.version)
    url = reverse("backoffice:dossier_act", args=[dossier.code, action])
    return client.post(url, data)


def test_every_staff_action_has_a_form_that_renders(world: World):
    dossier = world.processing(timezone.now())
    # Deadlines are extended for a notice from the notice page, not per dossier;
    # registering online and sending a supplement online are the applicant's.
    staff_actions = set(DossierAction.values) - {
        DossierAction.REGISTER_ONLINE,
        DossierAction.EXTEND_FOR_NOTICE,
        DossierAction.SEND_SUPPLEMENT_ONLINE,
    }
    staff_actions -= SYSTEM_ACTIONS  # recounts by the system have no form
    staff_actions -= system_only_actions()  # nor does the system's closing
    assert set(ACTION_FORMS) == staff_actions
    for action, form_class in ACTION_FORMS.items():
        assert isinstance(form_class(dossier=dossier, action=action).as_div(), str)


def test_a_supplement_request_lists_one_item_a_line_and_pauses(client, world):
    dossier = world.processing(timezone.now())
    client.force_login(world.specialist)
    response = post(
        client, dossier, "request_supplement", items="Bản sao sổ đỏ\nẢnh 4x6"
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.step == "supplement"
    assert dossier.paused_since is not None
    page = client.get(reverse("backoffice:dossier", args=[dossier.code]))
    assert 'data-testid="form-02"' in page.content.decode()


def test_a_payment_request_reads_name_and_amount_per_line(client, world):
    dossier = world.processing(timezone.now())
    client.force_login(world.specialist)
    response = post(client, dossier, "request_payment", fees="Lệ phí: 15.000")
    assert response.status_code == 302
    assert DossierFee.objects.get().amount_vnd == 15000


def test_a_badly_written_fee_is_explained_on_the_form(client, world):
    dossier = world.processing(timezone.now())
    client.force_login(world.specialist)
    response = post(client, dossier, "request_payment", fees="mười lăm nghìn")
    assert response.status_code == 400
    assert not DossierFee.objects.exists()


def test_sending_to_an_unknown_agency_is_explained(client, world):
    dossier = world.processing(timezone.now())
    client.force_login(world.specialist)
    response = post(
        client, dossier, "send_to_agency", agencies="999.99", mode="parallel"
    )
    assert response.status_code == 400
    assert "999.99" in response.content.decode()


def test_sending_to_another_agency_and_its_reply(client, world):
    dossier = world.processing(timezone.now())
    client.force_login(world.specialist)
    response = post(
        client, dossier, "send_to_agency", agencies=world.other.code, mode="parallel"
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    client.force_login(world.other_staff)
    assert post(client, dossier, "agency_reply", reply_note="Đồng ý").status_code == 302
    dossier.refresh_from_db()
    assert dossier.step == "processing"


def test_a_withdrawal_closes_the_dossier_and_offers_form_05(client, world, received):
    client.force_login(world.officer)
    response = post(client, received, "withdraw", reason="Công dân xin rút")
    assert response.status_code == 302
    page = client.get(reverse("backoffice:dossier", args=[received.code]))
    assert 'data-testid="form-05"' in page.content.decode()
