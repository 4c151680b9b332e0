"""Delegation targets are set in the admin through the same checks as the service."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from motcua.accounts.models import User
from motcua.procedures.models import DelegationTarget
from motcua.procedures.services import delegation_target_set
from motcua.procedures.tests.delegation_world import province

pytestmark = pytest.mark.django_db

ADD = "/admin/procedures/delegationtarget/add/"


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("root", password="x-Kh0ng-2026"))
    return client


def _form(unit, valid_from, valid_to="", ratio="0.20"):
    return {
        "province": unit.pk,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "target_ratio": ratio,
        "legal_basis": "Quyết định 1/QĐ-TTg",
        "note": "",
    }


def test_a_target_is_added_and_an_overlapping_one_is_shown_as_an_error(
    admin_client,
):
    hanoi = province("01", "H26")
    response = admin_client.post(ADD, _form(hanoi.unit, "01/01/2025", "01/01/2026"))
    assert response.status_code == 302
    assert DelegationTarget.objects.get().target_ratio == Decimal("0.2000")
    response = admin_client.post(ADD, _form(hanoi.unit, "01/06/2025"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "valid_from" in errors
    assert DelegationTarget.objects.count() == 1


def test_a_target_is_changed_in_the_admin_without_clashing_with_itself(
    admin_client,
):
    hanoi = province("01", "H26")
    target = delegation_target_set(
        province=hanoi.unit,
        valid_from=date(2025, 1, 1),
        valid_to=None,
        target_ratio=Decimal("0.20"),
        legal_basis="QĐ 1",
    )
    response = admin_client.post(
        f"/admin/procedures/delegationtarget/{target.pk}/change/",
        _form(hanoi.unit, "01/01/2025", ratio="0.3917"),
    )
    assert response.status_code == 302
    assert DelegationTarget.objects.get().target_ratio == Decimal("0.3917")
