"""System checks: the second factor is asked of every role that sees personal data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def second_factor_roles_check(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Fail (``check --deploy``) when a personal-data role logs in with a password
    alone (``MOTCUA_SECOND_FACTOR_ROLES`` lacks it)."""
    asked = set(settings.MOTCUA_SECOND_FACTOR_ROLES)
    missing = [
        role for role in settings.MOTCUA_PERSONAL_DATA_ROLES if role not in asked
    ]
    if not missing:
        return []
    return [
        Error(
            "These roles see personal data but log in without a second factor: "
            + ", ".join(missing),
            hint=(
                "Leave MOTCUA_SECOND_FACTOR_ROLES unset (every personal-data role) "
                "or add them to it."
            ),
            id="motcua.agencies.E001",
        )
    ]
