import pytest

from motcua.calendars.models import HolidayEntry

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("motcua.calendars.tests.admin_urls"),
]


def test_staff_can_list_search_and_add_entries_in_the_admin(admin_client):
    HolidayEntry.objects.create(date="2026-11-24", kind="holiday", name_vi="Văn hóa")
    listing = admin_client.get("/admin/calendars/holidayentry/?q=hóa&kind=holiday")
    assert listing.status_code == 200
    assert "Văn hóa" in listing.content.decode()
    assert "Tue" in listing.content.decode()
    response = admin_client.post(
        "/admin/calendars/holidayentry/add/",
        {
            "date": "2027-01-01",
            "kind": "holiday",
            "name_vi": "Tết Dương lịch",
            "name_en": "New Year's Day",
            "source": "Bộ luật Lao động 2019, Điều 112",
            "note": "",
        },
    )
    assert response.status_code == 302
    assert HolidayEntry.objects.filter(date="2027-01-01").exists()
