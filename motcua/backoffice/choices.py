"""Small reads that fill the back office's select boxes and previews.

The domain has no selector for these yet (the lead may move them to
``agencies.selectors`` / ``dossiers.selectors``); each is one ordered query.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from motcua.accounts.models import User
from motcua.agencies.models import Agency, ServicePoint, StaffAssignment, StaffRole
from motcua.calendars.deadlines import DeadlineResult
from motcua.dossiers.access import roles_by_agency_for
from motcua.dossiers.choices import DossierChannel
from motcua.dossiers.competence import competent_agencies
from motcua.dossiers.intake import deadline_preview as checklist_deadline_preview
from motcua.procedures.models import Procedure

ASSIGNABLE_ROLES = (
    StaffRole.SPECIALIST,
    StaffRole.DIVISION_LEADER,
    StaffRole.AGENCY_LEADER,
)
LEADER_ROLES = (
    StaffRole.AGENCY_LEADER,
    StaffRole.DIVISION_LEADER,
    StaffRole.CITY_SUPERVISOR,
)


def agency_ids_with_role(user: User, roles: tuple[str, ...]) -> list[int]:
    """Return the ids of the agencies where ``user`` holds one of ``roles``."""
    return sorted(
        agency_id
        for agency_id, held in roles_by_agency_for(user).items()
        if held & set(roles)
    )


def reception_points(user: User) -> QuerySet[ServicePoint]:
    """Return the active service points of the agencies ``user`` receives for."""
    ids = agency_ids_with_role(user, (StaffRole.RECEPTION_OFFICER,))
    return (
        ServicePoint.objects.filter(agency_id__in=ids, is_active=True)
        .select_related("agency")
        .order_by("code", "id")
    )


def competent_choices(procedure: Procedure, point: ServicePoint) -> list[Agency]:
    """Return the agencies that may decide ``procedure`` received at ``point``
    (the rule is the domain's: ``dossiers.competence``)."""
    return competent_agencies(procedure, point)


def assignable_staff(agency: Agency) -> list[User]:
    """Return the people of ``agency`` a dossier may be assigned to."""
    user_ids = StaffAssignment.objects.filter(
        agency=agency, role__in=ASSIGNABLE_ROLES, is_active=True
    ).values("user_id")
    return list(
        User.objects.filter(pk__in=user_ids, is_active=True).order_by(
            "full_name", "username", "id"
        )
    )


def deadline_preview(
    *, procedure: Procedure, agency: Agency, now: datetime, case_heading: str = ""
) -> DeadlineResult | None:
    """The deadline a dossier of ``case_heading`` received now at the counter
    would get. Delegates to the dossier domain so the preview and the receipt agree.
    """
    return checklist_deadline_preview(
        procedure=procedure,
        agency=agency,
        channel=DossierChannel.IN_PERSON,
        now=now,
        case_heading=case_heading,
    )
