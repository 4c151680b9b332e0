"""What a staff user may see and do, by role and agency.

Rules:
- a superuser sees every agency and holds every role;
- a staff member sees the agencies where they hold an active role;
- a city supervisor also sees every agency below their agency in the agency tree
  and every agency whose administrative unit lies in their agency's unit (e.g. all
  commune bodies of the province), and holds their role there too.
Every interface loads protected agencies through ``agency_for_user`` or checks with
``require_role``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.models import Agency, ServicePoint, StaffAssignment, StaffRole
from motcua.agencies.selectors import agency_descendant_ids, unit_descendant_ids
from motcua.citizens.models import Citizen
from motcua.core.errors import NotFound, PermissionDenied

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    Actor = User | AnonymousUser


def _staff_user(user: Actor) -> User | None:
    """Return ``user`` if it is a logged-in, active account, else None."""
    return user if isinstance(user, User) and user.is_active else None


def _active_assignments(user: User) -> QuerySet[StaffAssignment]:
    return StaffAssignment.objects.filter(
        user=user, is_active=True, agency__is_active=True
    ).select_related("agency")


def is_staff_member(user: Actor) -> bool:
    """May ``user`` use the staff interfaces (back office, staff API)?

    An active superuser, or an active account that is not a citizen account:
    citizens use the portal, never staff pages or staff tokens, even if a role was
    granted to their account by mistake. (What a staff member then sees depends on
    their roles: an account without one sees nothing.)
    """
    staff = _staff_user(user)
    if staff is None:
        return False
    return staff.is_superuser or not Citizen.objects.filter(user=staff).exists()


def second_factor_required(user: Actor) -> bool:
    """Must ``user`` pass a second factor (an authenticator app) at login?

    Yes for a superuser and for an active role listed in
    ``MOTCUA_SECOND_FACTOR_ROLES``: by default every role that sees applicants'
    personal data (Decree 13/2023/NĐ-CP Art. 26: technical measures to protect
    personal data). An empty setting (the demo, the tests) asks it of no one.
    """
    roles = set(settings.MOTCUA_SECOND_FACTOR_ROLES)
    staff = _staff_user(user)
    if staff is None or not roles or not is_staff_member(staff):
        return False
    if staff.is_superuser:
        return True
    return _active_assignments(staff).filter(role__in=roles).exists()


def _supervised_filter(agency: Agency) -> Q:
    """Agencies under ``agency``: in its tree or within its administrative unit."""
    scope = Q(pk__in=agency_descendant_ids(agency))
    if agency.unit_id is not None:
        scope |= unit_descendant_ids(agency.unit_id)
    return scope


def agencies_visible_to(user: Actor) -> QuerySet[Agency]:
    """Return the agencies ``user`` may see, ordered by e-ID."""
    staff = _staff_user(user)
    if staff is None:
        return Agency.objects.none()
    if staff.is_superuser:
        return Agency.objects.order_by("code", "id")
    scope = Q(pk__in=[])
    for assignment in _active_assignments(staff):
        scope |= Q(pk=assignment.agency_id)
        if assignment.role == StaffRole.CITY_SUPERVISOR:
            scope |= _supervised_filter(assignment.agency)
    return Agency.objects.filter(scope).distinct().order_by("code", "id")


def agencies_overseen_by(user: Actor, roles: Iterable[str]) -> QuerySet[Agency]:
    """The agencies where ``user`` holds one of ``roles`` (a leader's or a
    supervisor's), with every agency a city supervisor supervises; by e-ID."""
    staff = _staff_user(user)
    if staff is None:
        return Agency.objects.none()
    if staff.is_superuser:
        return Agency.objects.order_by("code", "id")
    wanted = _roles(roles)
    scope = Q(pk__in=[])
    for assignment in _active_assignments(staff).filter(role__in=wanted):
        scope |= Q(pk=assignment.agency_id)
        if assignment.role == StaffRole.CITY_SUPERVISOR:
            scope |= _supervised_filter(assignment.agency)
    return Agency.objects.filter(scope).distinct().order_by("code", "id")


def _roles(roles: str | Iterable[str]) -> set[str]:
    return {roles} if isinstance(roles, str) else set(roles)


def user_has_role(user: Actor, role: str | Iterable[str], agency: Agency) -> bool:
    """Tell whether ``user`` holds ``role`` (or one of several) for ``agency``.

    A city supervisor holds their role for every agency they supervise.
    """
    staff = _staff_user(user)
    if staff is None:
        return False
    if staff.is_superuser:
        return True
    assignments = _active_assignments(staff).filter(role__in=_roles(role))
    if any(a.agency_id == agency.pk for a in assignments):
        return True
    supervising = [a for a in assignments if a.role == StaffRole.CITY_SUPERVISOR]
    return any(
        Agency.objects.filter(_supervised_filter(a.agency), pk=agency.pk).exists()
        for a in supervising
    )


def require_role(user: Actor, roles: str | Iterable[str], agency: Agency) -> None:
    """Raise PermissionDenied unless ``user`` holds one of ``roles`` for ``agency``."""
    if not user_has_role(user, roles, agency):
        raise PermissionDenied(
            _("You do not have the role needed for this action in %(agency)s.")
            % {"agency": agency}
        )


def agency_for_user(user: Actor, code: str) -> Agency:
    """Return the agency with e-ID ``code`` if ``user`` may see it.

    Raises NotFound both when it does not exist and when it is hidden from the
    user, so that a code alone reveals nothing.
    """
    agency = agencies_visible_to(user).filter(code=code.strip()).first()
    if agency is None:
        raise NotFound(
            _("No agency has the electronic identifier %(code)s.") % {"code": code}
        )
    return agency


def agencies_administered_by(user: Actor) -> QuerySet[Agency]:
    """Agencies whose service points, counters and staff ``user`` may manage.

    A superuser manages all; an agency administrator manages their agency and the
    agencies directly under it (its departments and branches); others none.
    """
    staff = _staff_user(user)
    if staff is None:
        return Agency.objects.none()
    if staff.is_superuser:
        return Agency.objects.order_by("code", "id")
    own = list(
        _active_assignments(staff)
        .filter(role=StaffRole.AGENCY_ADMIN)
        .values_list("agency_id", flat=True)
    )
    return (
        Agency.objects.filter(Q(pk__in=own) | Q(parent_id__in=own))
        .distinct()
        .order_by("code", "id")
    )


def reception_points_of(user: Actor) -> QuerySet[ServicePoint]:
    """Return the active service points of the agencies ``user`` receives for
    (an active reception-officer assignment in an active agency)."""
    staff = _staff_user(user)
    if staff is None:
        return ServicePoint.objects.none()
    agency_ids = (
        _active_assignments(staff)
        .filter(role=StaffRole.RECEPTION_OFFICER)
        .values("agency_id")
    )
    return (
        ServicePoint.objects.filter(agency_id__in=agency_ids, is_active=True)
        .select_related("agency")
        .order_by("code", "id")
    )
