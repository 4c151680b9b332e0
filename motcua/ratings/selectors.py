"""Reads: rating targets, feedback lists scoped to the asker, satisfaction figures.

Periods include their start and exclude their end. Timeliness of feedback is
derived from its dates (Decision 766/QĐ-TTg 5.2: answered within 15 working days).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.access import agencies_visible_to, user_has_role
from motcua.agencies.models import Agency, StaffAssignment, StaffRole
from motcua.calendars.hours import WorkingHours
from motcua.calendars.selectors import work_calendar_get
from motcua.calendars.workcalendar import WorkCalendar
from motcua.core.errors import InvalidInput, NotFound
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.ratings.choices import FeedbackKind, FeedbackStatus, RatingScore
from motcua.ratings.models import Feedback, Rating
from motcua.ratings.services import ANSWER_ROLES


@dataclass(frozen=True, slots=True)
class RatingTarget:
    """What a rating page shows of a dossier (no personal data)."""

    code: str
    procedure_name: str
    returned: bool
    rated: bool


def rating_target_get(*, dossier_code: str) -> RatingTarget:
    """Return whether dossier ``dossier_code`` may be rated now.

    Raises:
        NotFound: no dossier has the code.
    """
    dossier = (
        Dossier.objects.select_related("procedure")
        .filter(code=dossier_code.strip().upper())
        .first()
    )
    if dossier is None:
        raise NotFound(_("No dossier has the code %(code)s.") % {"code": dossier_code})
    return RatingTarget(
        code=dossier.code,
        procedure_name=dossier.procedure.name,
        returned=dossier.status == DossierStatus.RETURNED,
        rated=Rating.objects.filter(dossier=dossier).exists(),
    )


def rating_exists(*, dossier_code: str) -> bool:
    """Tell whether dossier ``dossier_code`` has been rated."""
    return Rating.objects.filter(dossier__code=dossier_code.strip().upper()).exists()


# Feedback ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeedbackTiming:
    """Working time taken (or so far) and the judgement against ``due_at``."""

    working_days: float
    on_time: bool
    overdue: bool  # still open past the due date


def feedback_timing(
    feedback: Feedback, *, now: datetime, calendar: WorkCalendar | None = None
) -> FeedbackTiming:
    """Judge ``feedback`` at ``now`` from its dates (answered by ``due_at``).

    ``calendar`` is the agency's (looked up when not given).
    """
    calendar = calendar or work_calendar_get(hours=feedback.agency.working_hours())
    end = feedback.answered_at or now
    minutes = max(0, calendar.working_minutes_between(feedback.received_at, end))
    on_time = end <= feedback.due_at
    return FeedbackTiming(
        working_days=round(minutes / calendar.minutes_per_day, 1),
        on_time=on_time,
        overdue=feedback.answered_at is None and not on_time,
    )


@dataclass(frozen=True, slots=True)
class FeedbackRow:
    feedback: Feedback
    timing: FeedbackTiming
    can_answer: bool


def _feedback_agencies(user: User) -> QuerySet[Agency]:
    """Agencies whose feedback ``user`` reads: where they lead or supervise."""
    visible = agencies_visible_to(user)
    if user.is_superuser:
        return visible
    roles = StaffAssignment.objects.filter(user=user, is_active=True)
    if roles.filter(role=StaffRole.CITY_SUPERVISOR).exists():
        return visible
    leading = roles.filter(role__in=ANSWER_ROLES).values("agency_id")
    return visible.filter(pk__in=leading)


def feedback_list_for(
    *, user: User, status: str | None, now: datetime
) -> list[FeedbackRow]:
    """Return the feedback of ``user``'s agencies, oldest due first.

    ``status`` is a FeedbackStatus value, or None/"" for all.

    Raises:
        InvalidInput: an unknown status.
    """
    if status and status not in FeedbackStatus.values:
        raise InvalidInput(_("Unknown status %(status)s.") % {"status": status})
    agencies = _feedback_agencies(user)
    rows = (
        Feedback.objects.filter(agency__in=agencies)
        .select_related("agency", "dossier", "service_point")
        .order_by("due_at", "id")
    )
    if status:
        rows = rows.filter(status=status)
    answering = _answering_agency_ids(user)
    calendars: dict[WorkingHours, WorkCalendar] = {}
    result = []
    for row in rows:
        hours = row.agency.working_hours()
        if hours not in calendars:  # one calendar per distinct set of hours
            calendars[hours] = work_calendar_get(hours=hours)
        can_answer = row.status == FeedbackStatus.NEW and (
            answering is None or row.agency_id in answering
        )
        timing = feedback_timing(row, now=now, calendar=calendars[hours])
        result.append(FeedbackRow(row, timing, can_answer))
    return result


def _answering_agency_ids(user: User) -> set[int] | None:
    """Agencies where ``user`` answers feedback; None for a superuser (all)."""
    if user.is_superuser:
        return None
    return set(
        StaffAssignment.objects.filter(
            user=user, is_active=True, role__in=ANSWER_ROLES
        ).values_list("agency_id", flat=True)
    )


def feedback_get_for(*, user: User, feedback_id: int, now: datetime) -> FeedbackRow:
    """Return feedback ``feedback_id`` if ``user`` reads its agency's feedback.

    Raises:
        NotFound: no such feedback, or hidden from ``user``.
    """
    feedback = (
        Feedback.objects.select_related(
            "agency", "dossier", "service_point", "answered_by"
        )
        .filter(pk=feedback_id, agency__in=_feedback_agencies(user))
        .first()
    )
    if feedback is None:
        raise NotFound(_("No feedback has the number %(id)s.") % {"id": feedback_id})
    can_answer = feedback.status == FeedbackStatus.NEW and user_has_role(
        user, ANSWER_ROLES, feedback.agency
    )
    return FeedbackRow(feedback, feedback_timing(feedback, now=now), can_answer)


# Satisfaction (Decision 766/QĐ-TTg group 5) --------------------------------------


@dataclass(frozen=True, slots=True)
class SatisfactionFigures:
    """Figures of ``agency`` for ratings, feedback and returned dossiers in a period.

    ``satisfaction_rate`` is indicator 5.4: 100% − (late rate + rate of returned
    dossiers with a complaint or a "not satisfied" rating), floored at 0.
    """

    ratings: int
    satisfied: int
    normal: int
    not_satisfied: int
    dislike_rate: float  # % of ratings "not satisfied"
    feedback_by_kind: dict[str, int]
    complaints_about_dossiers: int  # distinct dossiers complained about
    feedback_answered_on_time: int
    feedback_late: int  # answered late, or still open past the due date
    feedback_on_time_rate: float | None  # 5.2, None when nothing was due
    dossiers_returned: int
    dossiers_late: int
    dossiers_disliked: int  # returned with a complaint or "not satisfied"
    satisfaction_rate: float | None  # 5.4, None without returned dossiers


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 2) if whole else 0.0


def _rating_counts(agency: Agency, start: datetime, end: datetime) -> dict[str, int]:
    rows = (
        Rating.objects.filter(
            dossier__competent_agency=agency, at__gte=start, at__lt=end
        )
        .values("score")
        .annotate(n=Count("id"))
        .order_by("score")
    )
    counts = dict.fromkeys(RatingScore.values, 0)
    counts.update({row["score"]: row["n"] for row in rows})
    return counts


def _feedback_figures(agency: Agency, start: datetime, end: datetime) -> dict[str, int]:
    received = Feedback.objects.filter(
        agency=agency, received_at__gte=start, received_at__lt=end
    )
    answered_late = Q(answered_at__isnull=False, answered_at__gt=F("due_at"))
    open_late = Q(answered_at__isnull=True, due_at__lt=end)
    totals = received.aggregate(
        on_time=Count("id", filter=Q(answered_at__lte=F("due_at"))),
        late=Count("id", filter=answered_late | open_late),
        complaints=Count(
            "dossier", filter=Q(kind=FeedbackKind.COMPLAINT), distinct=True
        ),
    )
    by_kind = received.values("kind").annotate(n=Count("id")).order_by("kind")
    for kind in FeedbackKind.values:
        totals[f"kind:{kind}"] = 0
    totals.update({f"kind:{row['kind']}": row["n"] for row in by_kind})
    return totals


def _dossier_figures(agency: Agency, start: datetime, end: datetime) -> dict[str, int]:
    returned = Dossier.objects.filter(
        competent_agency=agency, returned_at__gte=start, returned_at__lt=end
    )
    disliked = Q(ratings__score=RatingScore.NOT_SATISFIED) | Q(
        feedback__kind=FeedbackKind.COMPLAINT
    )
    late = Q(deadline_at__isnull=False, finished_at__gt=F("deadline_at"))
    return returned.aggregate(
        total=Count("id", distinct=True),
        late=Count("id", filter=late, distinct=True),
        disliked=Count("id", filter=disliked, distinct=True),
    )


def satisfaction_figures(
    *, agency: Agency, start: datetime, end: datetime
) -> SatisfactionFigures:
    """Return the satisfaction figures of ``agency`` for ``[start, end)``.

    Ratings count by their date, feedback by its receipt and dossiers by the
    return of their result; feedback still open at ``end`` past its due date
    counts as late.
    """
    scores = _rating_counts(agency, start, end)
    feedback = _feedback_figures(agency, start, end)
    dossiers = _dossier_figures(agency, start, end)
    total_ratings = sum(scores.values())
    judged = feedback["on_time"] + feedback["late"]
    returned = dossiers["total"]
    penalty = _percent(dossiers["late"], returned) + _percent(
        dossiers["disliked"], returned
    )
    return SatisfactionFigures(
        ratings=total_ratings,
        satisfied=scores[RatingScore.SATISFIED],
        normal=scores[RatingScore.NORMAL],
        not_satisfied=scores[RatingScore.NOT_SATISFIED],
        dislike_rate=_percent(scores[RatingScore.NOT_SATISFIED], total_ratings),
        feedback_by_kind={k: feedback[f"kind:{k}"] for k in FeedbackKind.values},
        complaints_about_dossiers=feedback["complaints"],
        feedback_answered_on_time=feedback["on_time"],
        feedback_late=feedback["late"],
        feedback_on_time_rate=_percent(feedback["on_time"], judged) if judged else None,
        dossiers_returned=returned,
        dossiers_late=dossiers["late"],
        dossiers_disliked=dossiers["disliked"],
        satisfaction_rate=max(0.0, round(100 - penalty, 2)) if returned else None,
    )
