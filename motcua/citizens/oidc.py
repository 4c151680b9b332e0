"""Log in with VNeID, the national e-ID, through OpenID Connect.

``mozilla-django-oidc`` runs the authorisation code flow; this backend maps the
provider's claims to a citizen account with a verified ID number. It is listed
in ``AUTHENTICATION_BACKENDS`` only when ``VNEID_OIDC_CLIENT_ID`` is set (see
``config/settings/base.py``). The claim names are settings because the real
ones come from the deployment's VNeID contract:

``VNEID_OIDC_ID_NUMBER_CLAIM`` (default ``citizen_id``), ``VNEID_OIDC_NAME_CLAIM``
(``name``), ``VNEID_OIDC_BIRTH_DATE_CLAIM`` (``birthdate``) and
``VNEID_OIDC_PHONE_CLAIM`` (``phone_number``).
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from django.utils import timezone
from mozilla_django_oidc.auth import (  # type: ignore[import-untyped]
    OIDCAuthenticationBackend,
)

from motcua.accounts.models import User
from motcua.citizens.services import citizen_verify_with_vneid
from motcua.core.errors import DomainError

logger = logging.getLogger(__name__)

CLAIM_DEFAULTS = {
    "VNEID_OIDC_ID_NUMBER_CLAIM": "citizen_id",
    "VNEID_OIDC_NAME_CLAIM": "name",
    "VNEID_OIDC_BIRTH_DATE_CLAIM": "birthdate",
    "VNEID_OIDC_PHONE_CLAIM": "phone_number",
}
# OpenID Connect Core §5.1 writes birthdate as YYYY-MM-DD; Vietnamese papers
# write DD/MM/YYYY.
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def vneid_enabled() -> bool:
    """Whether a deployment configured the VNeID login."""
    return bool(getattr(settings, "VNEID_OIDC_CLIENT_ID", ""))


def claim_name(setting: str) -> str:
    """The claim that carries a field, from settings (see the module docstring)."""
    return str(getattr(settings, setting, "") or CLAIM_DEFAULTS[setting])


def _claim(claims: dict[str, Any], setting: str) -> str:
    value = claims.get(claim_name(setting))
    return str(value).strip() if value is not None else ""


def birth_date_parse(value: str) -> date | None:
    """Return the date in ``value`` (ISO or DD/MM/YYYY), or None."""
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    return None


class VNeIDBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Authenticate a citizen by the VNeID code flow; never a staff account."""

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        """Run the code flow; a failure of the provider is a failed login."""
        try:
            user = super().authenticate(request, **kwargs)
        except (requests.RequestException, SuspiciousOperation, ValueError) as error:
            logger.warning("VNeID login failed: %s", error)
            return None
        return user if isinstance(user, User) else None

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """Check the signature and nonce (library), then the audience."""
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if "aud" in payload and self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token is not for this client.")
        return payload

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        """Accept only claims that carry a 12-digit personal ID number."""
        id_number = _claim(claims, "VNEID_OIDC_ID_NUMBER_CLAIM")
        return len(id_number) == 12 and id_number.isdigit()

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        """Return the citizen account of the claims, linking or creating it."""
        user_info: dict[str, Any] = self.get_userinfo(access_token, id_token, payload)
        if "sub" in payload and user_info.get("sub", payload["sub"]) != payload["sub"]:
            raise SuspiciousOperation("The user info is about someone else.")
        claims = {**payload, **user_info}
        if not self.verify_claims(claims):
            raise SuspiciousOperation("No valid personal ID number in the claims.")
        try:
            return citizen_verify_with_vneid(
                id_number=_claim(claims, "VNEID_OIDC_ID_NUMBER_CLAIM"),
                full_name=_claim(claims, "VNEID_OIDC_NAME_CLAIM"),
                birth_date=birth_date_parse(
                    _claim(claims, "VNEID_OIDC_BIRTH_DATE_CLAIM")
                ),
                phone=_claim(claims, "VNEID_OIDC_PHONE_CLAIM"),
                email=str(claims.get("email") or ""),
                now=timezone.now(),
            )
        except DomainError as error:
            raise SuspiciousOperation(str(error.message)) from error
