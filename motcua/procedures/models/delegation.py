"""The delegation register (phân cấp / ủy quyền) of procedures."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import UnitLevel
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


class DelegationTarget(TimeStampedModel):
    """The share of procedures ``province`` is to delegate, for a period.

    SPEC §2: the delegation report is judged against a target (the Prime
    Minister's 20 %, or a province's own); it is set by a decision for a period,
    so it is stored per province and period, not passed with each report. The
    period includes ``valid_from`` and excludes ``valid_to`` (empty: open).
    Periods of one province never overlap (checked by ``delegation_target_set``
    under a lock on the province: SQLite has no exclusion constraint).
    """

    province = models.ForeignKey(
        "agencies.AdministrativeUnit",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="delegation_targets",
        limit_choices_to={"level": UnitLevel.PROVINCE},
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until (exclusive)"), null=True, blank=True)
    # A fraction: 0.2000 for 20 %.
    target_ratio = models.DecimalField(
        _("target (fraction)"),
        max_digits=5,
        decimal_places=4,
        help_text=_("A fraction between 0 and 1: 0.20 for 20%."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        help_text=_("The decision that sets the target, e.g. its number and date."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("delegation target")
        verbose_name_plural = _("delegation targets")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "valid_from"],
                name="delegation_target_one_per_start",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gt=models.F("valid_from")),
                name="delegation_target_dates_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(target_ratio__gte=0) & models.Q(target_ratio__lte=1),
                name="delegation_target_ratio_fraction",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province}: {self.target_ratio * 100:.2f}% from {self.valid_from}"
