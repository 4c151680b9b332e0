"""The retention purge of bookings: name and phone go, the booking stays."""

from __future__ import annotations

from datetime import date, time

import pytest

from motcua.dossiers.tests.factories import vn
from motcua.privacy.services import retention_purge
from motcua.queueing.services import appointment_book
from motcua.queueing.tests.test_appointments import book, booking_line


@pytest.mark.django_db
def test_the_retention_purge_erases_old_bookings_name_and_phone():
    line = booking_line()
    old = book(line, name="Nguyễn Văn An")
    kept = appointment_book(
        line=line, day=date(2026, 6, 1), slot=time(9), phone="0987654321",
        now=vn(2026, 5, 29, 9),
    )  # fmt: skip
    done = retention_purge(now=vn(2026, 6, 5, 12), only="appointments")
    assert done == {"appointments": 1}  # 2 March is over 90 days before 5 June
    old.refresh_from_db()
    kept.refresh_from_db()
    assert (old.phone, old.name, old.code) == ("", "", old.code)
    assert kept.phone == "0987654321"
