"""The hall's set-up in the admin, as an agency administrator sees it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from motcua.agencies.models import StaffRole
from motcua.dossiers.tests.factories import staff
from motcua.queueing.models import DeviceKind, HallDevice, ServiceLine
from motcua.queueing.tests.test_services import line_of

pytestmark = pytest.mark.django_db


def administrator_of(line: ServiceLine) -> Client:
    user = staff(line.service_point.agency, StaffRole.AGENCY_ADMIN)
    user.is_staff = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


def test_an_agency_administrator_sees_and_sets_up_only_their_halls():
    mine = line_of("B")
    theirs = line_of("C")
    client = administrator_of(mine)
    lines = client.get(
        reverse("admin:queueing_serviceline_changelist")
    ).content.decode()
    assert mine.name in lines
    assert reverse("admin:queueing_serviceline_change", args=[mine.pk]) in lines
    assert reverse("admin:queueing_serviceline_change", args=[theirs.pk]) not in lines
    other = client.get(reverse("admin:queueing_serviceline_change", args=[theirs.pk]))
    assert other.status_code == 302  # the admin's "does not exist" redirect

    form = client.get(reverse("admin:queueing_halldevice_add")).content.decode()
    assert f'<option value="{mine.service_point_id}">' in form
    assert f'<option value="{theirs.service_point_id}">' not in form
    added = client.post(
        reverse("admin:queueing_halldevice_add"),
        {
            "service_point": theirs.service_point_id,
            "kind": DeviceKind.KIOSK,
            "name": "Máy lấy số",
            "is_active": "on",
        },
    )
    assert added.status_code == 200  # the form again, with its error
    assert not HallDevice.objects.exists()


def test_a_devices_page_gives_the_address_to_open_on_it():
    line = line_of("B")
    device = HallDevice.objects.create(
        service_point=line.service_point, kind=DeviceKind.HALL_DISPLAY, name="TV sảnh"
    )
    page = administrator_of(line).get(
        reverse("admin:queueing_halldevice_change", args=[device.pk])
    )
    assert reverse("portal:hall_device", args=[device.key]) in page.content.decode()
