"""The counter console over real HTTP: open a counter, call, serve into the
reception screen (the dossier remembers its ticket), set aside, call back."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from motcua.agencies.models import Counter
from motcua.backoffice.tests.test_counter import post_data
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import World, vn
from motcua.queueing.models import (
    CounterSession,
    ServiceLine,
    Ticket,
    TicketDossier,
    TicketStatus,
)
from motcua.queueing.services import ticket_issue

pytestmark = pytest.mark.django_db

CONSOLE = reverse("backoffice:queue_console")


def hall(world: World) -> tuple[ServiceLine, Counter]:
    line = ServiceLine.objects.create(
        service_point=world.point, prefix="B", name="Tư pháp – hộ tịch"
    )
    line.procedures.add(world.procedure)
    counter = Counter.objects.create(service_point=world.point, number=3)
    return line, counter


def opened(client: Client, world: World) -> tuple[ServiceLine, Counter]:
    line, counter = hall(world)
    client.force_login(world.officer)
    page = client.get(CONSOLE).content.decode()
    assert 'id="console-open-button"' in page
    assert f'name="lines" value="{line.pk}" checked' in page
    client.post(
        reverse("backoffice:queue_open"), {"counter": counter.pk, "lines": [line.pk]}
    )
    return line, counter


def test_an_officer_opens_a_counter_calls_and_serves_into_reception(client, world):
    line, _counter = opened(client, world)
    ticket = ticket_issue(line=line, now=vn(2026, 11, 17, 8), procedure=world.procedure)
    page = client.get(CONSOLE).content.decode()
    assert 'id="console-counter-state" data-state="open"' in page
    assert 'id="console-idle"' in page

    client.post(reverse("backoffice:queue_next"))
    page = client.get(CONSOLE).content.decode()
    assert 'id="console-ticket">B-001<' in page
    assert 'id="console-recall"' in page

    served = client.post(
        reverse("backoffice:queue_act"), {"ticket": ticket.pk, "action": "serve"}
    )
    assert served.status_code == 302
    where = urlsplit(served["Location"])
    assert where.path == reverse("backoffice:counter")
    assert parse_qs(where.query) == {
        "ticket": [str(ticket.pk)],
        "service_point": [str(world.point.pk)],
        "procedure": [world.procedure.code],
    }
    screen = client.get(served["Location"]).content.decode()
    assert 'id="counter-ticket"' in screen
    assert f'name="ticket" value="{ticket.pk}"' in screen

    for key in ("a" * 32, "b" * 32):  # two dossiers from one ticket
        received = client.post(
            reverse("backoffice:counter"),
            post_data(world, ticket=ticket.pk, request_key=key),
        )
        assert received.status_code == 302
    dossiers = set(Dossier.objects.values_list("pk", flat=True))
    assert len(dossiers) == 2
    assert (
        set(
            TicketDossier.objects.filter(ticket=ticket).values_list(
                "dossier_id", flat=True
            )
        )
        == dossiers
    )
    # The console's next finishes the ticket served.
    client.post(reverse("backoffice:queue_next"))
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.DONE


def test_a_ticket_not_served_here_is_not_linked_but_the_dossier_is_received(
    client, world
):
    line, _counter = hall(world)
    ticket = ticket_issue(line=line, now=vn(2026, 11, 17, 8))
    client.force_login(world.officer)
    response = client.post(
        reverse("backoffice:counter"), post_data(world, ticket=ticket.pk)
    )
    assert response.status_code == 302
    assert Dossier.objects.count() == 1
    assert not TicketDossier.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Số thứ tự này không được phục vụ tại quầy của bạn." in page


def test_a_call_is_repeated_twice_then_set_aside_and_called_back(client, world):
    line, _counter = opened(client, world)
    ticket = ticket_issue(line=line, now=vn(2026, 11, 17, 8))
    client.post(reverse("backoffice:queue_next"))
    act = reverse("backoffice:queue_act")
    for _ in range(2):
        client.post(act, {"ticket": ticket.pk, "action": "recall"})
    page = client.get(CONSOLE).content.decode()
    assert 'id="console-recall"' not in page
    assert "gọi lại 2 lần" in page
    refused = client.post(act, {"ticket": ticket.pk, "action": "recall"}, follow=True)
    assert "đã được gọi 3 lần" in refused.content.decode()

    client.post(act, {"ticket": ticket.pk, "action": "no_show"})
    page = client.get(reverse("backoffice:queue_panel")).content.decode()
    assert 'id="call-back-B-001"' in page
    client.post(act, {"ticket": ticket.pk, "action": "call_back"})
    ticket.refresh_from_db()
    assert (ticket.status, ticket.recalls) == (TicketStatus.CALLED, 0)


def test_bad_buttons_and_other_halls_tickets_are_refused_with_a_message(client, world):
    line, _counter = opened(client, world)
    ticket = ticket_issue(line=line, now=vn(2026, 11, 17, 8))
    act = reverse("backoffice:queue_act")
    page = client.post(act, {"ticket": ticket.pk, "action": "fly"}, follow=True)
    assert "Hãy chọn một trong các nút của màn hình quầy." in page.content.decode()
    page = client.post(act, {"ticket": 999999, "action": "serve"}, follow=True)
    assert "Sảnh này không có số thứ tự đó." in page.content.decode()
    page = client.post(act, {"ticket": ticket.pk, "action": "serve"}, follow=True)
    assert "không thể" in page.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.WAITING


def test_pause_and_close(client, world):
    line, _counter = opened(client, world)
    ticket_issue(line=line, now=vn(2026, 11, 17, 8))
    client.post(reverse("backoffice:queue_pause"), {"pause": "1"})
    page = client.get(CONSOLE).content.decode()
    assert 'data-state="paused"' in page
    assert 'id="console-next"' not in page
    client.post(reverse("backoffice:queue_pause"), {"pause": "0"})
    client.post(reverse("backoffice:queue_next"))
    client.post(reverse("backoffice:queue_close"))
    assert not CounterSession.objects.filter(closed_at__isnull=True).exists()
    # The ticket called but not served goes back to wait.
    assert Ticket.objects.get().status == TicketStatus.WAITING
    page = client.post(reverse("backoffice:queue_next"), follow=True).content.decode()
    assert "Quầy của bạn đã đóng: hãy mở lại." in page


def test_staff_without_the_reception_role_and_visitors_are_refused(client, world):
    hall(world)
    assert client.get(CONSOLE).status_code == 302
    client.force_login(world.specialist)
    assert client.get(CONSOLE).status_code == 403
    assert client.post(reverse("backoffice:queue_next")).status_code == 403
    assert (
        client.post(reverse("backoffice:queue_open"), {"counter": 1}).status_code == 403
    )
    assert not CounterSession.objects.exists()


def test_serving_a_booking_fills_in_its_name_and_phone_and_logs_it(client, world):
    from datetime import date, time

    from motcua.queueing.models import AppointmentAccess
    from motcua.queueing.services import appointment_book, appointment_check_in

    line, _counter = opened(client, world)
    line.booking_capacity = 2
    line.save()
    booking = appointment_book(
        line=line,
        day=date(2026, 11, 17),
        slot=time(10),
        phone="0912345678",
        name="Trần Thị Hương",
        now=vn(2026, 11, 16, 15),
    )
    ticket = appointment_check_in(
        service_point_id=world.point.pk, code=booking.code, now=vn(2026, 11, 17, 9, 35)
    )
    # Not served yet: nothing of the booking is shown.
    screen = client.get(reverse("backoffice:counter"), {"ticket": ticket.pk})
    assert "Trần Thị Hương" not in screen.content.decode()
    client.post(reverse("backoffice:queue_next"))
    served = client.post(
        reverse("backoffice:queue_act"), {"ticket": ticket.pk, "action": "serve"}
    )
    screen = client.get(served["Location"]).content.decode()
    assert 'value="Trần Thị Hương"' in screen
    assert 'value="0912345678"' in screen
    assert (
        AppointmentAccess.objects.filter(
            user=world.officer, appointment=booking
        ).count()
        == 1
    )
