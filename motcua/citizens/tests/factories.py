"""Citizen accounts for tests (other apps' tests may reuse them)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from motcua.accounts.models import User
from motcua.citizens.models import Citizen
from motcua.citizens.services import citizen_sign_up

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
PASSWORD = "Khong-doan-duoc-2026"
ID_NUMBER = "001190012345"


def citizen(
    *,
    id_number: str = ID_NUMBER,
    full_name: str = "Trần Thị Hương",
    phone: str = "0912345678",
    verified: bool = False,
) -> User:
    """A citizen account signed up with :data:`PASSWORD`; ``verified`` marks its
    ID number as proven through VNeID (the password still works)."""
    user = citizen_sign_up(
        full_name=full_name,
        id_number=id_number,
        phone=phone,
        email="",
        password=PASSWORD,
        now=NOW,
    )
    if verified:
        Citizen.objects.filter(user=user).update(is_id_verified=True, verified_at=NOW)
        user.refresh_from_db()
    return User.objects.get(pk=user.pk)
