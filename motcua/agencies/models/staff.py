"""Staff roles, granted to a user for one agency."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models.agencies import AgencyLevel

# A city supervisor watches every agency of a province (or the whole country):
# the role only makes sense at a province-level or central agency.
SUPERVISOR_LEVELS = (AgencyLevel.PROVINCE, AgencyLevel.CENTRAL)


class StaffRole(models.TextChoices):
    RECEPTION_OFFICER = "reception_officer", _("reception officer")  # cán bộ TN&TKQ
    SPECIALIST = "specialist", _("specialist")  # chuyên viên
    DIVISION_LEADER = "division_leader", _("division leader")  # lãnh đạo phòng
    AGENCY_LEADER = "agency_leader", _("agency leader")  # lãnh đạo cơ quan
    CLERK = "clerk", _("clerk")  # văn thư
    AGENCY_ADMIN = "agency_admin", _("agency administrator")  # quản trị đơn vị
    CITY_SUPERVISOR = "city_supervisor", _("city supervisor")  # giám sát thành phố


class StaffAssignment(models.Model):
    """``user`` holds ``role`` in ``agency`` (and, for supervisors, its children)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    role = models.CharField(_("role"), max_length=30, choices=StaffRole.choices)
    # Free tags, comma-separated (e.g. "hộ tịch, chứng thực"), matched by
    # automatic assignment rules that need a skill.
    skills = models.CharField(_("skills"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("staff assignment")
        verbose_name_plural = _("staff assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="staff_assignment_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.agency}"

    def clean(self) -> None:
        """Refuse a city supervisor at a commune-level agency (admin forms)."""
        if (
            self.role == StaffRole.CITY_SUPERVISOR
            and self.agency_id is not None
            and self.agency.level not in SUPERVISOR_LEVELS
        ):
            raise ValidationError(
                {
                    "agency": _(
                        "A city supervisor is assigned to a province-level or "
                        "central agency."
                    )
                }
            )
