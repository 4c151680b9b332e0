"""Pauses of the clock (supplement, financial obligation)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.choices import PauseKind


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
