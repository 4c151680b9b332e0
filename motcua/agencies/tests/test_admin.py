"""The admin pages render and show validation messages instead of errors."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from motcua.accounts.models import User
from motcua.agencies.models import (
    Agency,
    Counter,
    ServicePoint,
    StaffAssignment,
    StaffRole,
    UnitSuccession,
)
from motcua.agencies.tests.conftest import make_agency, make_unit

pytestmark = pytest.mark.urls("motcua.agencies.tests.admin_urls")

MODELS = [
    "administrativeunit",
    "unitsuccession",
    "agency",
    "servicepoint",
    "staffassignment",
]


@pytest.fixture
def filled(city, ward, make_user, ba_dinh):
    old = make_unit("commune", "00004", "Phường Trúc Bạch", generation="pre2025")
    UnitSuccession.objects.create(old_unit=old, new_unit=ba_dinh, note="Nhập toàn bộ")
    point = ServicePoint.objects.create(
        code="HN-CN01", name="Chi nhánh 1", kind="branch", agency=city, address="x"
    )
    point.receives_for.set([ward])
    Counter.objects.create(service_point=point, number=1)
    StaffAssignment.objects.create(
        user=make_user("lan"), agency=ward, role=StaffRole.CLERK
    )
    return {"unit": ba_dinh, "point": point, "agency": ward, "old": old}


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS)
def test_changelist_add_and_change_pages_render(admin_client, filled, model):
    instance = {
        "administrativeunit": filled["unit"],
        "unitsuccession": UnitSuccession.objects.get(),
        "agency": filled["agency"],
        "servicepoint": filled["point"],
        "staffassignment": StaffAssignment.objects.get(),
    }[model]
    pages = [
        reverse(f"admin:agencies_{model}_changelist"),
        reverse(f"admin:agencies_{model}_changelist") + "?q=ba+dinh",
        reverse(f"admin:agencies_{model}_add"),
        reverse(f"admin:agencies_{model}_change", args=[instance.pk]),
    ]
    for url in pages:
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_unit_search_in_admin_ignores_accents(admin_client, filled):
    response = admin_client.get(
        reverse("admin:agencies_administrativeunit_changelist") + "?q=truc+bach"
    )

    assert "Phường Trúc Bạch" in response.content.decode()


def _agency_form(**fields):
    data = {
        "code": "H26.STP",
        "name": "Sở Tư pháp",
        "short_name": "",
        "kind": "department",
        "level": "province",
        "is_active": "on",
        "work_start": "08:00",
        "lunch_start": "12:00",
        "lunch_end": "13:00",
        "work_end": "17:00",
        "reception_cutoff": "15:00",
    }
    for prefix in ("service_points", "assignments"):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    return {**data, **fields}


@pytest.mark.django_db
def test_adding_an_agency_in_admin_saves_it_with_search_text(admin_client):
    response = admin_client.post(reverse("admin:agencies_agency_add"), _agency_form())

    assert response.status_code == 302
    assert Agency.objects.get().search_text.startswith("so tu phap")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"code": "h26 stp"},
        {"reception_cutoff": "18:00"},
        {"lunch_start": "14:00", "lunch_end": "13:00"},
    ],
)
def test_a_bad_agency_in_admin_shows_a_message_not_an_error(admin_client, fields):
    response = admin_client.post(
        reverse("admin:agencies_agency_add"), _agency_form(**fields)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not Agency.objects.exists()


@pytest.mark.django_db
def test_a_supervisor_at_a_commune_in_admin_shows_a_message(admin_client, filled):
    user = StaffAssignment.objects.get().user
    response = admin_client.post(
        reverse("admin:agencies_staffassignment_add"),
        {
            "user": user.pk,
            "agency": filled["agency"].pk,
            "role": StaffRole.CITY_SUPERVISOR,
            "is_active": "on",
        },
    )

    assert response.status_code == 200
    assert "agency" in response.context["adminform"].form.errors


@pytest.mark.django_db
def test_a_point_receiving_for_another_province_in_admin_shows_a_message(
    admin_client, city, hue_city
):
    response = admin_client.post(
        reverse("admin:agencies_servicepoint_add"),
        {
            "code": "HN-CN09",
            "name": "Chi nhánh 9",
            "kind": "branch",
            "agency": city.pk,
            "address": "x",
            "opening_hours": "8–17",
            "receives_for": [hue_city.pk],
            "is_active": "on",
            "counters-TOTAL_FORMS": "0",
            "counters-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not ServicePoint.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS)
def test_changelists_do_not_query_per_row(admin_client, filled, model):
    url = reverse(f"admin:agencies_{model}_changelist")
    # Warm what any first request loads once per process (content types, the
    # brand kit): tests run in random order, so it may or may not be cold here.
    admin_client.get(url)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    _add_rows()
    with CaptureQueriesContext(connection) as many:
        admin_client.get(url)

    assert len(many) == len(few)


def _add_rows():
    city = Agency.objects.get(code="H26")
    for number in range(1, 6):
        agency = make_agency(
            f"H26.T{number}", f"Agency {number}", level="commune", parent=city
        )
        unit = make_unit("commune", f"0990{number}", f"Xã {number}", parent=city.unit)
        old = make_unit(
            "commune", f"0990{number}", f"Xã cũ {number}", generation="pre2025"
        )
        UnitSuccession.objects.create(old_unit=old, new_unit=unit)
        ServicePoint.objects.create(
            code=f"P{number}", name="P", kind="branch", agency=agency, address="x"
        )
        user = User.objects.create_user(username=f"user{number}")
        StaffAssignment.objects.create(user=user, agency=agency, role=StaffRole.CLERK)
