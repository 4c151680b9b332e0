"""Row-locked counters: gap-free dossier codes, result numbers and register entries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierCodeSequence(models.Model):
    """The last sequence number given by ``agency`` on ``day`` (row-locked)."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("dossier code sequence")
        verbose_name_plural = _("dossier code sequences")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "day"], name="dossier_code_sequence_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last_value}"


class CounterKind(models.TextChoices):
    """What a yearly counter numbers."""

    RESULT = "result", _("result number")  # số văn bản kết quả (clerk, văn thư)
    REGISTER = "register", _("register entry")  # số thứ tự sổ theo dõi (form 07)


class YearlyCounter(models.Model):
    """The last number of ``kind`` given by ``agency`` in ``year`` (row-locked)."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=CounterKind.choices)
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("yearly counter")
        verbose_name_plural = _("yearly counters")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "kind"], name="yearly_counter_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year} {self.kind}: {self.last_value}"
