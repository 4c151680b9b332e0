"""System checks of the caches (ADR 0007)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

# Backends that keep their entries in one process: a limit kept there is per
# worker and forgotten on restart.
PER_PROCESS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.security, Tags.caches, deploy=True)
def limits_cache_check(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Warn (``check --deploy``) when rate limits are not shared by the workers."""
    caches = getattr(settings, "CACHES", {})
    limits = caches.get("limits") or {}
    backend = str(limits.get("BACKEND", ""))
    fallback = str((limits.get("OPTIONS") or {}).get("FALLBACK", ""))
    fallback_backend = str((caches.get(fallback) or {}).get("BACKEND", ""))
    if backend and backend not in PER_PROCESS and fallback_backend not in PER_PROCESS:
        return []
    return [
        Warning(
            "The rate limits (login, public tracking) are kept per process: each "
            "worker counts on its own and a restart forgets them.",
            hint=(
                'Give CACHES a "limits" cache shared by every worker: Redis with '
                "the database as fallback, or the database (see config/settings)."
            ),
            id="motcua.core.W001",
        )
    ]
