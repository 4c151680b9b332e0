"""System checks: the payment gateway can be loaded, and is not the DEMO one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.utils.module_loading import import_string

from motcua.payments.gateways import DEFAULT_GATEWAY


@register(Tags.security, deploy=True)
def demo_gateway_check(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Warn (``check --deploy``) while the demo gateway is configured."""
    path = settings.MOTCUA_PAYMENT_GATEWAY
    if path != DEFAULT_GATEWAY or settings.MOTCUA_DEMO_PAYMENTS_ALLOWED:
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


@register(Tags.security, deploy=True)
def gateway_import_check(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Fail (``check --deploy``) when the configured gateway class cannot be loaded:
    otherwise the first citizen to pay would meet a server error."""
    path = str(settings.MOTCUA_PAYMENT_GATEWAY)
    try:
        import_string(path)
    except ImportError as error:
        return [
            Error(
                f"MOTCUA_PAYMENT_GATEWAY {path!r} cannot be imported: {error}",
                hint="Install the gateway's package or correct the dotted path.",
                id="motcua.payments.E001",
            )
        ]
    return []
