"""Who may open the back office: staff members only (``is_staff_member``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import user_passes_test

from motcua.agencies.access import is_staff_member


def staff_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Like ``login_required``, but a citizen's (or role-less) session is sent to
    the staff login too, which says why."""
    return user_passes_test(is_staff_member, login_url="backoffice:login")(view)
