"""Two requests filing the same draft at once make one dossier (PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection

from motcua.core.testing import run_in_threads
from motcua.dossiers.models import Dossier
from motcua.submissions.services import submission_file
from motcua.submissions.tests.factories import NOW, OnlineWorld
from motcua.submissions.tests.test_services import ready_draft

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks"
    ),
]


def test_two_simultaneous_filings_make_one_dossier():
    world = OnlineWorld()
    draft = ready_draft(world)
    results = run_in_threads(
        2,
        lambda _i: submission_file(submission=draft, account=world.citizen, now=NOW),
    )
    dossiers = [result for result in results if isinstance(result, Dossier)]
    assert len(dossiers) == 2, results
    assert dossiers[0].pk == dossiers[1].pk
    assert Dossier.objects.count() == 1
