"""Locking an account that is being guessed, whatever the addresses.

django-axes locks a username from one address after ``AXES_FAILURE_LIMIT`` (5)
failures. Guessing one account from many addresses is stopped here: after
``MOTCUA_ACCOUNT_FAILURE_LIMIT`` (10) failures from all addresses together within
axes' cool-off time, every login to that account is refused, the right password
included, until the cool-off ends or an administrator unlocks it
(``account_unlock``, the user admin's "Unlock sign-in" action). The limit is
higher than the per-address one so that a stranger cannot lock a colleague out
with a handful of tries. Counts come from axes' ``AccessAttempt`` rows (the
database), so workers, restarts and a cache outage do not reset them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _


def account_failure_limit() -> int:
    return int(settings.MOTCUA_ACCOUNT_FAILURE_LIMIT)


def account_failures(*, username: str, now: datetime) -> int:
    """Failed logins to ``username`` from every address within the cool-off."""
    cool_off = get_cool_off()
    attempts = AccessAttempt.objects.filter(username=username)
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=now - cool_off)
    total = attempts.aggregate(total=Sum("failures_since_start"))["total"]
    return int(total or 0)


def account_locked(*, username: str, now: datetime) -> bool:
    """Whether logins to ``username`` are refused now (see the module)."""
    if not username:
        return False
    return account_failures(username=username, now=now) >= account_failure_limit()


def account_unlock(*, username: str) -> int:
    """Forget the failed logins of ``username`` (every address); return how many
    attempt records went."""
    return int(reset(username=username))


def account_locked_message() -> str:
    return _(
        "This account is locked after too many wrong passwords from several places. "
        "Try again in a few minutes, or ask your administrator to unlock it."
    )


class AccountLockBackend:
    """An authentication backend that refuses any login to a locked account.

    Not a ``BaseBackend``: without ``get_user`` it can never be the backend a
    session is bound to.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if username and account_locked(username=username, now=timezone.now()):
            raise PermissionDenied(account_locked_message())
        return None
