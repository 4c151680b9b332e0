"""Internal processes (quy trình nội bộ): ordered steps with time quotas."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import StaffRole


class InternalProcess(models.Model):
    """Steps of a procedure in one agency; ``agency`` empty = the default."""

    procedure = models.ForeignKey(
        "procedures.Procedure",
        verbose_name=_("procedure"),
        on_delete=models.CASCADE,
        related_name="processes",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="internal_processes",
        help_text=_(
            "Leave empty for the default process generated from the catalogue."
        ),
    )

    class Meta:
        verbose_name = _("internal process")
        verbose_name_plural = _("internal processes")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "agency"], name="internal_process_unique"
            ),
            # NULLs are distinct in a unique index: one default per procedure.
            models.UniqueConstraint(
                fields=["procedure"],
                condition=models.Q(agency__isnull=True),
                name="internal_process_one_default",
            ),
        ]

    def __str__(self) -> str:
        owner = self.agency or _("default")
        return f"{self.procedure.code} – {owner}"


class ProcessStep(models.Model):
    """One step; ``quota_half_days`` counts ½ working days (4 working hours)."""

    process = models.ForeignKey(
        InternalProcess,
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=30, choices=StaffRole.choices)
    quota_half_days = models.PositiveIntegerField(_("quota (½ working days)"))

    class Meta:
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "position"], name="process_step_position"
            ),
            models.CheckConstraint(
                condition=models.Q(quota_half_days__gt=0),
                name="process_step_quota_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name
