"""The delegation register (phân cấp / ủy quyền) of procedures."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStampedModel
from motcua.procedures.choices import DelegationKind


class DelegationRecord(TimeStampedModel):
    """``from_agency`` hands ``procedure`` to ``to_agency`` from ``valid_from``.

    The period includes ``valid_from`` and excludes ``valid_to`` (empty: open).
    """

    procedure = models.ForeignKey(
        "procedures.Procedure",
        verbose_name=_("procedure"),
        on_delete=models.CASCADE,
        related_name="delegations",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DelegationKind.choices)
    from_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("from agency"),
        on_delete=models.PROTECT,
        related_name="delegations_given",
    )
    to_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("to agency"),
        on_delete=models.PROTECT,
        related_name="delegations_received",
    )
    legal_instrument = models.CharField(_("legal instrument"), max_length=300)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until (exclusive)"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("delegation record")
        verbose_name_plural = _("delegation register")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_agency=models.F("to_agency")),
                name="delegation_between_two_agencies",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gt=models.F("valid_from")),
                name="delegation_dates_in_order",
            ),
        ]
        indexes = [models.Index(fields=["procedure", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.procedure.code}: {self.from_agency} → {self.to_agency}"
