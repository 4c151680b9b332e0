"""Who may see a dossier, and the permission-checked loader every interface uses.

A user sees a dossier when they are staff of its receiving or competent agency, of
an agency a leg was sent to, or a city supervisor above one of those (the agency
scope of :func:`motcua.agencies.access.agencies_visible_to`). A dossier the user
may not see is reported as not found, so a code alone reveals nothing.

Personal data of the applicant (ID number, birth date, address, phone) is shown
only through :func:`dossier_get_for_user`, which logs every access
(``PersonalDataAccess``: who, which dossier, when, why).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.access import agencies_visible_to
from motcua.agencies.models import Agency, StaffAssignment
from motcua.core.errors import InvalidInput, NotFound, PermissionDenied
from motcua.dossiers.models import (
    AgencyRequest,
    Dossier,
    DossierPaper,
    PersonalDataAccess,
)
from motcua.dossiers.workflow import DossierState

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    Actor = User | AnonymousUser


def roles_by_agency_for(user: Actor | None) -> dict[int, set[str]]:
    """Return the roles ``user`` holds per agency id, from active assignments only.

    Superusers get no implicit roles: acting on a dossier always needs a role.
    """
    if not isinstance(user, User) or not user.is_active:
        return {}
    roles: dict[int, set[str]] = defaultdict(set)
    rows = StaffAssignment.objects.filter(
        user=user, is_active=True, agency__is_active=True
    ).values_list("agency_id", "role")
    for agency_id, role in rows:
        roles[agency_id].add(role)
    return dict(roles)


def visibility_filter(
    agency_ids: QuerySet[Agency, Any] | QuerySet[Agency, int] | list[int],
) -> Q:
    """Return a filter on dossiers of, or with a leg sent to, ``agency_ids``.

    Each branch is a condition an index serves (``in_array``,
    ``motcua.core.lookups``), so a list of one agency's dossiers reads that
    agency's rows, not the table.
    """
    legs = AgencyRequest.objects.filter(to_agency_id__in=agency_ids).values(
        "dossier_id"
    )
    return (
        Q(receiving_agency_id__in_array=agency_ids)
        | Q(competent_agency_id__in_array=agency_ids)
        | Q(pk__in_array=legs)
    )


def dossiers_visible_to(user: Actor, *, many: bool = False) -> QuerySet[Dossier]:
    """Return the dossiers ``user`` may see (unordered: callers order).

    ``many``: the caller lists or counts many dossiers (worklists, search): the
    user's agencies are read first (one small query) so that the database plans
    the list with their ids and reads only their rows. A lookup of one dossier
    needs no such plan and keeps it in one query.
    """
    agencies = agencies_visible_to(user).order_by().values_list("pk", flat=True)
    agency_ids = list(agencies) if many else agencies
    return Dossier.objects.filter(visibility_filter(agency_ids))


def dossier_get_for_user(
    *, user: Actor, code: str, purpose: str, now: datetime
) -> Dossier:
    """Return the dossier ``code`` with its personal data and log the access.

    ``purpose`` says why (e.g. ``"view"``, ``"print receipt"``, ``"api"``).

    Raises:
        InvalidInput: no purpose given.
        NotFound: no such dossier, or the user may not see it.
    """
    if not purpose.strip():
        raise InvalidInput(
            _("Say why you open this dossier."),
            field_errors={"purpose": _("This field is required.")},
        )
    dossier = (
        dossiers_visible_to(user)
        .select_related(
            "procedure", "receiving_agency", "competent_agency", "service_point"
        )
        .filter(code=code.strip())
        .first()
    )
    if dossier is None or not isinstance(user, User):
        raise NotFound(_("No dossier has the code %(code)s.") % {"code": code})
    personal_data_access_log(user=user, dossier=dossier, purpose=purpose, now=now)
    return dossier


def personal_data_access_log(
    *, user: User, dossier: Dossier, purpose: str, now: datetime
) -> None:
    """Log that ``user`` was shown ``dossier`` with its personal data, and why
    (for a dossier the caller already holds, e.g. the one a transition returned)."""
    PersonalDataAccess.objects.create(
        user=user, dossier=dossier, at=now, purpose=purpose.strip()[:100]
    )


def personal_data_visible(user: Actor | None, dossier: Dossier) -> bool:
    """Whether ``user`` may read the applicant's personal details (ID, birth date,
    address, contacts) of ``dossier``, not only the name.

    Staff of the receiving or the competent agency may; staff of an agency a leg
    was sent to and city supervisors see the name only (they see the dossier, not
    the person).
    """
    held = roles_by_agency_for(user)
    return dossier.receiving_agency_id in held or dossier.competent_agency_id in held


def dossier_paper_for_user(
    *, user: Actor, code: str, position: int, now: datetime
) -> DossierPaper:
    """Return paper ``position`` of dossier ``code`` with its file; log the access.

    Papers carry personal data: only staff who may read it open them.

    Raises:
        NotFound: no such dossier or paper file, or the user may not see the dossier.
        PermissionDenied: the user sees the dossier but not its personal data.
    """
    dossier = dossier_get_for_user(
        user=user, code=code, purpose=f"open paper {position}", now=now
    )
    if not personal_data_visible(user, dossier):
        raise PermissionDenied(
            _("Only the receiving and the competent agency open the papers.")
        )
    paper = dossier.papers.filter(position=position).exclude(file="").first()
    if paper is None:
        raise NotFound(_("This paper has no file."))
    return paper


def open_leg_agency_ids(dossier: Dossier) -> frozenset[int]:
    """Return the agencies with a sent, unreplied request of ``dossier``."""
    return frozenset(
        AgencyRequest.objects.filter(
            dossier=dossier, sent_at__isnull=False, replied_at__isnull=True
        ).values_list("to_agency_id", flat=True)
    )


def dossier_state(dossier: Dossier) -> DossierState:
    """Return what the workflow table needs to know about ``dossier`` to say who
    may act on it now."""
    return DossierState(
        status=dossier.status,
        step=dossier.step,
        receiving_agency_id=dossier.receiving_agency_id,
        competent_agency_id=dossier.competent_agency_id,
        open_leg_agency_ids=open_leg_agency_ids(dossier),
        assignee_id=dossier.assignee_id,
    )
