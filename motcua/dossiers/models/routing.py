"""Legs to other agencies (liên thông): requests sent and their replies."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.choices import AgencyRequestMode


class AgencyRequest(models.Model):
    """A leg of an inter-agency dossier (liên thông): sent, then replied."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="agency_requests",
    )
    to_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("sent to"),
        on_delete=models.PROTECT,
        related_name="agency_requests",
    )
    mode = models.CharField(_("mode"), max_length=10, choices=AgencyRequestMode.choices)
    # Order within one sending; a leg in sequence waits (``sent_at`` empty) until
    # the legs before it are replied.
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    request_note = models.TextField(_("what is asked"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reply_note = models.TextField(_("reply"), blank=True)

    class Meta:
        verbose_name = _("request to another agency")
        verbose_name_plural = _("requests to other agencies")
        indexes = [models.Index(fields=["to_agency", "replied_at"])]

    def __str__(self) -> str:
        return f"{self.dossier_id} → {self.to_agency_id}"
