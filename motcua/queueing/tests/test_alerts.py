"""Alerts for the hall manager: a long wait, a long queue, an idle counter."""

from __future__ import annotations

import pytest

from motcua.dossiers.tests.factories import vn
from motcua.queueing.selectors import hall_alerts
from motcua.queueing.services import counter_pause, ticket_call_next, ticket_issue
from motcua.queueing.tests.test_services import line_of, session_of

pytestmark = pytest.mark.django_db


def kinds(line, at) -> list[str]:
    return [
        alert.kind for alert in hall_alerts(service_point=line.service_point, now=at)
    ]


def test_a_wait_over_the_threshold_and_a_long_line_alert(settings):
    settings.MOTCUA_HALL_ALERT_WAIT_MINUTES = 30
    settings.MOTCUA_HALL_ALERT_QUEUE_LENGTH = 3
    line = line_of()
    session_of(line, 1, now=vn(2026, 3, 2, 7, 0))
    for minute in (0, 1):
        ticket_issue(line=line, now=vn(2026, 3, 2, 8, minute))
    settings.MOTCUA_HALL_ALERT_IDLE_MINUTES = 600
    assert kinds(line, vn(2026, 3, 2, 8, 20)) == []
    alerts = hall_alerts(service_point=line.service_point, now=vn(2026, 3, 2, 8, 31))
    assert [a.kind for a in alerts] == ["wait"]
    assert "B-001" in str(alerts[0].message) and "31" in str(alerts[0].message)
    ticket_issue(line=line, now=vn(2026, 3, 2, 8, 25))
    assert kinds(line, vn(2026, 3, 2, 8, 26)) == ["queue"]


def test_an_open_counter_idle_while_people_wait_alerts_until_it_calls(settings):
    settings.MOTCUA_HALL_ALERT_IDLE_MINUTES = 5
    line = line_of()
    session = session_of(line, 4, now=vn(2026, 3, 2, 8, 0))
    ticket_issue(line=line, now=vn(2026, 3, 2, 8, 1))
    assert kinds(line, vn(2026, 3, 2, 8, 4)) == []
    alerts = hall_alerts(service_point=line.service_point, now=vn(2026, 3, 2, 8, 6))
    assert [a.kind for a in alerts] == ["idle"]
    assert "4" in str(alerts[0].message)
    ticket_call_next(session=session, now=vn(2026, 3, 2, 8, 7))
    assert kinds(line, vn(2026, 3, 2, 8, 20)) == []
    # A paused counter is on a break, not idle.
    ticket_issue(line=line, now=vn(2026, 3, 2, 8, 21))
    counter_pause(session=session, now=vn(2026, 3, 2, 8, 22))
    assert "idle" not in kinds(line, vn(2026, 3, 2, 8, 40))


def test_a_line_with_people_waiting_and_no_open_counter_alerts():
    line = line_of()
    ticket_issue(line=line, now=vn(2026, 3, 2, 8))
    alerts = hall_alerts(service_point=line.service_point, now=vn(2026, 3, 2, 8, 1))
    assert [a.kind for a in alerts] == ["unserved"]
    session = session_of(line, 2, now=vn(2026, 3, 2, 8, 2))
    assert "unserved" not in kinds(line, vn(2026, 3, 2, 8, 3))
    counter_pause(session=session, now=vn(2026, 3, 2, 8, 4))
    assert "unserved" in kinds(line, vn(2026, 3, 2, 8, 5))
