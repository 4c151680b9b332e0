"""Withdrawing one's own dossier from the tracking page (Decree 118/2025 Art. 21)."""

from __future__ import annotations

import pytest

from motcua.citizens.tests.factories import citizen
from motcua.dossiers import services as s
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import all_ticks, applicant, vn

pytestmark = pytest.mark.django_db
NOW = vn(2026, 3, 2, 9)


@pytest.fixture
def filed(world):
    owner = citizen()
    dossier = s.dossier_register_online(
        now=NOW,
        procedure=world.procedure,
        competent_agency=world.agency,
        applicant=applicant(),
        papers=all_ticks(world.procedure),
        account=owner,
    )
    return owner, dossier


def test_the_owner_sees_the_link_asks_with_a_reason_and_withdraws(client, filed):
    owner, dossier = filed
    client.force_login(owner)
    url = f"/cong-dan/ho-so-cua-toi/{dossier.code}/rut-ho-so/"

    page = client.get(f"/tra-cuu/{dossier.code}/").content.decode()
    empty = client.post(url, {"reason": ""})
    done = client.post(url, {"reason": "Nộp nhầm thủ tục"})

    assert 'id="withdraw-link"' in page
    assert empty.status_code == 422
    assert 'id="withdraw-error"' in empty.content.decode()
    assert done.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.WITHDRAWN
    after = client.get(url).content.decode()
    assert 'id="withdraw-not-allowed"' in after
    assert (
        'id="withdraw-link"'
        not in client.get(f"/tra-cuu/{dossier.code}/").content.decode()
    )


def test_someone_else_gets_404_and_the_anonymous_the_login(client, filed):
    _owner, dossier = filed
    url = f"/cong-dan/ho-so-cua-toi/{dossier.code}/rut-ho-so/"

    assert client.post(url, {"reason": "x"}).status_code == 302
    client.force_login(citizen(id_number="001090054321", phone="0987654321"))
    assert client.post(url, {"reason": "x"}).status_code == 404
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.REGISTERED
