"""Service notices: an incident or outage told to citizens (issue "citizen portal" §6).

A notice says what happened, what is affected (service points, procedures, the
online portal), from when to when (start included, end excluded) and what citizens
should do. Published notices show as a banner on the portal, the boards and the
tracking pages of the dossiers they affect.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceNotice(models.Model):
    """One incident or outage notice published by an agency."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("publishing agency"),
        on_delete=models.PROTECT,
        related_name="service_notices",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what happened"))
    advice = models.TextField(_("what citizens should do"))
    service_points = models.ManyToManyField(
        "agencies.ServicePoint",
        verbose_name=_("affected service points"),
        blank=True,
        related_name="service_notices",
    )
    procedures = models.ManyToManyField(
        "procedures.Procedure",
        verbose_name=_("affected procedures"),
        blank=True,
        related_name="service_notices",
    )
    affects_online_portal = models.BooleanField(
        _("affects the online portal"), default=False
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))  # excluded
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("service notice")
        verbose_name_plural = _("service notices")
        indexes = [models.Index(fields=["is_published", "starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="service_notice_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(is_published=False)
                | models.Q(published_at__isnull=False),
                name="service_notice_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ServiceNoticeRecipient(models.Model):
    """The citizen of ``dossier`` was told of ``notice`` (at most once)."""

    notice = models.ForeignKey(
        ServiceNotice,
        verbose_name=_("notice"),
        on_delete=models.CASCADE,
        related_name="recipients",
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    notified_at = models.DateTimeField(_("notified at"))

    class Meta:
        verbose_name = _("notified dossier")
        verbose_name_plural = _("notified dossiers")
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "dossier"], name="service_notice_once_per_dossier"
            )
        ]

    def __str__(self) -> str:
        return f"{self.notice_id} → {self.dossier_id}"
