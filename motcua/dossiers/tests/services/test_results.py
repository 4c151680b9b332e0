from __future__ import annotations

import pytest

from motcua.core.errors import Conflict, InvalidInput, PermissionDenied
from motcua.dossiers import services as s
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import dossier_in_state, vn
from motcua.notifications.models import OutboxMessage
from motcua.procedures.models import Procedure

NOW = vn(2026, 3, 2, 9)


def test_the_clerk_numbers_results_per_agency_and_year(world):
    first = dossier_in_state(world, "issuing", NOW)
    second = dossier_in_state(world, "issuing", NOW)

    with pytest.raises(PermissionDenied):
        s.dossier_issue_result(dossier_code=first.code, actor=world.leader, now=NOW)
    one = s.dossier_issue_result(dossier_code=first.code, actor=world.clerk, now=NOW)
    two = s.dossier_issue_result(dossier_code=second.code, actor=world.clerk, now=NOW)

    assert (one.result_number, two.result_number) == ("1/2026", "2/2026")
    assert (one.status, one.step, one.finished_at) == (9, "result_ready", NOW)
    assert OutboxMessage.objects.filter(kind="result_ready").count() == 4


def test_the_reception_officer_returns_the_result_and_logs_it_in_the_register(world):
    dossier = dossier_in_state(world, "result_ready", NOW)

    with pytest.raises(InvalidInput):
        s.dossier_return_result(
            dossier_code=dossier.code, actor=world.officer, now=NOW, method="pigeon"
        )
    returned = s.dossier_return_result(
        dossier_code=dossier.code, actor=world.officer, now=NOW, method="post"
    )

    assert (returned.status, returned.return_method) == (10, "post")
    assert (returned.register_number, returned.returned_at) == (1, NOW)
    with pytest.raises(Conflict, match="result returned"):
        s.dossier_return_result(dossier_code=dossier.code, actor=world.officer, now=NOW)


def test_a_result_cannot_be_issued_before_approval(world):
    dossier = dossier_in_state(world, "processing", NOW)

    with pytest.raises(Conflict):
        s.dossier_issue_result(dossier_code=dossier.code, actor=world.clerk, now=NOW)


def test_a_no_wait_procedure_is_decided_and_returned_in_the_same_visit(world):
    Procedure.objects.filter(pk=world.procedure.pk).update(is_no_wait=True)
    world.procedure.refresh_from_db()
    received = world.receive(NOW)
    decided = s.dossier_decide_at_counter(
        dossier_code=received.code, actor=world.officer, now=NOW
    )
    returned = s.dossier_return_result(
        dossier_code=received.code, actor=world.officer, now=NOW
    )
    assert decided.result_number.endswith("/2026")
    assert returned.status == DossierStatus.RETURNED
    actions = list(
        returned.events.order_by("sequence").values_list("action", flat=True)
    )
    assert actions[-2:] == ["decide_at_counter", "return_result"]


def test_a_procedure_that_waits_is_not_decided_at_the_counter(world):
    received = world.receive(NOW)
    with pytest.raises(Conflict, match=r"không chờ|no-wait"):
        s.dossier_decide_at_counter(
            dossier_code=received.code, actor=world.officer, now=NOW
        )
    assert Dossier.objects.get(pk=received.pk).version == received.version
