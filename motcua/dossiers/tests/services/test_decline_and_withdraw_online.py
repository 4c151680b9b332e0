"""Two transitions the table lacked: found not eligible after appraisal, and a
withdrawal the applicant asks for online (Decree 118/2025 Art. 21)."""

from __future__ import annotations

import pytest

from motcua.citizens.models import StoredPaper
from motcua.citizens.tests.factories import citizen
from motcua.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from motcua.dossiers import services as s
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.public import withdrawable_online
from motcua.dossiers.tests.factories import all_ticks, applicant, dossier_in_state, vn
from motcua.procedures.models import ProcedureResult

NOW = vn(2026, 3, 2, 9)


def online(world, account, at=NOW):
    return s.dossier_register_online(
        now=at,
        procedure=world.procedure,
        competent_agency=world.agency,
        applicant=applicant(),
        papers=all_ticks(world.procedure),
        account=account,
    )


def test_the_leader_declines_an_appraised_dossier_and_the_notice_is_the_result(
    world,
):
    dossier = dossier_in_state(world, "approval", NOW)

    with pytest.raises(PermissionDenied):
        s.dossier_decline(
            dossier_code=dossier.code, actor=world.specialist, now=NOW, reasons="x"
        )
    with pytest.raises(InvalidInput):
        s.dossier_decline(
            dossier_code=dossier.code, actor=world.leader, now=NOW, reasons=" "
        )
    declined = s.dossier_decline(
        dossier_code=dossier.code,
        actor=world.leader,
        now=NOW,
        reasons="Không đủ điều kiện đăng ký thường trú",
    )
    issued = s.dossier_issue_result(
        dossier_code=dossier.code, actor=world.clerk, now=vn(2026, 3, 2, 10)
    )

    assert declined.step == "issuing"
    assert declined.events.get(action="decline").note.startswith("Không đủ")
    assert issued.status == DossierStatus.PROCESSED
    assert issued.result_number  # the notice is numbered like any result


def test_a_declined_result_is_not_kept_in_the_citizens_data_store(world):
    ProcedureResult.objects.create(
        procedure=world.procedure, position=1, name="Xác nhận thường trú"
    )
    owner = citizen()
    code = online(world, owner).code
    s.dossier_receive(dossier_code=code, actor=world.officer, now=NOW)
    s.dossier_assign(
        dossier_code=code, actor=world.division, now=NOW, assignee=world.specialist
    )
    s.dossier_decline(dossier_code=code, actor=world.leader, now=NOW, reasons="Sai")
    s.dossier_issue_result(dossier_code=code, actor=world.clerk, now=NOW)
    s.dossier_return_result(dossier_code=code, actor=world.officer, now=NOW)

    assert not StoredPaper.objects.filter(owner=owner).exists()


def test_the_applicant_withdraws_online_before_the_decision_only(world):
    owner = citizen()
    dossier = online(world, owner)
    assert withdrawable_online(dossier)

    with pytest.raises(InvalidInput):
        s.dossier_withdraw_online(
            dossier_code=dossier.code, account=owner, now=NOW, reason=""
        )
    withdrawn = s.dossier_withdraw_online(
        dossier_code=dossier.code, account=owner, now=NOW, reason="Nộp nhầm"
    )

    assert withdrawn.status == DossierStatus.WITHDRAWN
    event = withdrawn.events.get(action="withdraw")
    assert (event.actor_id, event.note) == (owner.pk, "Nộp nhầm")
    with pytest.raises(Conflict):
        s.dossier_withdraw_online(
            dossier_code=dossier.code, account=owner, now=NOW, reason="lại"
        )


def test_nobody_else_withdraws_it_online_and_not_after_the_leader_signed(world):
    owner = citizen()
    dossier = online(world, owner)
    stranger = citizen(id_number="001090054321", phone="0987654321")

    with pytest.raises(NotFound):
        s.dossier_withdraw_online(
            dossier_code=dossier.code, account=stranger, now=NOW, reason="x"
        )
    signed = dossier_in_state(world, "issuing", NOW)
    assert not withdrawable_online(signed)
