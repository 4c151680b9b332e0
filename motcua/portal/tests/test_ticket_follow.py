"""Following a queue ticket on a phone: real HTTP through the portal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.dossiers.tests.factories import vn
from motcua.queueing.services import ticket_act, ticket_call_next, ticket_issue
from motcua.queueing.tests.test_services import line_of, session_of
from motcua.queueing.workflow import TicketAction

pytestmark = pytest.mark.django_db


def test_the_phone_shows_the_people_ahead_then_the_counter_then_the_end(client):
    line = line_of()
    session = session_of(line, 5)
    first = ticket_issue(line=line, now=vn(2026, 3, 2, 8))
    mine = ticket_issue(line=line, now=vn(2026, 3, 2, 8, 1))
    url = reverse("portal:ticket_follow", args=[mine.follow_key])

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="ticket-code">B-002<' in html
    assert 'id="ticket-ahead">1 người đứng trước bạn.' in html
    assert 'http-equiv="refresh"' in html
    assert page["Cache-Control"].startswith("max-age=0")

    ticket_call_next(session=session, now=vn(2026, 3, 2, 8, 5))
    assert "0 người đứng trước bạn." in client.get(url).content.decode()
    ticket_act(
        ticket_id=first.pk,
        action=TicketAction.SERVE,
        session=session,
        now=vn(2026, 3, 2, 8, 6),
    )
    called = ticket_call_next(session=session, now=vn(2026, 3, 2, 8, 9))
    assert called is not None and called.pk == mine.pk
    html = client.get(url).content.decode()
    assert "Đến lượt bạn: mời đến quầy số 5." in html

    for action in (TicketAction.SERVE, TicketAction.FINISH):
        ticket_act(
            ticket_id=mine.pk,
            action=action,
            session=session,
            now=vn(2026, 3, 2, 8, 12),
        )
    html = client.get(url).content.decode()
    assert 'id="ticket-over">Đã phục vụ xong' in html
    assert 'http-equiv="refresh"' not in html


def test_an_unknown_ticket_key_is_a_clear_404(client):
    page = client.get(reverse("portal:ticket_follow", args=["no-such-key"]))
    assert page.status_code == 404
    assert "quét lại mã QR" in page.content.decode()


def test_the_phone_is_told_a_range_once_the_line_has_served_someone(client):
    line = line_of()
    session = session_of(line, 2)
    first, _second, mine = (
        ticket_issue(line=line, now=vn(2026, 3, 2, 8)) for _ in "abc"
    )
    url = reverse("portal:ticket_follow", args=[mine.follow_key])
    assert 'id="ticket-wait"' not in client.get(url).content.decode()
    ticket_call_next(session=session, now=vn(2026, 3, 2, 8))
    for action, minute in ((TicketAction.SERVE, 1), (TicketAction.FINISH, 9)):
        ticket_act(
            ticket_id=first.pk,
            action=action,
            session=session,
            now=vn(2026, 3, 2, 8, minute),
        )
    html = client.get(url).content.decode()
    # One ahead, one counter, services of 8 minutes (the page reads the clock:
    # the services ended in the past, whatever today is).
    assert 'id="ticket-wait">Khoảng 8 phút chờ.' in html


def test_a_ticket_set_aside_is_told_where_to_go_and_keeps_refreshing(client):
    line = line_of()
    session = session_of(line, 4)
    mine = ticket_issue(line=line, now=vn(2026, 3, 2, 8))
    ticket_call_next(session=session, now=vn(2026, 3, 2, 8, 5))
    ticket_act(
        ticket_id=mine.pk,
        action=TicketAction.NO_SHOW,
        session=session,
        now=vn(2026, 3, 2, 8, 9),
    )
    html = client.get(reverse("portal:ticket_follow", args=[mine.follow_key])).content
    text = html.decode()
    assert 'id="ticket-parked">Số của bạn đang được tạm gác: xin đến quầy 4' in text
    assert 'http-equiv="refresh"' in text
