"""Board figures and open data, judged from dates in a fixed number of queries."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.core.errors import InvalidInput, NotFound
from motcua.dossiers.tests.factories import VN, World, vn
from motcua.reports.selectors import (
    BoardScope,
    boards_list,
    period_figures,
    progress_board,
)
from motcua.reports.tests.scenario import MONDAY, NOW, KnownSet


@pytest.mark.parametrize("scope", [BoardScope.SERVICE_POINT, BoardScope.AGENCY])
def test_the_board_counts_and_judges_the_known_dossiers(world, known, scope):
    code = world.point.code if scope == BoardScope.SERVICE_POINT else world.agency.code

    board = progress_board(scope=scope, code=code, now=NOW)

    assert board.received_today == 1
    assert board.received_this_month == 5
    assert board.being_processed == 2  # the overdue one and today's
    assert board.overdue_open == 1
    assert board.returned_this_month == 1
    assert board.processed_this_month == 3
    assert (board.early, board.on_time, board.late) == (1, 1, 1)
    assert board.on_time_rate == Decimal("66.7")
    assert board.late_total == 2


def test_late_dossiers_are_masked_and_show_the_apology(world, known: KnownSet):
    board = progress_board(scope="agency", code=world.agency.code, now=NOW)

    assert len(board.late_dossiers) == 2
    by_apology = {late.apologised: late for late in board.late_dossiers}
    apologised = by_apology[True]
    assert apologised.new_deadline_at == known.late.new_deadline_at
    assert apologised.finished_at == known.late.finished_at
    assert by_apology[False].finished_at is None
    codes = {d.code for d in known.all()}
    for late in board.late_dossiers:
        assert late.masked_code not in codes
        assert "*" in late.masked_code
        assert late.procedure_name == "Đăng ký thường trú"


def test_an_early_finish_is_judged_by_date_not_by_hours(world):
    from motcua.reports.tests.scenario import finish

    probe = world.processing(MONDAY)
    deadline = probe.deadline_at.astimezone(VN)
    # Same day as the deadline, earlier in the day: on time, not early (SPEC §5).
    finish(world, MONDAY, deadline - timedelta(minutes=1))
    # The day before, even a minute before midnight: early.
    finish(world, MONDAY, deadline.replace(hour=23, minute=59) - timedelta(days=1))

    board = progress_board(scope="agency", code=world.agency.code, now=NOW)

    assert (board.early, board.on_time, board.late) == (1, 1, 0)
    assert board.on_time_rate == Decimal("100.0")


def test_an_empty_board_has_no_rate(world):
    board = progress_board(scope="service_point", code=world.point.code, now=NOW)

    assert board.received_today == 0
    assert board.on_time_rate is None
    assert board.late_dossiers == ()


def test_an_unknown_code_or_scope_is_not_found(world):
    with pytest.raises(NotFound):
        progress_board(scope="agency", code="999.99.99.H99", now=NOW)
    with pytest.raises(NotFound):
        progress_board(scope="commune", code=world.agency.code, now=NOW)


def test_an_inactive_service_point_has_no_board(world):
    world.point.is_active = False
    world.point.save()

    with pytest.raises(NotFound):
        progress_board(scope="service_point", code=world.point.code, now=NOW)


def _queries(scope: str, code: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        progress_board(scope=scope, code=code, now=NOW)
    return len(captured)


def test_the_board_takes_the_same_few_queries_for_5_or_30_dossiers(world: World):
    for _ in range(5):
        world.processing(MONDAY)
    few = _queries("service_point", world.point.code)
    for _ in range(25):
        world.processing(MONDAY)
    many = _queries("service_point", world.point.code)

    assert few == many == 3


def test_period_figures_give_one_row_per_procedure(world, known):
    figures = period_figures(
        scope="agency",
        code=world.agency.code,
        start=date(2026, 3, 1),
        end=date(2026, 4, 1),
        now=NOW,
    )

    assert len(figures.rows) == 1
    row = figures.rows[0]
    assert row.procedure_code == "1.004222"
    assert (row.received, row.processed, row.returned) == (5, 3, 1)
    assert (row.early, row.on_time, row.late) == (1, 1, 1)


def test_the_end_of_a_period_is_excluded(world, known):
    figures = period_figures(
        scope="agency",
        code=world.agency.code,
        start=date(2026, 3, 1),
        end=date(2026, 3, 20),
        now=NOW,
    )

    assert figures.rows[0].received == 4  # today's dossier is left out


def test_a_period_without_dossiers_has_no_rows(world, known):
    figures = period_figures(
        scope="agency",
        code=world.agency.code,
        start=date(2026, 1, 1),
        end=date(2026, 2, 1),
        now=NOW,
    )

    assert figures.rows == ()


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 3, 10), date(2026, 3, 10)),
        (date(2026, 3, 10), date(2026, 3, 1)),
        (date(2024, 1, 1), date(2026, 1, 1)),
        (date(2026, 4, 1), date(2026, 5, 1)),
    ],
)
def test_a_bad_period_is_refused(world, start, end):
    with pytest.raises(InvalidInput):
        period_figures(
            scope="agency", code=world.agency.code, start=start, end=end, now=NOW
        )


def test_a_naive_now_is_refused(world):
    with pytest.raises(InvalidInput):
        progress_board(
            scope="agency", code=world.agency.code, now=NOW.replace(tzinfo=None)
        )


def test_the_list_has_every_active_point_and_agency_by_name(world):
    points, agencies = boards_list()

    assert [p.code for p in points] == [world.point.code]
    assert [a.name for a in agencies] == [
        "Công an phường Ba Đình",
        "UBND phường Ba Đình",
    ]


def test_today_follows_vietnam_time_at_midnight(world):
    world.receive(vn(2026, 3, 19, 16))  # yesterday afternoon

    just_after_midnight = vn(2026, 3, 20, 0, 5)
    board = progress_board(
        scope="agency", code=world.agency.code, now=just_after_midnight
    )

    assert board.received_today == 0
    assert board.received_this_month == 1


def _twice_supplemented_then_finished_early(world: World):
    """Two supplement requests during processing, then a result well in time."""
    from motcua.dossiers import services as s
    from motcua.dossiers.models import Dossier

    dossier = world.processing(MONDAY)
    code = dossier.code
    for hour in (10, 14):
        s.dossier_request_supplement(
            dossier_code=code,
            actor=world.specialist,
            now=MONDAY.replace(hour=hour),
            items=["Bản sao giấy tờ chứng minh chỗ ở"],
        )
        s.dossier_receive_supplement(
            dossier_code=code, actor=world.officer, now=MONDAY.replace(hour=hour + 1)
        )
    s.dossier_forward(
        dossier_code=code, actor=world.specialist, now=MONDAY, to_step="approval"
    )
    s.dossier_approve(dossier_code=code, actor=world.leader, now=MONDAY)
    s.dossier_issue_result(
        dossier_code=code, actor=world.clerk, now=MONDAY.replace(hour=16)
    )
    return Dossier.objects.get(code=code)


def test_more_than_one_supplement_request_counts_late_whatever_the_dates(world):
    """Decision 766 method (F766 §2.1), SPEC §4.4."""
    dossier = _twice_supplemented_then_finished_early(world)
    assert dossier.supplement_count == 2
    assert dossier.finished_at is not None and dossier.deadline_at is not None
    assert dossier.finished_at < dossier.deadline_at
    issued = dossier.events.get(action="issue_result")
    assert issued.data["dossier_judgement"] == "late"

    board = progress_board(scope="agency", code=world.agency.code, now=NOW)

    assert (board.early, board.on_time, board.late) == (0, 0, 1)
    assert [late.finished_at for late in board.late_dossiers] == [dossier.finished_at]


def test_the_supplement_rule_is_a_setting(world, settings):
    settings.MOTCUA_LATE_AFTER_SUPPLEMENT_REQUESTS = 0
    dossier = _twice_supplemented_then_finished_early(world)
    assert (
        dossier.events.get(action="issue_result").data["dossier_judgement"] == "early"
    )
    board = progress_board(scope="agency", code=world.agency.code, now=NOW)
    assert (board.early, board.on_time, board.late) == (1, 0, 0)
