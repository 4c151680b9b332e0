"""The log of who opened a dossier's personal data, and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalDataAccess(models.Model):
    """``user`` loaded ``dossier`` (with the applicant's personal data) at ``at``.

    Written by ``dossier_get_for_user`` for every access; never edited.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="personal_data_accesses",
    )
    at = models.DateTimeField(_("at"))
    purpose = models.CharField(_("purpose"), max_length=100)

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        indexes = [models.Index(fields=["dossier", "at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.dossier_id} {self.at:%Y-%m-%d %H:%M}"
