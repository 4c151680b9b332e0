from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.agencies.models import AgencyLevel, StaffRole
from motcua.core.errors import InvalidInput, NotFound, PermissionDenied
from motcua.dossiers import services as s
from motcua.dossiers.selectors import (
    agency_overview,
    dossier_actions_for,
    dossier_events,
    dossier_search,
    dossier_step_times,
    dossier_time_left,
    dossier_worklist,
    dossier_worklist_counts,
)
from motcua.dossiers.tests.factories import AgencyFactory, applicant, staff, vn

MONDAY_9 = vn(2026, 3, 2, 9)


def codes(dossiers):
    return [d.code for d in dossiers]


def test_mine_lists_what_waits_for_my_role_or_is_assigned_to_me(world):
    waiting = world.receive(MONDAY_9)
    assigned = world.processing(MONDAY_9)

    assert codes(dossier_worklist(user=world.division, kind="mine", now=MONDAY_9)) == [
        waiting.code
    ]
    assert codes(
        dossier_worklist(user=world.specialist, kind="mine", now=MONDAY_9)
    ) == [assigned.code]
    assert codes(dossier_worklist(user=world.clerk, kind="mine", now=MONDAY_9)) == []


def test_worklists_are_scoped_to_the_askers_agencies(world):
    world.receive(MONDAY_9)
    stranger = staff(AgencyFactory.create(), StaffRole.DIVISION_LEADER)

    assert codes(dossier_worklist(user=stranger, kind="unit", now=MONDAY_9)) == []
    assert dossier_worklist_counts(user=stranger, now=MONDAY_9)["unit"] == 0


def test_a_city_supervisor_sees_the_dossiers_of_agencies_below(world):
    city = AgencyFactory.create(code="000.00.00.H00", level=AgencyLevel.PROVINCE)
    world.agency.parent = city
    world.agency.save()
    supervisor = staff(city, StaffRole.CITY_SUPERVISOR)
    dossier = world.receive(MONDAY_9)

    assert codes(dossier_worklist(user=supervisor, kind="unit", now=MONDAY_9)) == [
        dossier.code
    ]
    assert codes(dossier_worklist(user=supervisor, kind="mine", now=MONDAY_9)) == []


def test_the_other_agency_sees_the_dossier_while_its_leg_is_open(world):
    dossier = world.processing(MONDAY_9)
    s.dossier_send_to_agency(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=MONDAY_9,
        agencies=[world.other],
    )

    mine = dossier_worklist(user=world.other_staff, kind="mine", now=MONDAY_9)
    assert codes(mine) == [dossier.code]
    assert codes(
        dossier_worklist(user=world.specialist, kind="other_agency", now=MONDAY_9)
    ) == [dossier.code]


def test_due_soon_and_overdue_are_derived_from_the_dates(world):
    dossier = world.receive(MONDAY_9)  # due Monday 9 March 09:00

    on_time = dossier_worklist(user=world.leader, kind="unit", now=MONDAY_9)
    assert on_time.get().deadline_state == "on_time"
    friday = vn(2026, 3, 6, 10)
    assert codes(dossier_worklist(user=world.leader, kind="due_soon", now=friday)) == [
        dossier.code
    ]
    late = vn(2026, 3, 9, 10)
    assert codes(dossier_worklist(user=world.leader, kind="overdue", now=late)) == [
        dossier.code
    ]
    assert dossier_worklist(
        user=world.leader, kind="unit", now=late
    ).get().deadline_state == ("overdue")


def test_paused_dossiers_are_neither_due_soon_nor_overdue(world):
    dossier = world.processing(MONDAY_9)
    s.dossier_request_supplement(
        dossier_code=dossier.code,
        actor=world.specialist,
        now=MONDAY_9,
        items=["Tờ khai"],
    )
    late = vn(2026, 3, 20, 10)

    counts = dossier_worklist_counts(user=world.leader, now=late)

    assert (counts["paused"], counts["overdue"], counts["due_soon"]) == (1, 0, 0)


def test_worklists_sort_by_time_left(world):
    later = world.receive(vn(2026, 3, 3, 9))
    sooner = world.receive(MONDAY_9)

    listed = dossier_worklist(user=world.leader, kind="unit", now=MONDAY_9)

    assert codes(listed) == [sooner.code, later.code]
    newest = dossier_worklist(
        user=world.leader, kind="unit", now=MONDAY_9, order="-received"
    )
    assert codes(newest) == [later.code, sooner.code]


def test_unknown_kinds_and_orders_are_refused(world):
    with pytest.raises(InvalidInput):
        dossier_worklist(user=world.leader, kind="everything", now=MONDAY_9)
    with pytest.raises(InvalidInput):
        dossier_worklist(user=world.leader, kind="unit", now=MONDAY_9, order="name")


def test_search_ignores_diacritics_and_finds_codes_and_personal_ids(world):
    dossier = world.receive(MONDAY_9, applicant=applicant(name="Đỗ Thị Ánh"))

    for query in ("do thi anh", "ĐỖ THỊ", dossier.code, "001190012345"):
        assert codes(dossier_search(user=world.leader, query=query, now=MONDAY_9)) == [
            dossier.code
        ]
    assert codes(dossier_search(user=world.leader, query="Nguyễn", now=MONDAY_9)) == []


def count_queries(func):
    with CaptureQueriesContext(connection) as captured:
        result = func()
    return len(captured), result


@pytest.mark.parametrize("user_name", ["division", "specialist", "other_staff"])
def test_menu_counts_take_the_same_queries_for_3_and_30_dossiers(world, user_name):
    user = getattr(world, user_name)
    for _ in range(3):
        world.processing(MONDAY_9)
    few, _counts = count_queries(
        lambda: dossier_worklist_counts(user=user, now=MONDAY_9)
    )
    for _ in range(27):
        world.processing(MONDAY_9)
    many, counts_many = count_queries(
        lambda: dossier_worklist_counts(user=user, now=MONDAY_9)
    )

    # The user's agencies are read first so the counts are planned on their ids
    # (ADR 0013): one query more than the three the counts needed before.
    assert few == many <= 5
    assert counts_many["unit"] == (30 if user_name != "other_staff" else 0)


def test_a_worklist_page_takes_the_same_queries_for_3_and_30_rows(world):
    for _ in range(3):
        world.processing(MONDAY_9)
    few, rows = count_queries(
        lambda: [
            (d.procedure.name, d.assignee, d.competent_agency.code, d.deadline_state)
            for d in dossier_worklist(user=world.leader, kind="unit", now=MONDAY_9)
        ]
    )
    for _ in range(27):
        world.processing(MONDAY_9)
    many, rows_many = count_queries(
        lambda: [
            (d.procedure.name, d.assignee, d.competent_agency.code, d.deadline_state)
            for d in dossier_worklist(user=world.leader, kind="unit", now=MONDAY_9)
        ]
    )

    assert (len(rows), len(rows_many)) == (3, 30)
    assert few == many


def test_the_leaders_overview_counts_by_status_lateness_and_specialist(world):
    world.receive(MONDAY_9)
    world.processing(MONDAY_9)
    late = vn(2026, 3, 9, 10)

    overview = agency_overview(user=world.leader, agency=world.agency, now=late)

    assert overview.by_status[2] == 1
    assert overview.by_status[4] == 1
    assert overview.open_by_state == {"on_time": 0, "due_soon": 0, "overdue": 2}
    [load] = overview.per_specialist
    assert (load.user_id, load.open, load.overdue) == (world.specialist.pk, 1, 1)


def test_the_overview_is_for_leaders_of_visible_agencies(world):
    with pytest.raises(PermissionDenied):
        agency_overview(user=world.specialist, agency=world.agency, now=MONDAY_9)
    with pytest.raises(NotFound):
        agency_overview(user=world.other_staff, agency=world.agency, now=MONDAY_9)


def test_step_times_show_used_and_left_working_time(world):
    dossier = world.processing(MONDAY_9)
    s.dossier_forward(
        dossier_code=dossier.code, actor=world.specialist, now=vn(2026, 3, 3, 9)
    )
    dossier.refresh_from_db()

    rows = dossier_step_times(dossier=dossier, now=vn(2026, 3, 3, 10))

    assert [r.step for r in rows] == ["assignment", "processing", "review"]
    processing = rows[1]
    assert processing.used_minutes == 480
    assert processing.judgement == "early"
    assert rows[2].used_minutes == 60
    assert dossier_time_left(dossier=dossier, now=vn(2026, 3, 3, 10)) == 5 * 480 - 540


def test_events_come_in_order_and_buttons_follow_the_table(world):
    dossier = world.processing(MONDAY_9)

    assert [e.action for e in dossier_events(dossier)] == ["receive", "assign"]
    assert dossier_actions_for(dossier=dossier, user=world.specialist) == [
        "forward",
        "send_to_agency",
        "request_supplement",
        "request_payment",
    ]
    assert "apologise" in dossier_actions_for(dossier=dossier, user=world.leader)
    assert dossier_actions_for(dossier=dossier, user=world.other_staff) == []
