"""The demo seed builds every role and can run twice."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from motcua.accounts.models import User
from motcua.agencies.models import Agency, ServicePoint, StaffAssignment, StaffRole
from motcua.citizens.models import Citizen
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.procedures.models import Procedure
from motcua.queueing.models import HallDevice, ServiceLine, Ticket

pytestmark = pytest.mark.django_db


def test_the_own_seed_builds_staff_for_every_role_and_is_idempotent():
    call_command("seed_demo", "--own-seed", verbosity=0)
    counts = (
        Agency.objects.count(),
        ServicePoint.objects.count(),
        User.objects.count(),
        Procedure.objects.count(),
    )
    call_command("seed_demo", "--own-seed", verbosity=0)
    assert (
        Agency.objects.count(),
        ServicePoint.objects.count(),
        User.objects.count(),
        Procedure.objects.count(),
    ) == counts
    roles = set(StaffAssignment.objects.values_list("role", flat=True))
    assert roles == set(StaffRole.values)
    reception = User.objects.get(username="reception")
    assert reception.check_password("demo12345")
    assert User.objects.get(username="admin").is_superuser
    assert counts[3] == 10
    citizen = User.objects.get(username="001090100001")
    assert citizen.check_password("congdan-demo-2026")
    assert Citizen.objects.get(user=citizen).id_number == "001090100001"
    filed = citizen.dossiers_filed.all()
    assert filed.exists() and {d.channel for d in filed} == {2}
    # The front hall: its screens open, and a morning's queue in every state.
    assert set(HallDevice.objects.values_list("key", flat=True)) >= {
        "demo-kiosk-cn01",
        "demo-display-cn01",
    }
    statuses = set(Ticket.objects.values_list("status", flat=True))
    assert statuses == {"waiting", "called", "done", "parked"}
    assert Ticket.objects.count() == 8
    assert ServiceLine.objects.get(prefix="A").procedures.exists()


@pytest.mark.slow
def test_the_seed_uses_the_shared_data_when_it_is_there(shared_data):
    call_command("seed_demo", verbosity=0)
    assert Procedure.objects.filter(level_commune=True).count() >= 580
    unit = Agency.objects.get(code="H26.00004").unit
    assert unit is not None
    assert unit.name == "Phường Ba Đình"


def counts() -> tuple[int, ...]:
    return (
        Agency.objects.count(),
        ServicePoint.objects.count(),
        User.objects.count(),
        Procedure.objects.count(),
        Dossier.objects.count(),
        DossierEvent.objects.count(),
        StaffAssignment.objects.count(),
    )


def test_the_seed_runs_again_weeks_later_after_the_demo_was_used(time_machine):
    call_command("seed_demo", "--own-seed", verbosity=0)
    before = counts()
    # Someone used the demo: a dossier moved on, a password changed.
    reception = User.objects.get(username="reception")
    reception.set_password("changed-by-a-visitor")
    reception.save()
    time_machine.move_to(timezone.now() + timedelta(days=45))

    call_command("seed_demo", "--own-seed", verbosity=0)

    assert counts() == before
    reception.refresh_from_db()
    assert reception.check_password("changed-by-a-visitor")  # never reset


@pytest.mark.slow
def test_the_seed_runs_twice_with_the_shared_data_and_after_the_own_seed(shared_data):
    call_command("seed_demo", "--own-seed", verbosity=0)
    call_command("seed_demo", verbosity=0)
    first = counts()

    out = StringIO()
    call_command("seed_demo", stdout=out)

    assert counts() == first
    assert "Demo data ready" in out.getvalue()
