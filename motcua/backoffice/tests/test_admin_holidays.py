"""A day corrected in the admin recounts the open dossiers it moves."""

from datetime import date

import pytest

from motcua.calendars.models import HolidayEntry, HolidayKind
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.tests.factories import vn
from motcua.dossiers.workflow import DossierAction

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("motcua.calendars.tests.admin_urls"),
]


def test_adding_a_day_off_in_the_admin_moves_the_deadlines_it_crosses(
    admin_client, admin_user, world
):
    dossier = world.receive(vn(2026, 12, 28, 9))  # due 09:00 05/01/2027
    response = admin_client.post(
        "/admin/calendars/holidayentry/add/",
        {
            "date": "2027-01-04",
            "kind": HolidayKind.SWAPPED_DAY_OFF,
            "name_vi": "Nghỉ hoán đổi",
            "name_en": "",
            "source": "Thông báo (demo)",
            "note": "",
        },
    )

    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.deadline_at == vn(2027, 1, 6, 9)
    event = DossierEvent.objects.get(dossier=dossier, sequence=dossier.version)
    assert event.action == DossierAction.RECOMPUTE_DEADLINE
    assert event.actor == admin_user
    assert "04/01/2027" in event.note


def test_deleting_the_day_moves_it_back(admin_client, world):
    entry = HolidayEntry.objects.create(
        date=date(2027, 1, 4), kind=HolidayKind.SWAPPED_DAY_OFF, name_vi="Nghỉ"
    )
    dossier = world.receive(vn(2026, 12, 28, 9))
    assert dossier.deadline_at == vn(2027, 1, 6, 9)

    admin_client.post(
        f"/admin/calendars/holidayentry/{entry.pk}/delete/", {"post": "yes"}
    )

    dossier.refresh_from_db()
    assert dossier.deadline_at == vn(2027, 1, 5, 9)
