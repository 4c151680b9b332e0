"""Service points (where citizens are received) and their counters."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServicePointKind(models.TextChoices):
    CENTRE = "centre", _("service centre")  # trụ sở trung tâm
    BRANCH = "branch", _("branch")  # chi nhánh
    REGIONAL_OFFICE = "regional_office", _("regional office")  # văn phòng khu vực
    RECEPTION_POINT = "reception_point", _("reception point")  # điểm tiếp nhận


class ServicePoint(models.Model):
    """A place that receives dossiers and returns results.

    Decree 118/2025 Art. 14: a point may receive dossiers for any agency of the
    province regardless of administrative boundary; ``receives_for`` lists the
    agencies whose procedures it receives.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=ServicePointKind.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("operating agency"),
        on_delete=models.PROTECT,
        related_name="service_points",
    )
    unit = models.ForeignKey(
        "agencies.AdministrativeUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_points",
    )
    address = models.CharField(_("address"), max_length=300)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=200,
        default="Thứ Hai – Thứ Sáu: 08:00–12:00, 13:00–17:00",
    )
    receives_for = models.ManyToManyField(
        "agencies.Agency",
        verbose_name=_("receives dossiers for"),
        related_name="reception_points",
        blank=True,
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("service point")
        verbose_name_plural = _("service points")

    def __str__(self) -> str:
        return self.name


class Counter(models.Model):
    """A reception counter (quầy) at a service point."""

    service_point = models.ForeignKey(
        ServicePoint,
        verbose_name=_("service point"),
        on_delete=models.CASCADE,
        related_name="counters",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")
        constraints = [
            models.UniqueConstraint(
                fields=["service_point", "number"], name="counter_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_point} – {self.number}"
