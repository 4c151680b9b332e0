"""The hall's statistics page and export, over real HTTP, on a known day."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from motcua.agencies.models import Counter, StaffRole
from motcua.dossiers import services as s
from motcua.dossiers.tests.factories import AgencyFactory, World, staff, vn
from motcua.procedures.models import Procedure
from motcua.queueing.models import ServiceLine, TicketDossier
from motcua.queueing.services import (
    counter_open,
    ticket_act,
    ticket_call_next,
    ticket_issue,
)
from motcua.queueing.workflow import TicketAction

pytestmark = pytest.mark.django_db


def monday(world: World) -> ServiceLine:
    """Monday 16/11/2026 at the world's hall: B-001 waits 10 and is served 6
    minutes, B-002 waits 15 and is served 12, B-003 is still waiting at
    closing (abandoned)."""
    line = ServiceLine.objects.create(
        service_point=world.point, prefix="B", name="Hộ tịch"
    )
    counter = Counter.objects.create(service_point=world.point, number=2)
    session = counter_open(
        counter=counter, officer=world.officer, now=vn(2026, 11, 16, 7, 30)
    )
    for minute in (0, 5, 10):
        ticket_issue(line=line, now=vn(2026, 11, 16, 8, minute))
    for called, finished in ((10, 16), (20, 32)):
        ticket = ticket_call_next(session=session, now=vn(2026, 11, 16, 8, called))
        assert ticket is not None
        ticket_act(
            ticket_id=ticket.pk,
            action=TicketAction.SERVE,
            session=session,
            now=vn(2026, 11, 16, 8, called),
        )
        ticket_act(
            ticket_id=ticket.pk,
            action=TicketAction.FINISH,
            session=session,
            now=vn(2026, 11, 16, 8, finished),
        )
    return line


URL_ARGS = {"start": "16/11/2026", "end": "16/11/2026"}


def test_a_leader_sees_the_days_waits_services_and_abandoned(client, world):
    monday(world)
    client.force_login(world.leader)
    halls = client.get(reverse("backoffice:hall_list")).content.decode()
    url = reverse("backoffice:hall_stats", args=[world.point.code])
    assert url in halls
    page = client.get(url, URL_ARGS).content.decode()
    assert 'data-testid="tickets">3<' in page
    assert 'data-testid="served">2<' in page
    assert 'data-testid="abandoned">1<' in page
    assert 'data-testid="wait-mean">12,5<' in page  # (10 + 15) / 2
    assert 'data-testid="service-mean">9,0<' in page  # (6 + 12) / 2
    assert "Hộ tịch" in page and 'id="stats-heat"' in page

    export = client.get(
        reverse("backoffice:hall_stats_csv", args=[world.point.code]), URL_ARGS
    )
    assert export["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert [
        (r["so_thu_tu"], r["cho_phut"], r["phuc_vu_phut"], r["bo_ve"]) for r in rows
    ] == [
        ("B-001", "10.0", "6.0", "0"),
        ("B-002", "15.0", "12.0", "0"),
        ("B-003", "", "", "1"),
    ]


def test_no_wait_visits_over_the_target_are_listed(client, world):
    line = monday(world)
    Procedure.objects.filter(pk=world.procedure.pk).update(is_no_wait=True)
    world.procedure.refresh_from_db()
    ticket = ticket_issue(line=line, now=vn(2026, 11, 16, 9))
    dossier = world.receive(vn(2026, 11, 16, 9, 20))
    s.dossier_decide_at_counter(
        dossier_code=dossier.code, actor=world.officer, now=vn(2026, 11, 16, 9, 35)
    )
    s.dossier_return_result(
        dossier_code=dossier.code, actor=world.officer, now=vn(2026, 11, 16, 9, 40)
    )
    TicketDossier.objects.create(ticket=ticket, dossier=dossier)
    client.force_login(world.leader)
    page = client.get(
        reverse("backoffice:hall_stats", args=[world.point.code]), URL_ARGS
    )
    html = page.content.decode()
    assert "1 lượt từ lấy số đến trả kết quả; 1 lượt quá 30 phút." in html
    assert dossier.code in html


def test_staff_who_lead_no_hall_and_other_halls_are_refused(client, world):
    monday(world)
    client.force_login(world.specialist)
    assert client.get(reverse("backoffice:hall_list")).status_code == 403
    url = reverse("backoffice:hall_stats", args=[world.point.code])
    assert client.get(url).status_code == 403
    elsewhere = staff(
        AgencyFactory.create(code="000.00.00.H77"), StaffRole.AGENCY_LEADER
    )
    from motcua.dossiers.tests.factories import ServicePointFactory

    ServicePointFactory.create(agency=elsewhere.assignments.get().agency)
    client.force_login(elsewhere)
    assert client.get(url).status_code == 404
    assert (
        client.get(
            reverse("backoffice:hall_stats_csv", args=[world.point.code])
        ).status_code
        == 404
    )


def test_the_leader_sees_the_hall_now_with_its_alerts(client, world, settings):
    settings.MOTCUA_HALL_ALERT_QUEUE_LENGTH = 1
    line = ServiceLine.objects.create(
        service_point=world.point, prefix="C", name="Đất đai"
    )
    ticket_issue(line=line, now=vn(2026, 11, 17, 9))
    client.force_login(world.leader)
    page = client.get(reverse("backoffice:hall_now", args=[world.point.code]))
    html = page.content.decode()
    assert 'data-kind="queue"' in html
    part = client.get(reverse("backoffice:hall_now_part", args=[world.point.code]))
    assert 'id="hall-alerts"' in part.content.decode()
    client.force_login(world.specialist)
    assert (
        client.get(reverse("backoffice:hall_now", args=[world.point.code])).status_code
        == 403
    )
