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
from motcua.accounts.second_factor import second_factor_enrolled, second_factor_verify
from motcua.core.errors import InvalidInput, PermissionDenied


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_issue(
    *,
    request: HttpRequest | None,
    username: str,
    password: str,
    now: datetime,
    allowed: Callable[[User], bool] | None = None,
    second_factor_required: Callable[[User], bool] | None = None,
    code: str = "",
) -> tuple[str, ApiToken]:
    """Check the password (with brute-force protection) and return a new token.

    ``allowed`` says whether the account may hold a token at all (the staff API
    refuses citizen accounts). An account that has an authenticator app, or whose
    roles require one (``second_factor_required``), must also give its ``code``
    (or a recovery code): a token is worth what a logged-in session is.

    Raises PermissionDenied for a wrong password, an inactive user, a lockout, an
    account ``allowed`` refuses, or a missing or wrong code. The secret is
    returned once; only its hash is kept.
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
    required = second_factor_required is not None and second_factor_required(user)
    if required or second_factor_enrolled(user):
        _second_factor_check(user, code)
    secret = secrets.token_urlsafe(32)
    lifetime = timedelta(hours=settings.MOTCUA_API_TOKEN_HOURS)
    token = ApiToken.objects.create(
        user=user,
        key_hash=_hash(secret),
        label="api",
        created_at=now,
        expires_at=now + lifetime,
    )
    return secret, token


def _second_factor_check(user: User, code: str) -> None:
    if not second_factor_enrolled(user):
        raise PermissionDenied(
            _(
                "This account must log in with a second factor: set up the "
                "authenticator app in the back office first."
            )
        )
    if not code.strip():
        raise PermissionDenied(
            _("This account needs the code from its authenticator app (field code).")
        )
    try:
        second_factor_verify(user=user, code=code)
    except InvalidInput as error:
        raise PermissionDenied(error.message) from error


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
