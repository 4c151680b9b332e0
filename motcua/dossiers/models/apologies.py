"""The apology with a new date (form 04)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierApology(models.Model):
    """The apology with one new date (form 04). At most one per dossier."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="apology",
    )
    reason = models.TextField(_("reason for the delay"))
    new_deadline_at = models.DateTimeField(_("new date"))
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("apology")
        verbose_name_plural = _("apologies")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.new_deadline_at}"
