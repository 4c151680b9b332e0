"""Legs to other agencies, pauses and the apology with a new date."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.choices import AgencyRequestMode, PauseKind


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


class DossierPause(models.Model):
    """A pause of the clock: a supplement request or a financial obligation."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="pauses",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PauseKind.choices)
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    # Form 02 lists every missing item at once (Decree 118/2025; SPEC §4.2).
    items = models.JSONField(_("items asked for"), default=list, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # Working minutes the paused step still had; it gets them back on resuming.
    step_minutes_left = models.IntegerField(
        _("working minutes left on the step"), null=True, blank=True
    )
    # The procedure restarts the count once this supplement is received (SPEC §5):
    # the deadline is counted anew from ``ended_at``.
    restarts_count = models.BooleanField(_("restarts the count"), default=False)

    class Meta:
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"],
                condition=models.Q(ended_at__isnull=True),
                name="dossier_one_open_pause",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind}"


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
