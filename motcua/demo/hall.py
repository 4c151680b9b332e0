"""The demo's front hall (DEMO DATA): the lines, kiosk and displays of branch 1,
and a morning's queue so every screen has something to show.

The devices' keys are fixed and published in the README so the demo's screens
can be opened at once; a real hall's keys are random (``HallDevice.save``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.agencies.models import Counter, ServicePoint
from motcua.core.counters import local_date
from motcua.procedures.models import Procedure
from motcua.queueing.models import (
    DayPolicy,
    DeviceKind,
    HallDevice,
    PriorityCategory,
    ServiceLine,
    Ticket,
)
from motcua.queueing.services import (
    counter_open,
    ticket_act,
    ticket_call_next,
    ticket_issue,
)
from motcua.queueing.workflow import TicketAction

DEMO_HALL = "HN-CN01"
# prefix, name, fields of the procedures it takes, the counter that serves it
DEMO_LINES = [
    ("A", "Hộ tịch – Chứng thực", ("hộ tịch", "chứng thực"), 1),
    ("B", "Cư trú", ("cư trú",), 2),
    ("C", "Đất đai – Xây dựng", ("đất đai", "xây dựng", "tài nguyên"), 3),
    ("D", "Kinh doanh", ("kinh doanh",), 4),
]
# Who passes ahead, and how much a minute of their wait counts (the hall's
# choice; these are the demo's).
DEMO_PRIORITIES = [
    ("Có lịch hẹn", 5),  # bookings checked in at the kiosk in time
    ("Người cao tuổi", 3),
    ("Người khuyết tật", 3),
    ("Phụ nữ mang thai", 3),
    ("Người có công với cách mạng", 3),
]
# The hall's own days (name, weekday 0 = Monday, effects).
DEMO_DAY_POLICIES = [
    (
        "Thứ Ba không viết, không giấy hẹn",
        "1",
        {"no_paper_receipt": True, "prefilled_declaration": True},
    ),
    ("Thứ Sáu ưu tiên đặt lịch", "4", {"booking_priority": True}),
]
DEMO_DEVICES = [
    ("demo-kiosk-cn01", DeviceKind.KIOSK, "Máy lấy số ở cửa (demo)", None),
    ("demo-display-cn01", DeviceKind.HALL_DISPLAY, "Màn hình sảnh (demo)", None),
    ("demo-counter1-cn01", DeviceKind.COUNTER_DISPLAY, "Màn hình quầy 1 (demo)", 1),
]


def demo_hall_seed(*, now: datetime | None = None) -> int:
    """Set up the demo hall; on a day with no ticket yet, queue a morning's
    tickets. Returns the number of tickets of the hall today."""
    now = now or timezone.now()
    point = ServicePoint.objects.get(code=DEMO_HALL)
    counters = {c.number: c for c in Counter.objects.filter(service_point=point)}
    with transaction.atomic():
        lines = [_line(point, counters, *spec) for spec in DEMO_LINES]
        for order, (name, weight) in enumerate(DEMO_PRIORITIES):
            PriorityCategory.objects.update_or_create(
                service_point=point,
                name=name,
                defaults={
                    "weight": weight,
                    "ordering": order,
                    "for_appointments": order == 0,
                },
            )
        for name, weekdays, effects in DEMO_DAY_POLICIES:
            DayPolicy.objects.update_or_create(
                service_point=point,
                name=name,
                defaults={"weekdays": weekdays, **effects},
            )
        for key, kind, name, counter in DEMO_DEVICES:
            HallDevice.objects.update_or_create(
                key=key,
                defaults={
                    "service_point": point,
                    "kind": kind,
                    "name": name,
                    "counter": counters.get(counter) if counter else None,
                },
            )
    today = Ticket.objects.filter(line__service_point=point, day=local_date(now))
    if not today.exists():
        _morning(lines, counters[1], now)
    return today.count()


def _line(
    point: ServicePoint,
    counters: dict[int, Counter],
    prefix: str,
    name: str,
    fields: tuple[str, ...],
    counter: int,
) -> ServiceLine:
    line, _created = ServiceLine.objects.update_or_create(
        service_point=point,
        prefix=prefix,
        # Civil status and residence take online bookings, two a half hour.
        defaults={"name": name, "booking_capacity": 2 if prefix in "AB" else 0},
    )
    procedures = [
        p
        for p in Procedure.objects.filter(level_commune=True).select_related("field")
        if p.field and any(word in p.field.name.lower() for word in fields)
    ]
    line.procedures.set(procedures)
    line.counters.set([counters[counter]])
    return line


def _morning(lines: list[ServiceLine], counter: Counter, now: datetime) -> None:
    """Eight tickets in the hour's first quarter; then counter 1 served two,
    set one aside and has one at the counter (every call after its ticket)."""
    start = now - timedelta(minutes=60)
    for minute, line in enumerate([0, 1, 0, 2, 0, 3, 1, 0]):
        ticket_issue(line=lines[line], now=start + timedelta(minutes=2 * minute))
    officer = User.objects.get(username="reception")
    session = counter_open(
        counter=counter, officer=officer, now=start, lines=[lines[0]]
    )
    at = start + timedelta(minutes=20)
    for _ in range(2):  # served and finished
        ticket = ticket_call_next(session=session, now=at)
        assert ticket is not None  # noqa: S101 - the tickets were just issued
        ticket_act(
            ticket_id=ticket.pk, action=TicketAction.SERVE, session=session, now=at
        )
        at += timedelta(minutes=9)
    ticket = ticket_call_next(session=session, now=at)  # called, did not come
    assert ticket is not None  # noqa: S101
    ticket_act(
        ticket_id=ticket.pk, action=TicketAction.NO_SHOW, session=session, now=at
    )
    ticket_call_next(session=session, now=at + timedelta(minutes=2))
