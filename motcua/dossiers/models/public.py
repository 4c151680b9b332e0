"""The log of public lookups of a dossier by its code (citizen portal and API)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicLookup(models.Model):
    """Someone looked ``code`` up on the public tracking page or API at ``at``.

    Written by ``dossiers.public.dossier_public_get`` for every lookup, so that a
    lookup with a second factor (the last 4 digits of the applicant's personal ID or
    phone), which shows personal data, is always on record (SPEC §3). The client is
    kept only as a keyed hash of its address, never the address itself.
    """

    code = models.CharField(_("code looked up"), max_length=60)
    found = models.BooleanField(_("dossier found"))
    with_check = models.BooleanField(_("with a second factor"))
    check_ok = models.BooleanField(_("second factor matched"))
    client_key = models.CharField(_("client (hashed address)"), max_length=64)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("public lookup")
        verbose_name_plural = _("public lookups")
        indexes = [
            models.Index(fields=["code", "at"]),
            models.Index(fields=["client_key", "at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(check_ok=False) | models.Q(with_check=True),
                name="public_lookup_check_ok_needs_check",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.at:%Y-%m-%d %H:%M}"
