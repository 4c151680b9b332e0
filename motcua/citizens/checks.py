"""System checks: a VNeID login that is switched on must be fully configured."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

REQUIRED = {
    "OIDC_RP_CLIENT_SECRET": "VNEID_OIDC_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "VNEID_OIDC_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT": "VNEID_OIDC_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT": "VNEID_OIDC_USER_ENDPOINT",
}


@register()
def vneid_settings_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """With ``VNEID_OIDC_CLIENT_ID`` set, every endpoint and the secret are set,
    and an RS/ES signature has a JWKS endpoint to fetch keys from."""
    if not getattr(settings, "VNEID_OIDC_CLIENT_ID", ""):
        return []
    errors: list[CheckMessage] = [
        Error(
            f"The VNeID login is enabled but {variable} is not set.",
            id="citizens.E001",
        )
        for name, variable in REQUIRED.items()
        if not getattr(settings, name, "")
    ]
    algorithm = str(getattr(settings, "OIDC_RP_SIGN_ALGO", "RS256"))
    keys = getattr(settings, "OIDC_OP_JWKS_ENDPOINT", None) or getattr(
        settings, "OIDC_RP_IDP_SIGN_KEY", None
    )
    if algorithm.startswith(("RS", "ES")) and not keys:
        errors.append(
            Error(
                f"The VNeID login signs with {algorithm} but "
                "VNEID_OIDC_JWKS_ENDPOINT is not set.",
                id="citizens.E002",
            )
        )
    return errors
