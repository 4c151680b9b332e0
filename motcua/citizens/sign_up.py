"""Signing up on the portal without telling anyone which ID numbers have accounts.

A sign-up is first a ``SignUpRequest``: a one-time code goes through the outbox
to the phone (and e-mail) it gave, and the account is made when the code comes
back. When the ID number already has an account, the answer is the same (a
request the visitor is asked to confirm), but no code is sent: the account's
owner is told through the outbox that someone tried, with a pointer to the
password reset. So the page answers alike either way; only the owner's phone
learns of the attempt. The limits of ``citizens.codes`` (per ID number and per
phone) stop flooding a phone or an owner with messages.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.citizens.codes import (
    CODES_WINDOW,
    code_digest,
    code_expiry,
    code_matches,
    code_minutes,
    code_new,
    code_usable,
    codes_per_hour,
)
from motcua.citizens.models import SignUpRequest
from motcua.citizens.selectors import account_for_id_number
from motcua.citizens.services import SignUpData, citizen_account_create, sign_up_clean
from motcua.core.errors import InvalidInput
from motcua.notifications.models import NotificationKind
from motcua.notifications.services import notification_enqueue


def _scope(token: str) -> str:
    return f"sign-up:{token}"


def _over_limit(data: SignUpData, now: datetime) -> bool:
    recent = SignUpRequest.objects.filter(
        created_at__gt=now - CODES_WINDOW, created_at__lte=now
    )
    limit = codes_per_hour()
    return (
        recent.filter(id_number=data.id_number).count() >= limit
        or recent.filter(phone=data.phone).count() >= limit
    )


def _code_send(request: SignUpRequest, data: SignUpData, now: datetime) -> None:
    code = code_new()
    request.digest = code_digest(code, scope=_scope(request.token))
    request.save()
    notification_enqueue(
        kind=NotificationKind.SIGN_UP_CODE,
        now=now,
        recipient_name=data.full_name,
        phone=data.phone,
        email=data.email,
        context={"code": code, "minutes": code_minutes()},
    )


def _owner_tell(request: SignUpRequest, owner: User, now: datetime) -> None:
    request.save()  # counted by the limits; without a code it is never confirmed
    notification_enqueue(
        kind=NotificationKind.SIGN_UP_TAKEN,
        now=now,
        recipient_name=owner.full_name,
        phone=owner.phone,
        email=owner.email,
    )


@transaction.atomic
def citizen_sign_up_request(
    *,
    full_name: str,
    id_number: str,
    phone: str,
    email: str,
    password: str,
    birth_date: date | None = None,
    now: datetime,
) -> str:
    """Check a sign-up and send a code to confirm it; return the request's token.

    ``citizen_sign_up_confirm`` makes the account when the code comes back with
    the token (keep it in the session). Whether the ID number has an account is
    never said (see the module); over the limits nothing is sent, silently.

    Raises:
        InvalidInput: a field is wrong (as ``citizens.services.sign_up_clean``);
            never because the ID number has an account.
    """
    data = sign_up_clean(
        full_name=full_name,
        id_number=id_number,
        phone=phone,
        email=email,
        password=password,
        birth_date=birth_date,
        now=now,
    )
    token = secrets.token_urlsafe(32)
    # Hashed whatever comes next, so that no answer is quicker than another.
    password_hash = make_password(password)
    if _over_limit(data, now):
        return token
    request = SignUpRequest(
        token=token,
        id_number=data.id_number,
        phone=data.phone,
        created_at=now,
        expires_at=code_expiry(now),
    )
    owner = account_for_id_number(data.id_number)
    if owner is not None:
        _owner_tell(request, owner, now)
        return token
    request.full_name = data.full_name
    request.email = data.email
    request.birth_date = data.birth_date
    request.password = password_hash
    _code_send(request, data, now)
    return token


def _code_wrong() -> InvalidInput:
    return InvalidInput(
        _("The code is wrong or no longer valid."),
        field_errors={
            "code": _(
                "This code is wrong or no longer valid. Type the code of the last "
                "message we sent, or sign up again to get a new one."
            )
        },
    )


def _confirmed(request: SignUpRequest, now: datetime) -> User:
    user = citizen_account_create(
        data=SignUpData(
            full_name=request.full_name,
            id_number=request.id_number,
            phone=request.phone,
            email=request.email,
            birth_date=request.birth_date,
        ),
        password_hash=request.password,
        now=now,
    )
    request.confirmed_at = now
    request.password = request.digest = ""  # no longer needed
    request.save(update_fields=["confirmed_at", "password", "digest"])
    return user


def citizen_sign_up_confirm(*, token: str, code: str, now: datetime) -> User:
    """Make the account of sign-up ``token`` now that its ``code`` came back.

    A code works once, for ``MOTCUA_ACCOUNT_CODE_MINUTES`` and a few wrong tries.

    Raises:
        InvalidInput: the code is wrong, used, expired or tried too often, or no
            code was sent (``field_errors`` code: one answer for all); the ID
            number got an account since (``field_errors`` id_number).
    """
    with transaction.atomic():
        request = (
            SignUpRequest.objects.select_for_update()
            .filter(token=token, confirmed_at__isnull=True)
            .first()
            if token
            else None
        )
        if request is not None and code_usable(
            expires_at=request.expires_at, attempts=request.attempts, now=now
        ):
            if code_matches(code, scope=_scope(token), digest=request.digest):
                return _confirmed(request, now)
            # Committed: the error is raised outside the transaction.
            SignUpRequest.objects.filter(pk=request.pk).update(
                attempts=F("attempts") + 1
            )
    raise _code_wrong()


def sign_up_requests_purge(*, before: datetime) -> int:
    """Delete the sign-up requests made before ``before``; return how many."""
    deleted, _by_model = SignUpRequest.objects.filter(created_at__lt=before).delete()
    return deleted
