"""Staff API tokens: issue after a password check, look up by bearer secret."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext as _

from motcua.accounts.models import ApiToken, User
from motcua.core.errors import PermissionDenied


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_issue(
    *,
    request: HttpRequest | None,
    username: str,
    password: str,
    now: datetime,
    allowed: Callable[[User], bool] | None = None,
) -> tuple[str, ApiToken]:
    """Check the password (with brute-force protection) and return a new token.

    ``allowed`` says whether the account may hold a token at all (the staff API
    refuses citizen accounts).

    Raises PermissionDenied for a wrong password, an inactive user, a lockout or
    an account ``allowed`` refuses. The secret is returned once; only its hash is
    kept.
    """
    user = authenticate(request, username=username, password=password)
    if user is None or not user.is_active:
        raise PermissionDenied(
            _("Wrong username or password, or the account is locked.")
        )
    if allowed is not None and not allowed(user):
        raise PermissionDenied(
            _("This account may not use the staff API: it is a citizen account.")
        )
    secret = secrets.token_urlsafe(32)
    lifetime = timedelta(hours=getattr(settings, "MOTCUA_API_TOKEN_HOURS", 12))
    token = ApiToken.objects.create(
        user=user,
        key_hash=_hash(secret),
        label="api",
        created_at=now,
        expires_at=now + lifetime,
    )
    return secret, token


def api_token_user(*, secret: str, now: datetime) -> User | None:
    """Return the active user of an unexpired token, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(secret), expires_at__gt=now, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def api_token_revoke(*, secret: str) -> int:
    """Delete the token with ``secret``; return how many were deleted."""
    deleted, _details = ApiToken.objects.filter(key_hash=_hash(secret)).delete()
    return deleted
