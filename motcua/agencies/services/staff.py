"""Grant and withdraw staff roles in an agency."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.models import Agency, StaffAssignment, StaffRole
from motcua.agencies.models.staff import SUPERVISOR_LEVELS
from motcua.core.errors import Conflict, InvalidInput, NotFound


def _check_assignable(user: User, agency: Agency, role: str) -> None:
    if role not in StaffRole.values:
        raise InvalidInput(
            _("Unknown role %(role)r.") % {"role": role},
            field_errors={"role": _("unknown role")},
        )
    if not user.is_active:
        raise InvalidInput(
            _("%(user)s is deactivated and cannot be given a role.") % {"user": user},
            field_errors={"user": _("inactive user")},
        )
    if not agency.is_active:
        raise InvalidInput(
            _("%(agency)s is inactive.") % {"agency": agency},
            field_errors={"agency": _("inactive agency")},
        )
    if role == StaffRole.CITY_SUPERVISOR and agency.level not in SUPERVISOR_LEVELS:
        raise InvalidInput(
            _("A city supervisor is assigned to a province-level or central agency."),
            field_errors={"agency": _("not a province-level or central agency")},
        )


@transaction.atomic
def staff_assign(*, user: User, agency: Agency, role: str) -> StaffAssignment:
    """Give ``user`` the ``role`` in ``agency`` (re-activating a withdrawn one).

    Raises InvalidInput for an unknown role, an inactive user or agency, or a city
    supervisor outside a province-level agency; Conflict if the role is held already.
    """
    _check_assignable(user, agency, role)
    assignment, created = StaffAssignment.objects.select_for_update().get_or_create(
        user=user, agency=agency, role=role
    )
    if not created:
        if assignment.is_active:
            raise Conflict(
                _("%(user)s already holds this role in %(agency)s.")
                % {"user": user, "agency": agency}
            )
        assignment.is_active = True
        assignment.save(update_fields=["is_active"])
    return assignment


@transaction.atomic
def staff_revoke(*, user: User, agency: Agency, role: str) -> StaffAssignment:
    """Withdraw ``role`` in ``agency`` from ``user``; the row stays for history.

    Raises NotFound if the user does not hold the role there.
    """
    assignment = (
        StaffAssignment.objects.select_for_update()
        .filter(user=user, agency=agency, role=role, is_active=True)
        .first()
    )
    if assignment is None:
        raise NotFound(
            _("%(user)s does not hold this role in %(agency)s.")
            % {"user": user, "agency": agency}
        )
    assignment.is_active = False
    assignment.save(update_fields=["is_active"])
    return assignment
