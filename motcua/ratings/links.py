"""The signed rating link sent with the "result returned" notification.

The token is ``django.core.signing`` of the dossier code (salted, timestamped):
it can't be forged without ``SECRET_KEY`` and stops working after 60 days.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

from motcua.core.errors import InvalidInput

SALT = "motcua.ratings.link"
LINK_MAX_AGE = timedelta(days=60)
# The portal serves this path (motcua/portal/urls.py, name "portal:rating_link").
LINK_PATH = "/danh-gia/{token}/"


def rating_token(dossier_code: str) -> str:
    """Return the signed token of ``dossier_code`` for the rating link."""
    return signing.dumps(dossier_code.strip().upper(), salt=SALT)


def rating_link(dossier_code: str) -> str:
    """Return the absolute rating link of ``dossier_code`` (valid 60 days)."""
    token = rating_token(dossier_code)
    return settings.MOTCUA_PUBLIC_URL + LINK_PATH.format(token=token)


def rating_token_read(token: str) -> str:
    """Return the dossier code signed in ``token``.

    Raises:
        InvalidInput: the token was altered or is older than 60 days.
    """
    try:
        code = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired as error:
        raise InvalidInput(
            _(
                "This rating link has expired (links work for 60 days). You can "
                "still rate from the tracking page with your dossier code."
            )
        ) from error
    except signing.BadSignature as error:
        raise InvalidInput(
            _("This rating link is not valid. Copy the whole link from the message.")
        ) from error
    return str(code)
