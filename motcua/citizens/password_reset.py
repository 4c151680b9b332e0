"""Setting a new password with a one-time code, for a citizen who forgot theirs.

The citizen gives their personal ID number (the login name); a code goes through
the outbox to the phone and e-mail of the account (``citizens.codes``: short-lived,
hashed, single use, a few tries, a few codes an hour). Nothing said tells whether
the ID number has an account. An account without a password (VNeID: its ID
number is proven, a password would prove nothing) gets no code, nor does a staff
account.

Setting the new password ends every session of the account (Django checks each
session against a hash of the password) and forgets the failed logins that may
have locked it (django-axes, ``accounts.lockout``): whoever holds the code holds
the account's phone or mailbox, and the guessed password is no longer valid.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from motcua.accounts.lockout import account_unlock
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
from motcua.citizens.models import Citizen, PasswordResetCode
from motcua.citizens.services import id_number_clean
from motcua.core.errors import InvalidInput
from motcua.core.identity import personal_id_normalise
from motcua.notifications.models import NotificationKind
from motcua.notifications.services import notification_enqueue


def _scope(user: User) -> str:
    return f"password-reset:{user.pk}"


def _resettable(id_number: str) -> User | None:
    """The citizen account of ``id_number`` if it logs in with a password."""
    citizen = Citizen.objects.select_related("user").filter(id_number=id_number)
    found = citizen.first()
    if found is None:
        return None
    user = found.user
    if not user.is_active or not user.has_usable_password():
        return None
    return user


@transaction.atomic
def citizen_password_reset_request(*, id_number: str, now: datetime) -> None:
    """Send a one-time code to the phone and e-mail of the citizen account with
    personal ID number ``id_number``, through the outbox.

    Silently nothing for an unknown ID number, a staff account, an account
    without a password or without contacts, or one that had
    ``MOTCUA_ACCOUNT_CODES_PER_HOUR`` codes in the last hour. A new code makes
    the one before useless.

    Raises:
        InvalidInput: ``id_number`` is not 12 digits (``field_errors`` id_number).
    """
    user = _resettable(id_number_clean(id_number))
    if user is None or not (user.phone or user.email):
        return
    # One request at a time per account, so that the limit holds.
    User.objects.select_for_update().filter(pk=user.pk).first()
    recent = PasswordResetCode.objects.filter(
        user=user, created_at__gt=now - CODES_WINDOW, created_at__lte=now
    )
    if recent.count() >= codes_per_hour():
        return
    code = code_new()
    PasswordResetCode.objects.create(
        user=user,
        digest=code_digest(code, scope=_scope(user)),
        created_at=now,
        expires_at=code_expiry(now),
    )
    notification_enqueue(
        kind=NotificationKind.PASSWORD_RESET_CODE,
        now=now,
        recipient_name=user.full_name,
        phone=user.phone,
        email=user.email,
        context={"code": code, "minutes": code_minutes()},
    )


def _code_wrong() -> InvalidInput:
    return InvalidInput(
        _("The code is wrong or no longer valid."),
        field_errors={
            "code": _(
                "This code is wrong or no longer valid. Type the code of the last "
                "message we sent, or ask for a new one."
            )
        },
    )


def _code_holder(id_number: str, code: str, now: datetime) -> User | None:
    """The account whose newest code is ``code`` and still works, else None
    (a wrong try is counted)."""
    user = _resettable(personal_id_normalise(id_number))
    if user is None:
        return None
    newest = (
        PasswordResetCode.objects.select_for_update()
        .filter(user=user)
        .order_by("-created_at", "-id")
        .first()
    )
    if newest is None or newest.used_at is not None:
        return None
    if not code_usable(expires_at=newest.expires_at, attempts=newest.attempts, now=now):
        return None
    if code_matches(code, scope=_scope(user), digest=newest.digest):
        return user
    PasswordResetCode.objects.filter(pk=newest.pk).update(attempts=F("attempts") + 1)
    return None


def _password_problem(password: str, user: User) -> str:
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def citizen_password_reset(
    *,
    id_number: str,
    code: str,
    new_password: str,
    new_password_again: str,
    now: datetime,
) -> User:
    """Set the password of the account of ``id_number`` with the ``code`` it was
    sent; the code is then used up, every session of the account ends and its
    failed logins are forgotten (see the module).

    Raises:
        InvalidInput: the two passwords differ (``field_errors``
            new_password_again); the code is wrong, used, expired or tried too
            often, or none was sent (``field_errors`` code, the same answer
            whether or not the account exists); the new password is too weak
            (``field_errors`` new_password, said only once the code is right).
    """
    if new_password != new_password_again:
        raise InvalidInput(
            _("Please correct the fields below."),
            field_errors={"new_password_again": _("The two passwords differ.")},
        )
    with transaction.atomic():
        user = _code_holder(id_number, code, now)
        problem = _password_problem(new_password, user) if user else ""
        if user is not None and not problem:
            user.set_password(new_password)
            user.save(update_fields=["password"])
            PasswordResetCode.objects.filter(user=user, used_at__isnull=True).update(
                used_at=now
            )
            account_unlock(username=user.username)
            return user
    # Raised outside the transaction, so that a wrong try stays counted.
    if user is None:
        raise _code_wrong()
    raise InvalidInput(
        _("Please correct the fields below."), field_errors={"new_password": problem}
    )


def password_reset_codes_purge(*, before: datetime) -> int:
    """Delete the password reset codes made before ``before``; return how many."""
    deleted, _by_model = PasswordResetCode.objects.filter(
        created_at__lt=before
    ).delete()
    return deleted
