"""Every count of the same dossiers agrees from page to page: the supervisor's
overview, the overdue list, the public board (one definition each)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from motcua.agencies.models import StaffRole
from motcua.dossiers.services import dossier_return_result
from motcua.dossiers.tests.factories import (
    AgencyFactory,
    World,
    dossier_in_state,
    staff,
    vn,
)

pytestmark = pytest.mark.django_db


class Supervised(World):
    """The world's ward under a city with a city supervisor."""

    def __init__(self) -> None:
        super().__init__()
        city = AgencyFactory.create(code="000.00.00.H00", name="UBND Thành phố")
        self.agency.parent = city
        self.agency.save(update_fields=["parent"])
        self.supervisor = staff(city, StaffRole.CITY_SUPERVISOR, username="supervisor")


@pytest.fixture
def supervised(db):
    world = Supervised()
    # The suite's clock is Tuesday 17 November 2026: these two are overdue
    # (5 working days from 2 November), one is on time and one was resolved
    # early and returned this month.
    world.receive(vn(2026, 11, 2, 9))
    world.receive(vn(2026, 11, 2, 10))
    world.receive(vn(2026, 11, 16, 9))
    done = dossier_in_state(world, "result_ready", vn(2026, 11, 16, 10))
    dossier_return_result(
        dossier_code=done.code, actor=world.officer, now=vn(2026, 11, 16, 15)
    )
    return world


def _cell(html: str, testid: str) -> int:
    found = re.search(rf'data-testid="{testid}"[^>]*>(?:<a [^>]*>)?(\d+)<', html)
    assert found, testid
    return int(found.group(1))


def test_the_supervisors_overview_counts_what_the_overdue_list_shows(
    client, supervised
):
    client.force_login(supervised.supervisor)

    overview = client.get(reverse("backoffice:overview")).content.decode()
    overdue = client.get(reverse("backoffice:worklist", args=["overdue"]))
    ward = client.get(
        reverse("backoffice:overview"), {"agency": supervised.agency.code}
    ).content.decode()

    listed = overdue.context["page"].paginator.count
    assert listed == 2
    assert _cell(overview, "state-overdue") == listed
    assert _cell(ward, "state-overdue") == listed


def test_the_board_counts_agree_with_each_other_and_with_the_overview(
    client, supervised
):
    client.force_login(supervised.supervisor)
    overview = client.get(reverse("backoffice:overview")).content.decode()
    board = client.get(f"/bang-tien-do/agency/{supervised.agency.code}/")
    figures = board.context["board"]

    assert figures.overdue_open == _cell(overview, "state-overdue") == 2
    assert figures.processed_this_month == 1
    assert figures.early + figures.on_time + figures.late == (
        figures.processed_this_month
    )
    assert figures.returned_this_month == 1
    assert figures.being_processed == 3
    html = board.content.decode()
    shown = {
        name: int(re.search(rf'id="{name}">(\d+)<', html).group(1))  # type: ignore[union-attr]
        for name in ("processed-this-month", "early", "on-time", "late")
    }
    assert shown["processed-this-month"] == (
        shown["early"] + shown["on-time"] + shown["late"]
    )
