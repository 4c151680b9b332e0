"""Importing a holiday announcement recounts open dossiers' deadlines, openly."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from motcua.calendars.models import HolidayEntry, HolidayKind
from motcua.calendars.sources import HolidayRow
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.services import dossier_apologise
from motcua.dossiers.services.calendar_changes import (
    dossier_deadlines_recompute,
    holiday_announcement_import,
)
from motcua.dossiers.tests.factories import vn
from motcua.dossiers.workflow import DossierAction
from motcua.notifications.models import NotificationKind, OutboxMessage

pytestmark = pytest.mark.django_db

# Monday 28/12/2026 09:00 + 5 working days runs through 29, 30, 31/12 and (1/1 is Tết
# Dương lịch) 4/1/2027, ending at 09:00 on Tuesday 05/01/2027.
RECEIVED = vn(2026, 12, 28, 9)
EXPECTED = vn(2027, 1, 5, 9)
# A (made-up) 2027 announcement: Monday 4/1 off, worked back on Saturday 9/1.
ANNOUNCEMENT = [
    HolidayRow(
        line=2,
        date=date(2027, 1, 1),
        kind=HolidayKind.HOLIDAY,
        name_vi="Tết Dương lịch",
    ),
    HolidayRow(
        line=3,
        date=date(2027, 1, 4),
        kind=HolidayKind.SWAPPED_DAY_OFF,
        name_vi="Nghỉ hoán đổi",
    ),
    HolidayRow(
        line=4, date=date(2027, 1, 9), kind=HolidayKind.MAKEUP_WORKDAY, name_vi="Làm bù"
    ),
]


@pytest.fixture
def announced_2026(db):
    HolidayEntry.objects.create(
        date=date(2026, 1, 1), kind=HolidayKind.HOLIDAY, name_vi="Tết Dương lịch"
    )


@pytest.fixture
def dossier(world, announced_2026):
    dossier = world.receive(RECEIVED)
    assert dossier.deadline_at == EXPECTED
    return dossier


def test_the_import_moves_the_deadline_with_an_event_and_tells_the_applicant(
    dossier,
):
    version = dossier.version
    now = vn(2026, 12, 30, 10)

    result = holiday_announcement_import(
        rows=ANNOUNCEMENT, source="tb-2027.csv", now=now
    )

    dossier.refresh_from_db()
    assert dossier.deadline_at == vn(2027, 1, 6, 9)
    assert dossier.version == version + 1
    assert [(c.code, c.before, c.after) for c in result.changes] == [
        (dossier.code, EXPECTED, vn(2027, 1, 6, 9))
    ]
    event = DossierEvent.objects.get(dossier=dossier, sequence=dossier.version)
    assert event.action == DossierAction.RECOMPUTE_DEADLINE
    assert event.at == now
    assert event.actor_role == "system"
    assert "tb-2027.csv" in event.note and "01/01/2027" in event.note
    assert event.data == {
        "before": EXPECTED.isoformat(),
        "after": vn(2027, 1, 6, 9).isoformat(),
    }
    assert (event.from_status, event.from_step) == (dossier.status, dossier.step)
    (sms,) = OutboxMessage.objects.filter(
        dossier_code=dossier.code, kind=NotificationKind.DEADLINE_CHANGED, channel="sms"
    )
    assert "06/01/2027 09:00" in sms.body


def test_importing_again_changes_nothing_more(dossier):
    holiday_announcement_import(rows=ANNOUNCEMENT, source="a.csv", now=vn(2026, 12, 30))
    events = DossierEvent.objects.filter(dossier=dossier).count()

    again = holiday_announcement_import(
        rows=ANNOUNCEMENT, source="a.csv", now=vn(2026, 12, 31)
    )

    assert again.changes == ()
    assert not again.summary.changed
    assert DossierEvent.objects.filter(dossier=dossier).count() == events


def test_an_interrupted_pass_is_finished_by_the_next_import(dossier):
    # The table was imported but the process died before the recount.
    for row in ANNOUNCEMENT:
        HolidayEntry.objects.create(date=row.date, kind=row.kind, name_vi=row.name_vi)

    result = holiday_announcement_import(
        rows=ANNOUNCEMENT, source="a.csv", now=vn(2026, 12, 30)
    )

    assert not result.summary.changed
    assert [c.code for c in result.changes] == [dossier.code]


def test_a_change_after_the_deadline_or_a_closed_dossier_is_left_alone(
    world, announced_2026
):
    early = world.receive(vn(2026, 12, 1, 9))  # due in early December
    rows = [
        HolidayRow(
            line=2,
            date=date(2026, 12, 21),
            kind=HolidayKind.SWAPPED_DAY_OFF,
            name_vi="Nghỉ",
        )
    ]

    result = holiday_announcement_import(rows=rows, source="a.csv", now=vn(2026, 12, 2))

    assert result.changes == ()
    early.refresh_from_db()
    assert early.deadline_at == vn(2026, 12, 8, 9)


def test_a_leaders_new_date_stays_promised_but_the_history_says_why(world, dossier):
    moved = dossier_apologise(
        dossier_code=dossier.code,
        actor=world.leader,
        now=vn(2026, 12, 29, 9),
        reason="Chờ xác minh",
        new_deadline_at=vn(2027, 1, 8, 16),
    )

    changes = dossier_deadlines_recompute(
        since=date(2027, 1, 1), reason="test", now=vn(2026, 12, 30)
    )
    # Recounted without the announcement: nothing moves yet.
    assert changes == ()
    holiday_announcement_import(rows=ANNOUNCEMENT, source="a.csv", now=vn(2026, 12, 30))

    moved.refresh_from_db()
    assert moved.deadline_at == vn(2027, 1, 6, 9)
    assert moved.new_deadline_at == vn(2027, 1, 8, 16)
    assert not OutboxMessage.objects.filter(kind=NotificationKind.DEADLINE_CHANGED)


def test_the_command_imports_recounts_and_lists_what_moved(dossier, tmp_path):
    path = tmp_path / "tb-2027.csv"
    path.write_text(
        "date,kind,name_vi\n"
        + "".join(f"{row.date},{row.kind},{row.name_vi}\n" for row in ANNOUNCEMENT),
        encoding="utf-8",
    )
    out, err = StringIO(), StringIO()

    call_command("import_holidays", str(path), stdout=out, stderr=err)

    assert "3 created" in out.getvalue()
    assert f"{dossier.code}" in out.getvalue()
    assert "09:00 05/01/2027 → 09:00 06/01/2027" in out.getvalue()
    assert "Open dossiers whose deadline moved: 1." in out.getvalue()
    assert "Recounting open dossiers: 1/1" in err.getvalue()
