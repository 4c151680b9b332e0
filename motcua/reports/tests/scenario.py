"""A known set of dossiers for board tests, made through the real services.

At ``NOW`` (Friday 20 March 2026, 10:00 in Vietnam), at the World's service point
and agency: one finished early and returned, one finished on time, one finished
late after an apology, one open and overdue, one received today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from motcua.dossiers import services as s
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import World, vn

NOW = vn(2026, 3, 20, 10)
MONDAY = vn(2026, 3, 2, 9)
NAME = "Trần Thị Hương"
PERSONAL_ID = "001190012345"


@dataclass(frozen=True)
class KnownSet:
    early: Dossier
    on_time: Dossier
    late: Dossier
    overdue: Dossier
    today: Dossier

    def all(self) -> list[Dossier]:
        return [self.early, self.on_time, self.late, self.overdue, self.today]


def finish(world: World, received_at: datetime, finished_at: datetime) -> Dossier:
    """A dossier received at ``received_at``, its result issued at ``finished_at``."""
    dossier = world.processing(received_at)
    code = dossier.code
    s.dossier_forward(
        dossier_code=code, actor=world.specialist, now=received_at, to_step="approval"
    )
    s.dossier_approve(dossier_code=code, actor=world.leader, now=received_at)
    s.dossier_issue_result(dossier_code=code, actor=world.clerk, now=finished_at)
    return Dossier.objects.get(code=code)


def known_set(world: World) -> KnownSet:
    """Build the five dossiers described in the module docstring."""
    overdue = world.processing(MONDAY)
    deadline = overdue.deadline_at
    assert deadline is not None and deadline < NOW
    early = finish(world, MONDAY, deadline - timedelta(days=2))
    s.dossier_return_result(
        dossier_code=early.code, actor=world.officer, now=deadline - timedelta(days=1)
    )
    on_time = finish(world, MONDAY, deadline - timedelta(minutes=30))
    late = world.processing(MONDAY)
    s.dossier_apologise(
        dossier_code=late.code,
        actor=world.leader,
        now=MONDAY + timedelta(days=1),
        reason="Chờ kết quả xác minh",
        new_deadline_at=deadline + timedelta(days=3),
    )
    s.dossier_forward(
        dossier_code=late.code,
        actor=world.specialist,
        now=MONDAY + timedelta(days=1),
        to_step="approval",
    )
    s.dossier_approve(
        dossier_code=late.code, actor=world.leader, now=MONDAY + timedelta(days=1)
    )
    s.dossier_issue_result(
        dossier_code=late.code, actor=world.clerk, now=deadline + timedelta(days=1)
    )
    today = world.receive(NOW - timedelta(hours=1))
    return KnownSet(
        early=Dossier.objects.get(code=early.code),
        on_time=on_time,
        late=Dossier.objects.get(code=late.code),
        overdue=overdue,
        today=today,
    )
