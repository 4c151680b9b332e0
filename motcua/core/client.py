"""The client's address, as the deployment's trusted reverse proxies tell it.

Deployment shape (docs/architecture.md, "Behind a proxy"):
``MOTCUA_PUBLIC_CLIENT_IP_HEADER`` names the header the proxies fill
(``HTTP_X_FORWARDED_FOR`` or ``HTTP_X_REAL_IP``) and
``MOTCUA_TRUSTED_PROXY_COUNT`` says how many proxies in front of the
application append to it (default 1). Every proxy appends the address it was
connected from, so the client is the value that many places from the right;
what the client wrote itself is further left and never trusted. A header with
fewer values than proxies was not written by them: ``REMOTE_ADDR`` is used.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.http import HttpRequest


def client_address_from_meta(meta: Mapping[str, object]) -> str:
    """Return the client's address from a request's ``META`` ("" if unknown)."""
    remote = str(meta.get("REMOTE_ADDR") or "")
    header = str(settings.MOTCUA_PUBLIC_CLIENT_IP_HEADER or "")
    if not header:
        return remote
    count = max(1, int(settings.MOTCUA_TRUSTED_PROXY_COUNT))
    values = [v.strip() for v in str(meta.get(header) or "").split(",")]
    values = [v for v in values if v]
    if len(values) < count:
        return remote
    return values[-count]


def client_address(request: HttpRequest) -> str:
    """``client_address_from_meta`` of ``request`` (django-axes' address callable)."""
    return client_address_from_meta(request.META)
