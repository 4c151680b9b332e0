"""Reads of service notices: active banners, affected dossiers, lists for staff.

Periods include their start and exclude their end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.access import agencies_visible_to
from motcua.agencies.models import Agency, StaffAssignment, StaffRole
from motcua.agencies.selectors import agency_descendant_ids
from motcua.core.cache import LocalMemo
from motcua.core.errors import NotFound
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import BEING_PROCESSED_STATUSES
from motcua.notices.models import ServiceNotice

# Received and not yet decided (statuses 2, 4, 5, 6): the clock runs or is paused.
OPEN_STATUSES = BEING_PROCESSED_STATUSES  # received, not finished (the workflow's)


@dataclass(frozen=True, slots=True)
class NoticeBanner:
    """What a banner shows of one notice (no ORM: safe to cache)."""

    pk: int
    title: str
    description: str
    advice: str
    starts_at: datetime
    ends_at: datetime
    affects_online_portal: bool
    agency_id: int
    agency_name: str
    service_point_codes: frozenset[str]
    procedure_codes: frozenset[str]


def _banner(notice: ServiceNotice) -> NoticeBanner:
    return NoticeBanner(
        pk=notice.pk,
        title=notice.title,
        description=notice.description,
        advice=notice.advice,
        starts_at=notice.starts_at,
        ends_at=notice.ends_at,
        affects_online_portal=notice.affects_online_portal,
        agency_id=notice.agency_id,
        agency_name=notice.agency.name,
        service_point_codes=frozenset(p.code for p in notice.service_points.all()),
        procedure_codes=frozenset(p.code for p in notice.procedures.all()),
    )


def _active(now: datetime) -> QuerySet[ServiceNotice]:
    return ServiceNotice.objects.filter(
        is_published=True, starts_at__lte=now, ends_at__gt=now
    )


def notices_active(*, now: datetime) -> list[NoticeBanner]:
    """Return the published notices in force at ``now``, latest start first."""
    notices = (
        _active(now)
        .select_related("agency")
        .prefetch_related("service_points", "procedures")
        .order_by("-starts_at", "-id")
    )
    return [_banner(notice) for notice in notices]


# The banners' cache key; services clear it on every change.
ACTIVE_CACHE_KEY = "notices:active"
# Briefly: a notice shows within a minute of its start on every page, and a busy
# portal makes one query a minute for it. Publishing clears the cache at once.
ACTIVE_CACHE_SECONDS = 60


# A few seconds in the process before the shared cache (every portal page).
ACTIVE_MEMO = LocalMemo(seconds=5)


def notices_cache_forget() -> None:
    """Forget the notices in force, shared and in this process (on a change)."""
    cache.delete(ACTIVE_CACHE_KEY)
    ACTIVE_MEMO.forget()


def notices_in_force(*, now: datetime) -> list[NoticeBanner]:
    """The published notices in force at ``now``, from the cache when it has them
    (read at most once a minute; a cached notice that ended is left out)."""
    found: list[NoticeBanner] | None = ACTIVE_MEMO.get(ACTIVE_CACHE_KEY)
    if found is None:
        found = cache.get(ACTIVE_CACHE_KEY)
        if found is None:
            found = notices_active(now=now)
            cache.set(ACTIVE_CACHE_KEY, found, ACTIVE_CACHE_SECONDS)
        ACTIVE_MEMO.set(ACTIVE_CACHE_KEY, found)
    return [n for n in found if n.starts_at <= now < n.ends_at]


def notices_for_dossier(
    *,
    dossier_code: str,
    now: datetime,
    procedure_code: str | None = None,
    service_point_code: str = "",
) -> list[NoticeBanner]:
    """Return the notices in force at ``now`` that affect dossier ``dossier_code``:
    its service point or its procedure, published by an agency that received or
    decides it (or one above them).

    With the dossier's ``procedure_code`` (and ``service_point_code``) known, a
    dossier no notice in force names costs no query (the tracking page).
    """
    if procedure_code is not None and not any(
        procedure_code in notice.procedure_codes
        or (service_point_code and service_point_code in notice.service_point_codes)
        for notice in notices_in_force(now=now)
    ):
        return []
    dossier = (
        Dossier.objects.filter(code=dossier_code)
        .values("service_point_id", "procedure_id")
        .first()
    )
    if dossier is None:
        return []
    touches = Q(procedures=dossier["procedure_id"])
    if dossier["service_point_id"] is not None:
        touches |= Q(service_points=dossier["service_point_id"])
    candidates = (
        _active(now)
        .filter(touches)
        .distinct()
        .select_related("agency")
        .prefetch_related("service_points", "procedures")
        .order_by("-starts_at", "-id")
    )
    found = [
        n
        for n in candidates
        if affected_dossiers(notice=n).filter(code=dossier_code).exists()
    ]
    return [_banner(n) for n in found]


def notice_scope_ids(notice: ServiceNotice) -> set[int]:
    """The publishing agency and every agency below it."""
    return agency_descendant_ids(notice.agency)


def affected_dossiers(*, notice: ServiceNotice) -> QuerySet[Dossier]:
    """Return the open dossiers ``notice`` affects, ordered by code.

    Received at an affected service point or of an affected procedure, and
    received or decided by an agency in the publisher's scope.
    """
    scope = notice_scope_ids(notice)
    touches = Q(service_point__in=notice.service_points.all()) | Q(
        procedure__in=notice.procedures.all()
    )
    return (
        Dossier.objects.filter(touches, status__in=OPEN_STATUSES)
        .filter(Q(receiving_agency__in=scope) | Q(competent_agency__in=scope))
        .distinct()
        .order_by("code", "id")
    )


def dossiers_falling_due(*, notice: ServiceNotice) -> QuerySet[Dossier]:
    """The affected dossiers whose promised date falls within the notice's period."""
    return affected_dossiers(notice=notice).filter(
        promised_between(notice.starts_at, notice.ends_at)
    )


def promised_between(start: datetime, end: datetime | None = None) -> Q:
    """Dossiers whose promised date (the apology's or extension's new date, else
    the deadline) is at or after ``start`` and, with ``end``, before it."""
    moved = Q(new_deadline_at__gte=start)
    kept = Q(new_deadline_at__isnull=True, deadline_at__gte=start)
    if end is not None:
        moved &= Q(new_deadline_at__lt=end)
        kept &= Q(deadline_at__lt=end)
    return moved | kept


def notices_list_for(*, agencies: QuerySet[Agency]) -> QuerySet[ServiceNotice]:
    """Notices published by ``agencies``, latest start first."""
    return (
        ServiceNotice.objects.filter(agency__in=agencies)
        .select_related("agency", "published_by")
        .order_by("-starts_at", "-id")
    )


def notice_publisher_agencies(*, user: User) -> QuerySet[Agency]:
    """Agencies where ``user`` may publish notices (leader or administrator)."""
    if not user.is_active:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.filter(is_active=True).order_by("code", "id")
    ids = StaffAssignment.objects.filter(
        user=user,
        role__in=(StaffRole.AGENCY_LEADER, StaffRole.AGENCY_ADMIN),
        is_active=True,
    ).values("agency_id")
    return Agency.objects.filter(pk__in=ids, is_active=True).order_by("code", "id")


def notice_get_for(*, user: User, notice_id: int) -> ServiceNotice:
    """Return notice ``notice_id`` if ``user`` sees its agency. Raises NotFound
    (also when hidden, so an id reveals nothing)."""
    notice = (
        notices_list_for(agencies=agencies_visible_to(user))
        .filter(pk=notice_id)
        .first()
    )
    if notice is None:
        raise NotFound(_("No such service notice."))
    return notice
