"""Second factor at login: a TOTP authenticator app, with one-time recovery codes.

Built on django-otp (``otp_totp`` for the app, ``otp_static`` for the recovery
codes). Which accounts must use it is a rule of the roles they hold
(``agencies.access.second_factor_required``); this module only enrols and
verifies. A wrong code slows the next attempt on that device (django-otp's
throttling: 1, 2, 4 … seconds), a recovery code works once.
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.models import User
from motcua.core.errors import InvalidInput

log = logging.getLogger("motcua.security")

# Set at login: had the account an app then? (Saves a query on every request.)
ENROLLED_SESSION_KEY = "motcua_second_factor_enrolled"
APP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"
# Recovery codes: 8 characters from an alphabet without look-alikes (no 0/o,
# 1/l/i), shown as ``xxxx-xxxx``; about 40 bits each.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_LENGTH = 8


def _recovery_count() -> int:
    return int(settings.MOTCUA_RECOVERY_CODES)


def second_factor_enrolled(user: User) -> bool:
    """Has ``user`` a confirmed authenticator app?"""
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def enrolled_at_login(
    sender: object, request: object, user: object, **kwargs: object
) -> None:
    """``user_logged_in`` receiver: note in the session whether the account has an
    authenticator app (an app set up later verifies the session at once)."""
    session = getattr(request, "session", None)
    if session is not None and isinstance(user, User):
        session[ENROLLED_SESSION_KEY] = second_factor_enrolled(user)


def recovery_codes_left(user: User) -> int:
    tokens = StaticToken.objects.filter(device__user=user, device__confirmed=True)
    return int(tokens.count())


def totp_setup_start(user: User) -> TOTPDevice:
    """The unconfirmed authenticator ``user`` is setting up (made once, kept until
    confirmed, so that reloading the page shows the same secret)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=APP_DEVICE_NAME, confirmed=False
        )
    return device


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(
        user=user, name=RECOVERY_DEVICE_NAME, confirmed=True
    )
    codes = [
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
        for _ in range(_recovery_count())
    ]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return [recovery_code_display(code) for code in codes]


def recovery_code_display(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def _wrong_code() -> InvalidInput:
    message = _("The code is wrong or has expired. Enter the code the app shows now.")
    return InvalidInput(message, field_errors={"code": message})


def totp_setup_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the app being set up with a code it shows; return the device and
    a fresh set of recovery codes (shown once: only the account keeps them).

    Any earlier authenticator of ``user`` is removed: one app per account.
    Raises InvalidInput if the code is wrong (the failure is kept: it slows the
    next attempt).
    """
    token = _normalise(code)
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .first()
        )
        accepted = device is not None and token.isdigit() and device.verify_token(token)
        if accepted:
            assert device is not None  # noqa: S101 - for the type checker
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _new_recovery_codes(user)
    if not accepted or device is None:
        log.info("second factor setup: wrong code for user %s", user.pk)
        raise _wrong_code()
    log.info("second factor enrolled for user %s", user.pk)
    return device, codes


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()[:32]


def second_factor_verify(*, user: User, code: str) -> Device:
    """Return the device that accepts ``code`` (the app's six digits, or a
    recovery code, which is then used up). Raises InvalidInput otherwise.

    Devices are locked while checking, so one code cannot be used twice by
    concurrent requests; a failure is committed (it slows the next attempt)
    before the error is raised.
    """
    token = _normalise(code)
    kind = TOTPDevice if token.isdigit() else StaticDevice
    with transaction.atomic():
        accepted = next(
            (
                device
                for device in devices_for_user(user, confirmed=True, for_verify=True)
                if isinstance(device, kind) and device.verify_token(token)
            ),
            None,
        )
    if accepted is None:
        log.info("second factor: wrong code for user %s", user.pk)
        raise _wrong_code()
    if kind is StaticDevice:
        log.warning(
            "recovery code used by user %s (%s left)",
            user.pk,
            recovery_codes_left(user),
        )
    return accepted


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """Replace ``user``'s recovery codes (the old ones stop working)."""
    if not second_factor_enrolled(user):
        raise InvalidInput(_("Set up the authenticator app first."))
    log.info("recovery codes renewed for user %s", user.pk)
    return _new_recovery_codes(user)


@transaction.atomic
def second_factor_reset(*, user: User) -> int:
    """Remove every second-factor device of ``user`` (a lost phone): they set up
    a new app at their next login. Returns how many devices were removed."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        devices = model.objects.filter(user=user)
        removed += devices.count()
        devices.delete()
    log.warning("second factor reset for user %s", user.pk)
    return removed
