"""Writes of service notices: publish, tell the citizens affected, move dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.access import require_role
from motcua.agencies.models import Agency, ServicePoint, StaffAssignment, StaffRole
from motcua.agencies.selectors import agency_descendant_ids
from motcua.core.errors import Conflict, DomainError, InvalidInput, PermissionDenied
from motcua.dossiers.messages import notify
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services import dossier_extend_for_notice
from motcua.dossiers.workflow import DossierAction
from motcua.notices.models import ServiceNotice, ServiceNoticeRecipient
from motcua.notices.selectors import (
    affected_dossiers,
    dossiers_falling_due,
    notices_cache_forget,
    promised_between,
)
from motcua.notifications.models import NotificationKind
from motcua.procedures.models import Procedure

PUBLISHERS = (StaffRole.AGENCY_LEADER, StaffRole.AGENCY_ADMIN)


def _required(value: str, field: str) -> str:
    if not value.strip():
        raise InvalidInput(
            _("A notice needs a title, what happened and what citizens should do."),
            field_errors={field: _("This field is required.")},
        )
    return value.strip()


def _period_check(starts_at: datetime, ends_at: datetime) -> None:
    for name, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if timezone.is_naive(value):
            raise InvalidInput(
                _("%(name)s must be a date-time with a time zone.") % {"name": name},
                field_errors={name: _("Pass an aware datetime.")},
            )
    if ends_at <= starts_at:
        raise InvalidInput(
            _("The notice must end after it starts."),
            field_errors={"ends_at": _("Choose an end after the start.")},
        )


def _points(agency: Agency, ids: Sequence[int]) -> list[ServicePoint]:
    points = list(ServicePoint.objects.filter(pk__in=ids).order_by("code", "id"))
    scope = agency_descendant_ids(agency)
    if len(points) != len(set(ids)) or any(p.agency_id not in scope for p in points):
        raise InvalidInput(
            _("Choose service points operated by %(agency)s or an agency under it.")
            % {"agency": agency.name},
            field_errors={"service_point_ids": _("Unknown or foreign service point.")},
        )
    return points


def _procedures(ids: Sequence[int]) -> list[Procedure]:
    procedures = list(Procedure.objects.filter(pk__in=ids).order_by("code", "id"))
    if len(procedures) != len(set(ids)):
        raise InvalidInput(
            _("One of the chosen procedures does not exist."),
            field_errors={"procedure_ids": _("Unknown procedure.")},
        )
    return procedures


@transaction.atomic
def notice_publish(
    *,
    actor: User,
    agency: Agency,
    title: str,
    description: str,
    advice: str,
    starts_at: datetime,
    ends_at: datetime,
    service_point_ids: Sequence[int] = (),
    procedure_ids: Sequence[int] = (),
    affects_online_portal: bool = False,
    now: datetime,
) -> ServiceNotice:
    """Publish a notice of an incident or outage of ``agency``.

    Raises:
        PermissionDenied: ``actor`` is not the agency leader or administrator.
        InvalidInput: a missing text, a naive date, an end not after the start,
            nothing affected, or an unknown or foreign service point or procedure.
    """
    require_role(actor, PUBLISHERS, agency)
    texts = {
        name: _required(value, name)
        for name, value in (
            ("title", title),
            ("description", description),
            ("advice", advice),
        )
    }
    _period_check(starts_at, ends_at)
    points = _points(agency, service_point_ids)
    procedures = _procedures(procedure_ids)
    if not (points or procedures or affects_online_portal):
        raise InvalidInput(
            _("Say what is affected: service points, procedures or the portal."),
            field_errors={"service_point_ids": _("Choose at least one.")},
        )
    notice = ServiceNotice.objects.create(
        agency=agency,
        starts_at=starts_at,
        ends_at=ends_at,
        affects_online_portal=affects_online_portal,
        is_published=True,
        published_at=now,
        published_by=actor,
        **texts,
    )
    notice.service_points.set(points)
    notice.procedures.set(procedures)
    transaction.on_commit(notices_cache_forget)
    return notice


@transaction.atomic
def notice_unpublish(*, notice: ServiceNotice, actor: User) -> ServiceNotice:
    """Take ``notice`` off the banners (it stays in the list). Raises
    PermissionDenied like :func:`notice_publish`."""
    require_role(actor, PUBLISHERS, notice.agency)
    notice.is_published = False
    notice.save(update_fields=["is_published"])
    transaction.on_commit(notices_cache_forget)
    return notice


def _published_check(notice: ServiceNotice) -> None:
    if not notice.is_published:
        raise Conflict(_("This notice is not published."))


@transaction.atomic
def notice_notify_affected(*, notice: ServiceNotice, now: datetime) -> int:
    """Tell each citizen whose affected open dossier falls due (its promised date)
    within the notice's period; once per dossier per notice. Return how many.

    The caller checks who may do it (the back office: the publisher's roles).

    Raises:
        Conflict: the notice is not published.
    """
    notice = ServiceNotice.objects.select_for_update().get(pk=notice.pk)
    _published_check(notice)
    told = ServiceNoticeRecipient.objects.filter(notice=notice).values("dossier_id")
    dossiers = list(
        dossiers_falling_due(notice=notice)
        .exclude(pk__in=told)
        .select_related("procedure")
    )
    ServiceNoticeRecipient.objects.bulk_create(
        ServiceNoticeRecipient(notice=notice, dossier=d, notified_at=now)
        for d in dossiers
    )
    for dossier in dossiers:
        notify(
            dossier,
            kind=NotificationKind.SERVICE_NOTICE,
            now=now,
            title=notice.title,
            advice=notice.advice,
            starts_at=notice.starts_at,
            ends_at=notice.ends_at,
        )
    return len(dossiers)


def _leader_agency_ids(actor: User) -> set[int]:
    return set(
        StaffAssignment.objects.filter(
            user=actor,
            role=StaffRole.AGENCY_LEADER,
            is_active=True,
            agency__is_active=True,
        ).values_list("agency_id", flat=True)
    )


def dossiers_to_extend(*, notice: ServiceNotice, actor: User) -> list[Dossier]:
    """The affected open dossiers the actor leads whose time overlapped the notice
    (promised on or after its start, received before its end), not yet moved for
    it."""
    moved = DossierEvent.objects.filter(
        action=DossierAction.EXTEND_FOR_NOTICE, data__notice_id=notice.pk
    ).values("dossier_id")
    return list(
        affected_dossiers(notice=notice)
        .filter(
            promised_between(notice.starts_at),
            competent_agency__in=_leader_agency_ids(actor),
            received_at__lt=notice.ends_at,
        )
        .exclude(pk__in=moved)
    )


def notice_extend_deadlines(
    *,
    notice: ServiceNotice,
    actor: User,
    extra_working_hours: int,
    reason: str,
    now: datetime,
) -> int:
    """Move the promised date of every affected open dossier the actor leads by
    ``extra_working_hours`` (see ``dossier_extend_for_notice``); return how many.

    Each dossier is moved in its own transaction and at most once per notice, so
    a second run only moves the dossiers it missed. A dossier that cannot be
    moved (acted on meanwhile, no deadline) is left as it is.

    Raises:
        Conflict: the notice is not published.
        PermissionDenied: ``actor`` leads no agency.
        InvalidInput: see ``dossier_extend_for_notice``.
    """
    _published_check(notice)
    if not _leader_agency_ids(actor):
        raise PermissionDenied(_("Only an agency leader may move dossiers' dates."))
    count = 0
    for dossier in dossiers_to_extend(notice=notice, actor=actor):
        try:
            dossier_extend_for_notice(
                dossier_code=dossier.code,
                actor=actor,
                now=now,
                notice_id=notice.pk,
                reason=reason,
                extra_working_hours=extra_working_hours,
            )
        except InvalidInput:
            raise
        except DomainError:
            continue
        count += 1
    return count
