"""When the official holiday calendar changes, open dossiers' deadlines follow.

A deadline is stored when the dossier is received (SPEC §5). If a year's
announcement is imported later (the government publishes Tết and swapped days
late in the year before, Labour Code 2019 Art. 112(3)), or an entry is corrected
by hand, the stored deadline of an open dossier may no longer be what the law
gives. Each one that changes is recounted under its row lock, with one
``recompute_deadline`` event in its history that says why and from what to what,
and the applicant is told the new date. Never silently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.calendars.services import ImportSummary, holiday_entries_import
from motcua.calendars.sources import HolidayRow
from motcua.dossiers.events import event_record
from motcua.dossiers.messages import tracking_url
from motcua.dossiers.models import Dossier
from motcua.dossiers.payloads import DeadlineRecounted
from motcua.dossiers.services.checklist import deadline_recompute
from motcua.dossiers.services.transitions import SYSTEM_ROLE
from motcua.dossiers.workflow import CLOSED_STATUSES, DossierAction
from motcua.notifications.models import NotificationKind
from motcua.notifications.services import notification_enqueue


@dataclass(frozen=True, slots=True)
class DeadlineChange:
    """One open dossier whose deadline moved."""

    code: str
    before: datetime
    after: datetime


@dataclass(frozen=True, slots=True)
class AnnouncementImport:
    """What importing an announcement did to the table and to open dossiers."""

    summary: ImportSummary
    changes: tuple[DeadlineChange, ...]


def _candidates(since: date) -> list[int]:
    """Open, timed dossiers whose deadline is on or after ``since`` (a day changed
    after a deadline cannot move it)."""
    start = timezone.make_aware(datetime.combine(since, time.min))
    return list(
        Dossier.objects.exclude(status__in=CLOSED_STATUSES)
        .filter(
            received_at__isnull=False,
            legal_time_amount__isnull=False,
            deadline_at__gte=start,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _recount(
    pk: int, *, reason: str, now: datetime, actor: User | None
) -> DeadlineChange | None:
    with transaction.atomic():
        dossier = (
            Dossier.objects.select_for_update()
            .select_related("procedure", "competent_agency")
            .get(pk=pk)
        )
        before = dossier.deadline_at
        if dossier.status in CLOSED_STATUSES or before is None:
            return None  # closed or untimed since it was listed
        deadline_recompute(dossier)
        after = dossier.deadline_at
        if after is None or after == before:
            return None
        dossier.version += 1
        dossier.save(
            update_fields=[
                "count_started_at",
                "deadline_at",
                "paused_minutes",
                "version",
                "updated_at",
            ]
        )
        event_record(
            dossier=dossier,
            action=DossierAction.RECOMPUTE_DEADLINE,
            at=now,
            from_status=dossier.status,
            from_step=dossier.step,
            actor=actor,
            actor_role=SYSTEM_ROLE,
            note=reason,
            payload=DeadlineRecounted(before=before, after=after),
        )
        if dossier.new_deadline_at is None:  # a leader's new date stays promised
            notification_enqueue(
                kind=NotificationKind.DEADLINE_CHANGED,
                now=now,
                dossier_code=dossier.code,
                recipient_name=dossier.applicant_name,
                phone=dossier.applicant_phone,
                email=dossier.applicant_email,
                context={"deadline": after, "tracking_url": tracking_url(dossier)},
            )
        return DeadlineChange(code=dossier.code, before=before, after=after)


def dossier_deadlines_recompute(
    *,
    since: date,
    reason: str,
    now: datetime,
    actor: User | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[DeadlineChange, ...]:
    """Recount every open dossier's deadline that the calendar from ``since`` on
    may have moved; return those that did move.

    Each dossier is recounted in its own transaction under its row lock, so a
    long pass never holds the whole register; running it again changes nothing
    more (an interrupted pass is finished by the next one). ``progress`` is called
    with (done, total).
    """
    pks = _candidates(since)
    changes: list[DeadlineChange] = []
    for done, pk in enumerate(pks, start=1):
        change = _recount(pk, reason=reason, now=now, actor=actor)
        if change is not None:
            changes.append(change)
        if progress is not None:
            progress(done, len(pks))
    return tuple(changes)


def announcement_reason(rows: Sequence[HolidayRow], *, source: str) -> str:
    """The reason written in each changed dossier's history."""
    first, last = min(row.date for row in rows), max(row.date for row in rows)
    return _(
        "The official holiday announcement (%(source)s) from %(first)s to %(last)s "
        "was imported: the deadline is recounted on it."
    ) % {
        "source": source,
        "first": first.strftime("%d/%m/%Y"),
        "last": last.strftime("%d/%m/%Y"),
    }


def holiday_announcement_import(
    *,
    rows: Sequence[HolidayRow],
    source: str,
    now: datetime,
    actor: User | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AnnouncementImport:
    """Import an announcement's rows, then recount the open dossiers it moves.

    The recount runs even when the table already held the rows, so that a pass
    cut short before is completed.
    """
    summary = holiday_entries_import(rows=rows)
    if not rows:
        return AnnouncementImport(summary=summary, changes=())
    changes = dossier_deadlines_recompute(
        since=min(row.date for row in rows),
        reason=announcement_reason(rows, source=source),
        now=now,
        actor=actor,
        progress=progress,
    )
    return AnnouncementImport(summary=summary, changes=changes)
