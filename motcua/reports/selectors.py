"""Public progress boards and open data per service point or agency (issue §5).

Everything is judged from dates at query time, never from stored flags (SPEC §5
"Judgement"): finished on a date before the deadline's date → early; on the
deadline's date and not after it → on time; after it → late, always against the
legal deadline (an apology's new date does not change it, SPEC §4.6). The board
takes a fixed number of queries whatever the number of dossiers: the subject, one
aggregate with conditional counts, and the list of late dossiers.

A service point's board counts the dossiers received there; an agency's board the
dossiers it decides (the competent agency), wherever they were received (Decree
118/2025 Art. 14: where it was received and who decides are two fields).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.agencies.models import Agency, ServicePoint
from motcua.calendars.timeliness import Judgement
from motcua.calendars.workcalendar import require_aware
from motcua.core.errors import InvalidInput, NotFound
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import overdue_filter
from motcua.dossiers.timeliness import late_for_supplements_q
from motcua.dossiers.workflow import BEING_PROCESSED_STATUSES, FINISHED_STATUSES
from motcua.reports.masking import code_mask

# "Being processed" on the board, and "finished" (the dossier workflow's sets).
OPEN_STATUSES = BEING_PROCESSED_STATUSES
LATE_LIST_LIMIT = 50
# Open data periods longer than this are refused (one query, but a bounded one).
MAX_PERIOD_DAYS = 366


class BoardScope(models.TextChoices):
    """Whose board it is."""

    SERVICE_POINT = "service_point", gettext_lazy("service point")  # điểm tiếp nhận
    AGENCY = "agency", gettext_lazy("agency")  # cơ quan giải quyết


@dataclass(frozen=True, slots=True)
class BoardSubject:
    """The service point or agency a board is about."""

    scope: str
    code: str
    name: str
    pk: int


@dataclass(frozen=True, slots=True)
class LateDossier:
    """A late dossier as the public sees it: masked code, never a name."""

    masked_code: str
    procedure_name: str
    deadline_at: datetime
    finished_at: datetime | None
    new_deadline_at: datetime | None

    @property
    def apologised(self) -> bool:
        """Whether the agency apologised and set a new date (form 04)."""
        return self.new_deadline_at is not None


@dataclass(frozen=True, slots=True)
class Board:
    """The figures of a board at ``now`` (today and this month, local time)."""

    subject: BoardSubject
    now: datetime
    received_today: int
    received_this_month: int
    being_processed: int
    overdue_open: int
    returned_this_month: int
    processed_this_month: int
    early: int
    on_time: int
    late: int
    late_dossiers: tuple[LateDossier, ...]

    @property
    def on_time_rate(self) -> Decimal | None:
        """Early or on time ÷ judged, in percent with 1 decimal; None if none."""
        return rate(early=self.early, on_time=self.on_time, late=self.late)

    @property
    def late_total(self) -> int:
        """Open and overdue, plus finished late this month."""
        return self.overdue_open + self.late


@dataclass(frozen=True, slots=True)
class PeriodRow:
    """Figures of one procedure over a period (open data)."""

    procedure_code: str
    procedure_name: str
    received: int
    processed: int
    early: int
    on_time: int
    late: int
    returned: int


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    """Open data of a subject from ``start`` (included) to ``end`` (excluded)."""

    subject: BoardSubject
    start: date
    end: date
    rows: tuple[PeriodRow, ...]


def rate(*, early: int, on_time: int, late: int) -> Decimal | None:
    """Return (early + on time) ÷ judged × 100, 1 decimal; None when none judged."""
    judged = early + on_time + late
    if judged == 0:
        return None
    value = Decimal(100 * (early + on_time)) / Decimal(judged)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=_tz())


def _month_bounds(today: date) -> tuple[datetime, datetime]:
    first = today.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return _day_start(first), _day_start(following)


def board_subject_get(*, scope: str, code: str) -> BoardSubject:
    """Return the active service point or agency ``code`` of ``scope``.

    Raises:
        NotFound: unknown scope, or no active service point or agency has the code.
    """
    model: type[ServicePoint] | type[Agency]
    model = ServicePoint if scope == BoardScope.SERVICE_POINT else Agency
    found = None
    if scope in BoardScope.values:
        found = (
            model.objects.filter(code=code.strip(), is_active=True)
            .values_list("pk", "name")
            .first()
        )
    if found is None:
        raise NotFound(
            _("No public board has the code %(code)s.") % {"code": code.strip()}
        )
    return BoardSubject(scope=scope, code=code.strip(), name=found[1], pk=found[0])


def _dossiers_of(subject: BoardSubject) -> QuerySet[Dossier]:
    if subject.scope == BoardScope.SERVICE_POINT:
        return Dossier.objects.filter(service_point_id=subject.pk)
    return Dossier.objects.filter(competent_agency_id=subject.pk)


def _between(field: str, start: datetime, end: datetime) -> Q:
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def _with_days(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """Annotate the local dates of finishing and of the deadline, for judging."""
    return dossiers.annotate(
        finished_day=TruncDate("finished_at", tzinfo=_tz()),
        deadline_day=TruncDate("deadline_at", tzinfo=_tz()),
    )


def judgement_filters() -> dict[str, Q]:
    """Conditions per ``Judgement`` on a queryset annotated by ``_with_days``.

    The same rule as ``calendars.timeliness.judge_finished`` (SPEC §5), and a
    dossier with too many supplement requests is late (``dossiers.timeliness``).
    """
    supplements = late_for_supplements_q()  # Decision 766: late whatever the dates
    in_time = Q(deadline_at__isnull=False, finished_at__lte=F("deadline_at"))
    in_time &= ~supplements
    return {
        Judgement.EARLY: in_time & Q(finished_day__lt=F("deadline_day")),
        Judgement.ON_TIME: in_time & Q(finished_day__gte=F("deadline_day")),
        Judgement.LATE: Q(finished_at__gt=F("deadline_at")) | supplements,
    }


def _judged_counts(finished: Q) -> dict[str, Count]:
    return {
        str(kind): Count("pk", filter=finished & condition)
        for kind, condition in judgement_filters().items()
    }


def _board_counts(subject: BoardSubject, now: datetime) -> dict[str, int]:
    today = now.astimezone(_tz()).date()
    day = (_day_start(today), _day_start(today + timedelta(days=1)))
    month = _month_bounds(today)
    finished = Q(status__in=FINISHED_STATUSES) & _between("finished_at", *month)
    return _with_days(_dossiers_of(subject)).aggregate(
        received_today=Count("pk", filter=_between("received_at", *day)),
        received_this_month=Count("pk", filter=_between("received_at", *month)),
        being_processed=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue_open=Count("pk", filter=_overdue_open(now)),
        returned_this_month=Count("pk", filter=_between("returned_at", *month)),
        processed_this_month=Count("pk", filter=finished),
        **_judged_counts(finished),
    )


def _overdue_open(now: datetime) -> Q:
    # The worklists' and the overview's definition, not a copy of it.
    return overdue_filter(now)


def _late_dossiers(subject: BoardSubject, now: datetime) -> tuple[LateDossier, ...]:
    month = _month_bounds(now.astimezone(_tz()).date())
    finished_late = (
        Q(status__in=FINISHED_STATUSES)
        & _between("finished_at", *month)
        & (Q(finished_at__gt=F("deadline_at")) | late_for_supplements_q())
    )
    rows = (
        _dossiers_of(subject)
        .filter(_overdue_open(now) | finished_late)
        .order_by("deadline_at", "pk")
        .values_list(
            "code", "procedure__name", "deadline_at", "finished_at", "new_deadline_at"
        )[:LATE_LIST_LIMIT]
    )
    return tuple(
        LateDossier(
            masked_code=code_mask(code),
            procedure_name=name,
            deadline_at=deadline_at,
            finished_at=finished_at,
            new_deadline_at=new_deadline_at,
        )
        for code, name, deadline_at, finished_at, new_deadline_at in rows
        if deadline_at is not None  # always: late means past a deadline
    )


def progress_board(*, scope: str, code: str, now: datetime) -> Board:
    """Return the public board of service point or agency ``code`` at ``now``.

    Three queries, whatever the number of dossiers.

    Raises:
        NotFound: unknown scope or code.
        InvalidInput: ``now`` is naive.
    """
    require_aware(now, field="now")
    subject = board_subject_get(scope=scope, code=code)
    counts = _board_counts(subject, now)
    return Board(
        subject=subject,
        now=now,
        received_today=counts["received_today"],
        received_this_month=counts["received_this_month"],
        being_processed=counts["being_processed"],
        overdue_open=counts["overdue_open"],
        returned_this_month=counts["returned_this_month"],
        processed_this_month=counts["processed_this_month"],
        early=counts[Judgement.EARLY],
        on_time=counts[Judgement.ON_TIME],
        late=counts[Judgement.LATE],
        late_dossiers=_late_dossiers(subject, now),
    )


def period_check(*, start: date, end: date, now: datetime) -> None:
    """Check an open data period: start before end, at most a year, not future.

    Raises:
        InvalidInput: the period is empty, too long or starts after today.
    """
    if end <= start:
        raise InvalidInput(
            _("The end of the period must be after its start (the end is excluded)."),
            field_errors={"end": _("Choose a later date.")},
        )
    if (end - start).days > MAX_PERIOD_DAYS:
        raise InvalidInput(
            _("A period covers at most %(days)d days.") % {"days": MAX_PERIOD_DAYS},
            field_errors={"end": _("Choose an earlier date.")},
        )
    if start > now.astimezone(_tz()).date():
        raise InvalidInput(
            _("The period starts in the future."),
            field_errors={"start": _("Choose an earlier date.")},
        )


def _period_counts(start: datetime, end: datetime) -> dict[str, Count]:
    finished = Q(status__in=FINISHED_STATUSES) & _between("finished_at", start, end)
    return {
        "received": Count("pk", filter=_between("received_at", start, end)),
        "processed": Count("pk", filter=finished),
        "returned": Count("pk", filter=_between("returned_at", start, end)),
        **_judged_counts(finished),
    }


def period_figures(
    *, scope: str, code: str, start: date, end: date, now: datetime
) -> PeriodFigures:
    """Return per procedure what ``code`` received, processed (early, on time,
    late) and returned from ``start`` (included) to ``end`` (excluded), local dates.

    Raises:
        NotFound: unknown scope or code.
        InvalidInput: a bad period (see ``period_check``) or a naive ``now``.
    """
    require_aware(now, field="now")
    period_check(start=start, end=end, now=now)
    subject = board_subject_get(scope=scope, code=code)
    bounds = (_day_start(start), _day_start(end))
    touched = (
        _between("received_at", *bounds)
        | _between("finished_at", *bounds)
        | _between("returned_at", *bounds)
    )
    rows = (
        _with_days(_dossiers_of(subject).filter(touched))
        .values("procedure_id", "procedure__code", "procedure__name")
        .annotate(**_period_counts(*bounds))
        .order_by("procedure__code", "procedure_id")
    )
    return PeriodFigures(
        subject=subject,
        start=start,
        end=end,
        rows=tuple(_period_row(row) for row in rows),
    )


def _period_row(row: dict[str, object]) -> PeriodRow:
    def number(key: str) -> int:
        value = row[key]
        return value if isinstance(value, int) else 0

    return PeriodRow(
        procedure_code=str(row["procedure__code"]),
        procedure_name=str(row["procedure__name"]),
        received=number("received"),
        processed=number("processed"),
        early=number(Judgement.EARLY),
        on_time=number(Judgement.ON_TIME),
        late=number(Judgement.LATE),
        returned=number("returned"),
    )


def boards_list() -> tuple[list[BoardSubject], list[BoardSubject]]:
    """Return the active service points and agencies that have a public board."""
    points = [
        BoardSubject(scope=BoardScope.SERVICE_POINT, code=code, name=name, pk=pk)
        for pk, code, name in ServicePoint.objects.filter(is_active=True)
        .order_by("name", "code")
        .values_list("pk", "code", "name")
    ]
    agencies = [
        BoardSubject(scope=BoardScope.AGENCY, code=code, name=name, pk=pk)
        for pk, code, name in Agency.objects.filter(is_active=True)
        .order_by("name", "code")
        .values_list("pk", "code", "name")
    ]
    return points, agencies
