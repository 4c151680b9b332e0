"""The editable table of each year's official holiday announcements (SPEC §5).

Rows win over the ``holidays`` package: a make-up working day is worked even on a
Saturday, every other kind is a day off.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStampedModel


class HolidayKind(models.TextChoices):
    # Labour Code 2019 Art. 112(1): a statutory public holiday (ngày lễ, Tết).
    HOLIDAY = "holiday", _("public holiday")
    # Art. 111(3): a holiday on the weekly rest day is taken the next working day.
    COMPENSATORY_DAY_OFF = "compensatory_day_off", _("compensatory day off")
    # A weekday off swapped for a make-up Saturday (hoán đổi, yearly notice).
    SWAPPED_DAY_OFF = "swapped_day_off", _("swapped day off")
    # A Saturday or Sunday worked to make up a swapped day off (làm bù).
    MAKEUP_WORKDAY = "makeup_workday", _("make-up working day")


class HolidayEntry(TimeStampedModel):
    """One day of an official announcement: a day off or a make-up working day."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=HolidayKind.choices)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    source = models.TextField(
        _("source"),
        blank=True,
        help_text=_("The notice or decision that announces this day."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("holiday entry")
        verbose_name_plural = _("holiday entries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=HolidayKind.values),
                name="holiday_entry_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name_vi}"

    @property
    def is_day_off(self) -> bool:
        return self.kind != HolidayKind.MAKEUP_WORKDAY
