"""Token login for staff: POST /api/v1/auth/token, then `Authorization: Bearer …`."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.security import HttpBearer

from motcua.accounts.models import User
from motcua.accounts.tokens import api_token_issue, api_token_revoke, api_token_user
from motcua.agencies.access import is_staff_member, second_factor_required
from motcua.api.openapi import ErrorOut

router = Router()


class StaffBearer(HttpBearer):
    """Authenticates a request by its bearer token; sets ``request.user``."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_user(secret=token, now=timezone.now())
        if user is None or not is_staff_member(user):
            return None  # also a token a citizen account held before this rule
        request.user = user
        return user


staff_auth = StaffBearer()


class TokenIn(Schema):
    # Django's username is at most 150 characters; longer input is refused (422)
    # before it reaches the login checks and their records.
    username: str = Field(..., min_length=1, max_length=150)
    password: str = Field(..., min_length=1, max_length=4096)
    # The authenticator app's six digits (or a recovery code), for accounts that
    # log in with a second factor.
    code: str = Field("", max_length=20)


class TokenOut(Schema):
    token: str
    token_type: str = "Bearer"  # noqa: S105 - the scheme name, not a secret
    expires_at: datetime
    username: str
    full_name: str


@router.post(
    "/token",
    response={200: TokenOut, 403: ErrorOut, 429: ErrorOut},
    summary="Log in: get a bearer token",
)
def token_create(request: HttpRequest, credentials: TokenIn) -> TokenOut:
    """Five wrong passwords from one address lock the account there for 15
    minutes (HTTP 429 meanwhile); ten from anywhere lock it until the cool-off
    ends or an administrator unlocks it (HTTP 403).

    Accounts with a second factor (required for the roles that see personal
    data) also send ``code``: the authenticator app's current code or a recovery
    code; without it, or with a wrong one, the answer is 403.
    """
    secret, token = api_token_issue(
        request=request,
        username=credentials.username,
        password=credentials.password,
        now=timezone.now(),
        allowed=is_staff_member,
        second_factor_required=second_factor_required,
        code=credentials.code,
    )
    return TokenOut(
        token=secret,
        expires_at=token.expires_at,
        username=token.user.username,
        full_name=token.user.full_name,
    )


@router.delete("/token", response={204: None}, auth=staff_auth, summary="Log out")
def token_delete(request: HttpRequest) -> Status[None]:
    header = request.headers.get("Authorization", "")
    api_token_revoke(secret=header.removeprefix("Bearer ").strip())
    return Status(204, None)
