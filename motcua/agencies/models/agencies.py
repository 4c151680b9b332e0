"""Agencies (cơ quan) with their electronic identifier and working hours."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.calendars.hours import WorkingHours

# Decision 20/2020/QĐ-TTg: an agency e-ID is dot-separated groups of A–Z and 0–9,
# at most 35 characters (e.g. 000.00.00.H30, H55.242).
AGENCY_CODE_PATTERN = r"^[A-Z0-9]+(\.[A-Z0-9]+)*$"
agency_code_validator = RegexValidator(
    AGENCY_CODE_PATTERN,
    _(
        "Mã định danh điện tử gồm các nhóm chữ A–Z và số 0–9 ngăn cách bởi dấu chấm "
        "(ví dụ 000.00.00.H30) / The e-ID is dot-separated groups of A–Z and 0–9."
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
    work_start = models.TimeField(_("opens at"), default="08:00")
    lunch_start = models.TimeField(_("lunch break starts"), default="12:00")
    lunch_end = models.TimeField(_("lunch break ends"), default="13:00")
    work_end = models.TimeField(_("closes at"), default="17:00")
    reception_cutoff = models.TimeField(_("reception cut-off"), default="15:00")
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

    def working_hours(self) -> WorkingHours:
        """Return the agency's working periods and cut-off as a calendar value."""
        if self.lunch_start == self.lunch_end:
            periods = ((self.work_start, self.work_end),)
        else:
            periods = (
                (self.work_start, self.lunch_start),
                (self.lunch_end, self.work_end),
            )
        return WorkingHours(periods=periods, cutoff=self.reception_cutoff)
