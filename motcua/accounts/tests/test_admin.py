"""The user admin renders and creates a user with contact details."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.accounts.models import User

pytestmark = pytest.mark.urls("motcua.accounts.tests.admin_urls")


@pytest.mark.django_db
def test_user_admin_pages_render(admin_client, admin_user):
    for url in (
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_changelist") + "?q=admin",
        reverse("admin:accounts_user_add"),
        reverse("admin:accounts_user_change", args=[admin_user.pk]),
    ):
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_user_admin_adds_a_user_with_full_name_and_phone(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "lan",
            "password1": "a-Long-pass-2026",
            "password2": "a-Long-pass-2026",
            "usable_password": "true",
            "full_name": "Nguyễn Thị Lan",
            "email": "lan@example.org",
            "phone": "0900000000",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(username="lan")
    assert (user.full_name, user.phone) == ("Nguyễn Thị Lan", "0900000000")
