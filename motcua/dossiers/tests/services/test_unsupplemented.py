"""The 15-day close and the restart of the count (SPEC §4.4, §5)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from motcua.dossiers import services as s
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.inputs import PaperTick
from motcua.dossiers.models import Dossier, DossierPause
from motcua.dossiers.selectors import supplement_close_due_at
from motcua.dossiers.services.unsupplemented import dossiers_close_unsupplemented
from motcua.dossiers.tests.factories import applicant, vn
from motcua.notifications.models import OutboxMessage

MONDAY_9 = vn(2026, 3, 2, 9)


def asked_at_counter(world):
    first = world.procedure.papers.order_by("position").first()
    return s.dossier_request_papers_at_counter(
        actor=world.officer,
        now=MONDAY_9,
        procedure=world.procedure,
        service_point=world.point,
        applicant=applicant(),
        papers=[PaperTick(required_paper_id=first.pk)],
        competent_agency=world.agency,
    )


@pytest.fixture
def fifteen(world):
    world.procedure.supplement_close_working_days = 15
    world.procedure.save(update_fields=["supplement_close_working_days"])
    return world


def test_a_walk_in_not_back_in_15_working_days_ends_not_received(fifteen):
    dossier = asked_at_counter(fifteen)

    # 15 working days from Monday 2 March 09:00: Monday 23 March 09:00.
    assert supplement_close_due_at(dossier) == vn(2026, 3, 23, 9)
    assert dossiers_close_unsupplemented(now=vn(2026, 3, 23, 8, 59)) == []
    closed = dossiers_close_unsupplemented(now=vn(2026, 3, 23, 9))

    dossier.refresh_from_db()
    assert closed == [dossier.code]
    assert (dossier.status, dossier.step) == (DossierStatus.NOT_RECEIVED, "closed")
    assert dossier.events.latest("sequence").action == "close_unsupplemented"
    assert dossier.events.latest("sequence").sequence == dossier.version
    assert OutboxMessage.objects.filter(kind="refused").exists()
    assert dossiers_close_unsupplemented(now=vn(2026, 4, 1, 9)) == []


def test_in_processing_it_ends_stopped_and_its_pause_ends(fifteen):
    dossier = fifteen.processing(MONDAY_9)
    s.dossier_request_supplement(
        dossier_code=dossier.code,
        actor=fifteen.specialist,
        now=vn(2026, 3, 3, 9),
        items=["Giấy tờ chứng minh chỗ ở"],
    )

    dossiers_close_unsupplemented(now=vn(2026, 3, 24, 9))

    dossier.refresh_from_db()
    assert (dossier.status, dossier.step) == (DossierStatus.STOPPED, "closed")
    assert dossier.finished_at == vn(2026, 3, 24, 9)
    assert not DossierPause.objects.filter(dossier=dossier, ended_at=None).exists()


def test_no_period_no_close_and_papers_sent_online_keep_it_open(world):
    dossier = asked_at_counter(world)
    assert supplement_close_due_at(dossier) is None
    assert dossiers_close_unsupplemented(now=vn(2026, 6, 1, 9)) == []
    assert (
        Dossier.objects.get(pk=dossier.pk).status == DossierStatus.SUPPLEMENT_REQUESTED
    )


def test_the_command_prints_what_it_closed(fifteen):
    dossier = asked_at_counter(fifteen)
    out = StringIO()

    # The suite's clock is November 2026: long past the period.
    call_command("close_unsupplemented", stdout=out)

    assert dossier.code in out.getvalue()


def test_a_procedure_that_restarts_the_count_counts_anew_from_the_supplement(world):
    world.procedure.supplement_restarts_count = True
    world.procedure.save(update_fields=["supplement_restarts_count"])
    dossier = world.processing(MONDAY_9)  # 5 working days: due Monday 9 March 09:00
    s.dossier_request_supplement(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=vn(2026, 3, 4, 9),
        items=["Giấy tờ chứng minh chỗ ở"],
    )

    back = s.dossier_receive_supplement(
        dossier_code=dossier.code, actor=world.officer, now=vn(2026, 3, 10, 9)
    )

    # A pause would have moved it to Monday 16 March 09:00; a restart counts 5
    # full working days from Tuesday 10 March 09:00.
    assert back.deadline_at == vn(2026, 3, 17, 9)
    assert DossierPause.objects.get(dossier=dossier).restarts_count


def test_by_default_a_supplement_pauses_the_count(world):
    dossier = world.processing(MONDAY_9)
    s.dossier_request_supplement(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=vn(2026, 3, 4, 9),
        items=["Giấy tờ chứng minh chỗ ở"],
    )

    back = s.dossier_receive_supplement(
        dossier_code=dossier.code, actor=world.officer, now=vn(2026, 3, 10, 9)
    )

    # Paused 4 working days (Wed 4 → Tue 10 March): Monday 9 → Friday 13 March.
    assert back.deadline_at == vn(2026, 3, 13, 9)


def test_the_dossier_page_shows_when_it_closes(client, fifteen):
    dossier = asked_at_counter(fifteen)
    client.force_login(fifteen.officer)

    page = client.get(f"/dossiers/{dossier.code}/").content.decode()

    assert 'data-testid="supplement-closes-at"' in page
    assert "09:00 23/03/2026" in page
