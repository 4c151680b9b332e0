"""Administrative units of both structures and the old→new succession table."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitGeneration(models.TextChoices):
    # Two levels (34 provinces, 3,321 communes) since 1 July 2025
    # (Resolution 202/2025/QH15).
    TWO_LEVEL = "2025", _("two-level (from 1 July 2025)")
    # Three levels (63 provinces, districts, communes) before 1 July 2025.
    THREE_LEVEL = "pre2025", _("three-level (before 1 July 2025)")


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("province")  # tỉnh, thành phố trực thuộc trung ương
    DISTRICT = "district", _("district")  # huyện, quận, thị xã (three-level only)
    COMMUNE = "commune", _("commune")  # xã, phường, đặc khu / thị trấn


class AdministrativeUnit(models.Model):
    """A province, district or commune with its official statistics-office code.

    Codes are unique within a generation and level only: old commune 00004 (Trúc
    Bạch) and new commune 00004 (Ba Đình) are different units.
    """

    generation = models.CharField(
        _("structure"), max_length=10, choices=UnitGeneration.choices
    )
    level = models.CharField(_("level"), max_length=10, choices=UnitLevel.choices)
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=60, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    search_text = models.CharField(max_length=200, editable=False, default="")

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        constraints = [
            models.UniqueConstraint(
                fields=["generation", "level", "code"], name="unit_code_unique"
            ),
        ]
        indexes = [models.Index(fields=["generation", "level", "name"])]

    def __str__(self) -> str:
        return self.name


class UnitSuccession(models.Model):
    """An old commune merged, wholly or partly, into a new commune (NSO table)."""

    old_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("old unit"),
        on_delete=models.CASCADE,
        related_name="successions",
    )
    new_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("new unit"),
        on_delete=models.CASCADE,
        related_name="predecessions",
    )
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(
                fields=["old_unit", "new_unit"], name="unit_succession_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.old_unit} → {self.new_unit}"
