"""Agencies (cơ quan) with their electronic identifier and working hours."""

from __future__ import annotations

from datetime import time

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.validation import working_hours_errors
from motcua.calendars.hours import WorkingHours

# Decision 20/2020/QĐ-TTg: an agency e-ID is dot-separated groups of A–Z and 0–9,
# at most 35 characters (e.g. 000.00.00.H30, H55.242).
AGENCY_CODE_PATTERN = r"^[A-Z0-9]+(\.[A-Z0-9]+)*$"
agency_code_validator = RegexValidator(
    AGENCY_CODE_PATTERN,
    _(
        "The electronic identifier is groups of capital letters A–Z and digits 0–9 "
        "separated by dots, e.g. 000.00.00.H30."
    ),
)


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")  # UBND
    DEPARTMENT = "department", _("department")  # sở, phòng, ban
    SERVICE_CENTRE = "service_centre", _("public administrative service centre")
    # TTPVHCC một cấp: one centre for the whole city, with branches (Decree 118/2025).
    ONE_LEVEL_CENTRE = "one_level_centre", _("one-level service centre")
    POLICE = "police", _("police")  # công an
    VERTICAL = "vertical", _("other vertical body")  # thuế, bảo hiểm xã hội, ...
    MINISTRY = "ministry", _("ministry")  # bộ, cơ quan ngang bộ


class AgencyLevel(models.TextChoices):
    CENTRAL = "central", _("central")  # cấp bộ / trung ương
    PROVINCE = "province", _("province")  # cấp tỉnh
    COMMUNE = "commune", _("commune")  # cấp xã


class Agency(models.Model):
    """A body that receives or decides dossiers."""

    code = models.CharField(
        _("electronic identifier"),
        max_length=35,
        unique=True,
        validators=[agency_code_validator],
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=AgencyKind.choices)
    level = models.CharField(_("level"), max_length=10, choices=AgencyLevel.choices)
    unit = models.ForeignKey(
        "agencies.AdministrativeUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    # Working hours and reception cut-off (SPEC §5 defaults; set per agency).
    work_start = models.TimeField(_("opens at"), default=time(8))
    lunch_start = models.TimeField(_("lunch break starts"), default=time(12))
    lunch_end = models.TimeField(_("lunch break ends"), default=time(13))
    work_end = models.TimeField(_("closes at"), default=time(17))
    reception_cutoff = models.TimeField(_("reception cut-off"), default=time(15))
    is_active = models.BooleanField(_("active"), default=True)
    search_text = models.CharField(max_length=400, editable=False, default="")

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(work_start__lt=models.F("lunch_start"))
                & models.Q(lunch_start__lte=models.F("lunch_end"))
                & models.Q(lunch_end__lt=models.F("work_end")),
                name="agency_hours_in_order",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")),
                name="agency_not_own_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Check the order of the hours and the parent (the e-ID has its validator)."""
        errors = {}
        hours = {
            "work_start": self.work_start,
            "lunch_start": self.lunch_start,
            "lunch_end": self.lunch_end,
            "work_end": self.work_end,
            "reception_cutoff": self.reception_cutoff,
        }
        # A field that failed its own check is not a time; it was reported already.
        if all(isinstance(value, time) for value in hours.values()):
            errors.update(working_hours_errors(**hours))
        if self.parent_id is not None and self._parent_loops():
            errors["parent"] = _("An agency cannot be placed under itself.")
        if errors:
            raise ValidationError(errors)

    def _parent_loops(self) -> bool:
        seen: set[int] = set()
        parent_id: int | None = self.parent_id
        while parent_id is not None and parent_id not in seen:
            if self.pk is not None and parent_id == self.pk:
                return True
            seen.add(parent_id)
            parent_id = (
                Agency.objects.filter(pk=parent_id)
                .values_list("parent_id", flat=True)
                .first()
            )
        return parent_id is not None

    def working_hours(self) -> WorkingHours:
        """Return the agency's working periods and cut-off as a calendar value."""
        periods: tuple[tuple[time, time], ...]
        if self.lunch_start == self.lunch_end:
            periods = ((self.work_start, self.work_end),)
        else:
            periods = (
                (self.work_start, self.lunch_start),
                (self.lunch_end, self.work_end),
            )
        return WorkingHours(periods=periods, cutoff=self.reception_cutoff)
