"""Rules that assign a received dossier automatically (work routing)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AssignmentStrategy(models.TextChoices):
    FIXED_USER = "fixed_user", _("always this person")  # một chuyên viên cố định
    LEAST_LOAD = "least_load", _("the specialist with the fewest open dossiers")


class AssignmentRule(models.Model):
    """When a dossier of ``agency`` matching the rule is received, assign it.

    Rules are tried by ``priority`` (lowest first); a rule matches when its
    procedure and field (either may be empty = any) match the dossier's. With
    ``least_load``, candidates are the agency's active specialists, narrowed to
    those whose skills include ``skill`` when one is set (e.g. a justice
    specialist for civil-status procedures). No match: a leader assigns by hand.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="assignment_rules",
    )
    name = models.CharField(_("name"), max_length=200)
    priority = models.PositiveSmallIntegerField(_("priority"), default=100)
    procedure = models.ForeignKey(
        "procedures.Procedure",
        verbose_name=_("procedure"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    field = models.ForeignKey(
        "procedures.ProcedureField",
        verbose_name=_("field"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    strategy = models.CharField(
        _("strategy"), max_length=20, choices=AssignmentStrategy.choices
    )
    skill = models.CharField(_("skill required"), max_length=60, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("assignment rule")
        verbose_name_plural = _("assignment rules")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(strategy="fixed_user")
                | models.Q(user__isnull=False),
                name="assignment_rule_fixed_user_has_user",
            ),
        ]

    def __str__(self) -> str:
        return self.name
