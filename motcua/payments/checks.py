"""System check: a production site must not take fees through the DEMO gateway."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

from motcua.payments.gateways import DEFAULT_GATEWAY


@register(Tags.security, deploy=True)
def demo_gateway_check(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Warn (``check --deploy``) while the demo gateway is configured."""
    path = getattr(settings, "MOTCUA_PAYMENT_GATEWAY", DEFAULT_GATEWAY)
    if path != DEFAULT_GATEWAY or getattr(
        settings, "MOTCUA_DEMO_PAYMENTS_ALLOWED", False
    ):
        return []
    return [
        Warning(
            "MOTCUA_PAYMENT_GATEWAY is the DEMO gateway: anyone can mark a fee "
            "as paid and no money moves.",
            hint=(
                "Set MOTCUA_PAYMENT_GATEWAY to the contracted gateway's class "
                "(or MOTCUA_DEMO_PAYMENTS_ALLOWED=1 on a training site)."
            ),
            id="motcua.payments.W001",
        )
    ]
