"""One-time codes sent to a citizen's phone or e-mail (sign-up, password reset).

A code has ``CODE_DIGITS`` digits drawn by ``secrets``, lives
``MOTCUA_ACCOUNT_CODE_MINUTES`` (15), dies after ``MOTCUA_ACCOUNT_CODE_ATTEMPTS``
(5) wrong tries and is kept only as an HMAC keyed with ``SECRET_KEY`` and bound
to its use (``scope``): a copy of the database alone does not give it back, which
a plain or slow hash of six digits would. At most ``MOTCUA_ACCOUNT_CODES_PER_HOUR``
(3) codes go to one account, ID number or phone in an hour, so that nobody can
flood a phone or try many codes.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

CODE_DIGITS = 6
_CODE = re.compile(rf"[0-9]{{{CODE_DIGITS}}}")
_SEPARATORS = re.compile(r"[\s.\-]")
_KEY_SALT = "motcua.citizens.codes"
# The window of MOTCUA_ACCOUNT_CODES_PER_HOUR.
CODES_WINDOW = timedelta(hours=1)


def code_minutes() -> int:
    return int(settings.MOTCUA_ACCOUNT_CODE_MINUTES)


def code_attempts() -> int:
    return int(settings.MOTCUA_ACCOUNT_CODE_ATTEMPTS)


def codes_per_hour() -> int:
    return int(settings.MOTCUA_ACCOUNT_CODES_PER_HOUR)


def code_new() -> str:
    """Return a fresh code of ``CODE_DIGITS`` digits (leading zeros kept)."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def code_digest(code: str, *, scope: str) -> str:
    """Return the keyed hash kept for ``code`` used for ``scope``."""
    return salted_hmac(_KEY_SALT, f"{scope}:{code}", algorithm="sha256").hexdigest()


def code_clean(value: str) -> str:
    """Return the code typed (spaces, dots and dashes dropped), or "" if it
    cannot be one."""
    cleaned = _SEPARATORS.sub("", value or "")
    return cleaned if _CODE.fullmatch(cleaned) else ""


def code_matches(value: str, *, scope: str, digest: str) -> bool:
    """Whether ``value`` is the code kept as ``digest`` (in constant time)."""
    code = code_clean(value)
    if not code or not digest:
        return False
    return constant_time_compare(code_digest(code, scope=scope), digest)


def code_expiry(now: datetime) -> datetime:
    return now + timedelta(minutes=code_minutes())


def code_usable(*, expires_at: datetime, attempts: int, now: datetime) -> bool:
    """Whether a code still works at ``now`` (its end excluded)."""
    return now < expires_at and attempts < code_attempts()
