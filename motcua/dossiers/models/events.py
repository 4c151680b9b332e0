"""The append-only history of a dossier (SPEC §3 "History")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.choices import DossierStatus, DossierStep


class DossierEvent(models.Model):
    """One action on a dossier: who, role, agency, when, from → to, note, papers.

    Nothing edits or deletes an event (``save`` refuses an update and ``delete``
    refuses); a correction is a new event. It yields form 06 and the register.
    """

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    sequence = models.PositiveIntegerField(_("number"))
    action = models.CharField(_("action"), max_length=40)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("by (name)"), max_length=200, blank=True)
    actor_role = models.CharField(_("role"), max_length=30, blank=True)
    actor_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    from_status = models.PositiveSmallIntegerField(
        _("from status"), choices=DossierStatus.choices, null=True, blank=True
    )
    to_status = models.PositiveSmallIntegerField(
        _("to status"), choices=DossierStatus.choices
    )
    from_step = models.CharField(
        _("from step"), max_length=30, choices=DossierStep.choices, blank=True
    )
    to_step = models.CharField(_("to step"), max_length=30, choices=DossierStep.choices)
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handed to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    receiver_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("handed to agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The step just closed by this hand-over and its judgement (form 06).
    step_started_at = models.DateTimeField(_("step started"), null=True, blank=True)
    step_due_at = models.DateTimeField(_("step due"), null=True, blank=True)
    judgement = models.CharField(_("judgement"), max_length=10, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "sequence"], name="dossier_event_sequence_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} #{self.sequence} {self.action}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("dossier events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError("dossier events are append-only")
