"""Public tracking of a dossier by its code (citizen portal and public API).

SPEC §3: codes are printed on every slip (with a QR code) and sent by SMS, so a
code alone never reveals personal data. What anyone holding the code sees: the
status in plain words, the steps (action and date, never a staff name or note),
the deadline and time left, what the citizen must do, the apology and new date.
With a second factor (the last 4 digits of the applicant's personal ID or phone)
the applicant's name and the papers are shown as well; so they are to the citizen
account the dossier belongs to (``dossiers_filed_by``), and that access is logged
as a personal data access.

Lookups are rate-limited per client through Django's cache (locmem or Redis) so
that codes and second factors cannot be guessed: at most
``MOTCUA_PUBLIC_LOOKUP_LIMIT`` lookups per ``MOTCUA_PUBLIC_LOOKUP_WINDOW`` seconds
and at most ``MOTCUA_PUBLIC_LOOKUP_FAILURE_LIMIT`` failed ones (unknown code or
wrong second factor) per ``MOTCUA_PUBLIC_LOOKUP_FAILURE_WINDOW`` seconds. A lookup
that may show personal data (a second factor, the owner's account) and a lookup of
a code that does not exist are logged (``PublicLookup``) with a keyed hash of the
client's address; a found code alone is only counted (ADR 0012).

A lookup reads one row by the unique code (with the rows it names by key): what
the history says is already in the dossier's public view (``tracking``, kept by
every event), and what depends on the time is derived here (ADR 0012).
"""

from __future__ import annotations

import hmac
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.models import User
from motcua.agencies.models import Agency, ServicePoint
from motcua.calendars.selectors import provisional_years_get
from motcua.calendars.workcalendar import WorkCalendar
from motcua.core.errors import InvalidInput, NotFound
from motcua.core.prepared import PreparedGet
from motcua.core.ratelimit import (
    ratelimit_allow,
    ratelimit_client_key,
    ratelimit_failure_record,
    ratelimit_refused_message,
    ratelimit_retry_after,
)
from motcua.dossiers.actions import public_label_of
from motcua.dossiers.choices import DossierStatus, DossierStep, ReturnMethod
from motcua.dossiers.messages import notify
from motcua.dossiers.models import (
    Dossier,
    DossierPaper,
    PersonalDataAccess,
    PublicLookup,
)
from motcua.dossiers.owners import dossiers_filed_by
from motcua.dossiers.timing import calendar_for, dossier_open_state
from motcua.dossiers.tracking import VIEW_VERSION, public_view_refresh
from motcua.dossiers.workflow import (
    CLOCK_RUNS_STATUSES,
    ActorAgency,
    DossierAction,
    transitions_from,
)
from motcua.notifications.models import NotificationKind
from motcua.procedures.models import Procedure

M = TypeVar("M", bound=models.Model)

# ASCII digits only: "\d" would also take other scripts' digits (e.g. "٢٣٤٥").
CHECK_PATTERN = re.compile(r"[0-9]{4}")
# Codes are A–Z, 0–9, dots and dashes (Decision 20/2020/QĐ-TTg e-IDs + date + number).
CODE_MAX_LENGTH = 60

# The status in plain words, as a citizen reads it (SPEC §3 public statuses).
PLAIN_STATUS: dict[int, Promise] = {
    DossierStatus.REGISTERED: gettext_lazy(
        "Registered online, waiting to be checked by the reception officer"
    ),
    DossierStatus.RECEIVED: gettext_lazy("Received, waiting to be processed"),
    DossierStatus.NOT_RECEIVED: gettext_lazy("Not received (refused at reception)"),
    DossierStatus.PROCESSING: gettext_lazy("Being processed"),
    DossierStatus.SUPPLEMENT_REQUESTED: gettext_lazy("Waiting for papers from you"),
    DossierStatus.FINANCIAL_OBLIGATION: gettext_lazy("Waiting for you to pay"),
    DossierStatus.WITHDRAWN: gettext_lazy("Withdrawn at your request"),
    DossierStatus.STOPPED: gettext_lazy("Processing stopped"),
    DossierStatus.PROCESSED: gettext_lazy("The result is ready"),
    DossierStatus.RETURNED: gettext_lazy("The result has been returned"),
}


class TodoKind(models.TextChoices):
    """What the citizen must do now."""

    NOTHING = "nothing", gettext_lazy("nothing: wait for the result")  # chờ kết quả
    SUPPLEMENT = "supplement", gettext_lazy("bring more papers")  # bổ sung hồ sơ
    PAY = "pay", gettext_lazy("pay the fees")  # thực hiện nghĩa vụ tài chính
    COLLECT = "collect", gettext_lazy("collect the result")  # nhận kết quả


@dataclass(frozen=True, slots=True)
class PublicStep:
    """One step of the history: what happened and when (no staff names)."""

    action: str
    label: str
    at: datetime


@dataclass(frozen=True, slots=True)
class PublicFee:
    name: str
    amount_vnd: int


@dataclass(frozen=True, slots=True)
class PublicTodo:
    """What the citizen must do, and where."""

    kind: str
    label: str
    items: tuple[str, ...] = ()
    fees: tuple[PublicFee, ...] = ()
    place: str = ""


@dataclass(frozen=True, slots=True)
class TimeLeft:
    """Working time to the promised date; ``overdue`` when past it."""

    minutes: int
    days: int
    hours: int
    overdue: bool


@dataclass(frozen=True, slots=True)
class PublicPaper:
    name: str
    originals: int
    copies: int
    provided: bool
    by_reference: bool


@dataclass(frozen=True, slots=True)
class PublicPersonal:
    """Shown only when the second factor matches."""

    applicant_name: str
    papers: tuple[PublicPaper, ...]


@dataclass(frozen=True, slots=True)
class PublicDossier:
    """What a code shows; ``personal`` is None without a matching second factor
    (or ownership: ``owner_view``)."""

    code: str
    procedure_code: str
    procedure_name: str
    service_point_code: str  # "" when filed online (for the notices it is under)
    status: int
    status_label: str
    current_step: str
    steps: tuple[PublicStep, ...]
    registered_at: datetime | None
    received_at: datetime | None
    deadline_at: datetime | None
    # Years the count crosses with no official holiday announcement imported yet.
    deadline_provisional_years: tuple[int, ...]
    new_deadline_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    time_left: TimeLeft | None
    open_state: str
    clock_paused: bool
    todo: PublicTodo
    apology_reason: str
    with_check: bool
    check_ok: bool
    personal: PublicPersonal | None
    owner_view: bool = False
    # Too many wrong checks for this code lately: the check was not tried.
    check_locked: bool = False
    # The owner may withdraw it from their account now (before the decision).
    may_withdraw: bool = False


def public_client_key(*, meta: Mapping[str, object]) -> str:
    """Return a keyed hash of the client's address (``core.ratelimit``)."""
    return ratelimit_client_key(meta=meta)


# Rate limiting: one routine for every public page and endpoint (core.ratelimit).


def public_lookup_allow(*, client_key: str, now: datetime) -> bool:
    """Count one lookup by ``client_key`` at ``now``; return False over a limit.

    Limits (settings): ``MOTCUA_PUBLIC_LOOKUP_LIMIT`` lookups per
    ``MOTCUA_PUBLIC_LOOKUP_WINDOW`` seconds, and no more lookups once
    ``MOTCUA_PUBLIC_LOOKUP_FAILURE_LIMIT`` failed ones happened within
    ``MOTCUA_PUBLIC_LOOKUP_FAILURE_WINDOW`` seconds (``core.ratelimit``).
    """
    return ratelimit_allow(client_key=client_key, now=now)


def public_lookup_retry_after(*, client_key: str, now: datetime) -> int:
    """Return the seconds until ``client_key`` may look up again (Retry-After)."""
    return ratelimit_retry_after(client_key=client_key, now=now)


def public_lookup_refused_message() -> str:
    """The message of a refused lookup (HTTP 429), in the active language."""
    return ratelimit_refused_message()


def _check_failures_of_code(code: str, now: datetime) -> int:
    """Wrong second factors given for ``code`` in the last window, from any address.

    Counted from the lookup log (the database), so no cache, restart or worker
    count changes it.
    """
    window = int(settings.MOTCUA_PUBLIC_CHECK_FAILURE_WINDOW)
    return PublicLookup.objects.filter(
        code=code,
        found=True,
        with_check=True,
        check_ok=False,
        at__gt=now - timedelta(seconds=window),
        at__lte=now,
    ).count()


def _check_locked(code: str, now: datetime) -> bool:
    limit = int(settings.MOTCUA_PUBLIC_CHECK_FAILURE_LIMIT)
    return _check_failures_of_code(code, now) >= limit


def _check_lock_tell_owner(dossier: Dossier, now: datetime) -> None:
    """Tell the applicant, once per lock, that someone keeps guessing the check."""
    notify(dossier, kind=NotificationKind.CHECK_GUESSED, now=now)


def _failure_record(client_key: str, now: datetime) -> None:
    ratelimit_failure_record(client_key=client_key, now=now)


# The read ----------------------------------------------------------------------


def _check_clean(check: str | None) -> str | None:
    value = (check or "").strip()
    if not value:
        return None
    if not CHECK_PATTERN.fullmatch(value):
        raise InvalidInput(
            _(
                "The check must be the last 4 digits of the applicant's personal ID "
                "or phone number, for example 2345."
            ),
            field_errors={"check": _("Type exactly 4 digits.")},
        )
    return value


def _check_matches(dossier: Dossier, check: str) -> bool:
    candidates = (dossier.applicant_id_number, dossier.applicant_phone)
    digits = ("".join(ch for ch in value if ch.isdigit()) for value in candidates)
    return any(
        len(value) >= 4 and hmac.compare_digest(value[-4:], check) for value in digits
    )


def _local(value: datetime | None) -> datetime | None:
    """Vietnam time (``TIME_ZONE``), as printed on the slip."""
    return timezone.localtime(value) if value is not None else None


def _steps(view: Mapping[str, Any]) -> tuple[PublicStep, ...]:
    return tuple(
        PublicStep(
            action=action,
            label=public_label_of(action),
            at=timezone.localtime(datetime.fromisoformat(at)),
        )
        for action, at in view["steps"]
    )


def _time_left(
    dossier: Dossier, now: datetime, calendar: WorkCalendar
) -> tuple[TimeLeft | None, str]:
    promised = dossier.effective_deadline_at
    if promised is None or dossier.status not in CLOCK_RUNS_STATUSES:
        return None, ""
    minutes = calendar.working_minutes_between(now, promised)
    days, rest = divmod(abs(minutes), calendar.minutes_per_day)
    state = dossier_open_state(dossier, now, promised=True, calendar=calendar)
    return TimeLeft(minutes, days, rest // 60, minutes < 0), str(state or "")


def _place(dossier: Dossier) -> str:
    point = dossier.service_point
    if point is not None:
        return f"{point.name}, {point.address}"
    return dossier.receiving_agency.name


def _collect_todo(dossier: Dossier) -> PublicTodo:
    label = str(TodoKind.COLLECT.label)
    if dossier.return_method == ReturnMethod.POST:
        return PublicTodo(TodoKind.COLLECT, label, place=_("It will be sent by post."))
    if dossier.return_method == ReturnMethod.ONLINE:
        return PublicTodo(TodoKind.COLLECT, label, place=_("It is available online."))
    return PublicTodo(TodoKind.COLLECT, label, place=_place(dossier))


def _todo(dossier: Dossier, view: Mapping[str, Any]) -> PublicTodo:
    todo = view["todo"]
    kind = TodoKind(todo["kind"])
    if kind == TodoKind.SUPPLEMENT:
        items = tuple(str(item) for item in todo["items"])
        return PublicTodo(kind, str(kind.label), items=items, place=_place(dossier))
    if kind == TodoKind.PAY:
        fees = tuple(PublicFee(str(name), int(amount)) for name, amount in todo["fees"])
        return PublicTodo(kind, str(kind.label), fees=fees)
    if kind == TodoKind.COLLECT:
        return _collect_todo(dossier)
    return PublicTodo(kind, str(kind.label))


def _personal(dossier: Dossier) -> PublicPersonal:
    documents = DossierPaper.objects.filter(dossier=dossier).order_by("position")
    return PublicPersonal(
        applicant_name=dossier.applicant_name,
        papers=tuple(
            PublicPaper(
                name=document.name,
                originals=document.originals,
                copies=document.copies,
                provided=document.is_provided,
                by_reference=bool(document.reference),
            )
            for document in documents
        ),
    )


def _log(
    code: str, *, found: bool, check: str | None, ok: bool, key: str, now: datetime
) -> None:
    PublicLookup.objects.create(
        code=code[:CODE_MAX_LENGTH],
        found=found,
        with_check=check is not None,
        check_ok=ok,
        client_key=key,
        at=now,
    )


# The agency columns its working hours are made of (``Agency.working_hours``).
AGENCY_HOURS_FIELDS = (
    "work_start",
    "work_end",
    "lunch_start",
    "lunch_end",
    "reception_cutoff",
)

# What a lookup reads of the dossier's row: one query by the unique code, with no
# join (ADR 0012). Personal data is not among them.
_PUBLIC_COLUMNS = (
    "code",
    "status",
    "step",
    "registered_at",
    "received_at",
    "deadline_at",
    "new_deadline_at",
    "finished_at",
    "returned_at",
    "count_started_at",
    "paused_since",
    "return_method",
    "public_view",
    "procedure",
    "competent_agency",
    "receiving_agency",
    "service_point",
)

# The few rows a lookup names by key (the procedure, the agencies, the service
# point) are reference data every lookup shares: kept in the process for
# ``REFERENCE_SECONDS``, forgotten at once when saved in this process
# (``apps.DossiersConfig``); another process sees a renamed procedure within
# that time. The dossier's own row is always read afresh.
REFERENCE_SECONDS = 60.0
_references: dict[tuple[type[models.Model], int], tuple[float, models.Model]] = {}
_REFERENCE_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    Procedure: ("code", "name"),
    Agency: ("name", *AGENCY_HOURS_FIELDS),
    ServicePoint: ("code", "name", "address"),
}


def references_forget(**kwargs: object) -> None:
    """Forget the reference rows kept for lookups (a save, a test's start)."""
    _references.clear()


def _reference(model: type[M], pk: int) -> M:
    seen = _references.get((model, pk))
    if seen is not None and time.monotonic() - seen[0] < REFERENCE_SECONDS:
        return seen[1]  # type: ignore[return-value]
    row = model._default_manager.only(*_REFERENCE_FIELDS[model]).get(pk=pk)
    _references[(model, pk)] = (time.monotonic(), row)
    return row


# One query by the unique code, compiled once per process (``core.prepared``).
_BY_CODE = PreparedGet(Dossier, key="code", fields=_PUBLIC_COLUMNS)


def _load(code: str) -> Dossier | None:
    if not code or len(code) > CODE_MAX_LENGTH:
        return None
    dossier = _BY_CODE.get(code)
    if dossier is None:
        return None
    dossier.procedure = _reference(Procedure, dossier.procedure_id)
    dossier.competent_agency = _reference(Agency, dossier.competent_agency_id)
    dossier.receiving_agency = _reference(Agency, dossier.receiving_agency_id)
    if dossier.service_point_id is not None:
        dossier.service_point = _reference(ServicePoint, dossier.service_point_id)
    return dossier


def _view(dossier: Dossier) -> Mapping[str, Any]:
    """The dossier's public view; rebuilt (and kept) if missing or outdated."""
    if dossier.public_view.get("version") != VIEW_VERSION:
        public_view_refresh(dossier)  # a row written before the view existed
    view: Mapping[str, Any] = dossier.public_view
    return view


def _provisional_years(dossier: Dossier) -> tuple[int, ...]:
    if dossier.count_started_at is None or dossier.deadline_at is None:
        return ()
    return provisional_years_get(
        start_at=dossier.count_started_at, deadline_at=dossier.deadline_at, recent=True
    )


def _build(
    dossier: Dossier, *, now: datetime, check: str | None, ok: bool, owner_view: bool
) -> PublicDossier:
    view = _view(dossier)
    calendar = calendar_for(dossier.competent_agency, recent=True)
    time_left, state = _time_left(dossier, now, calendar)
    return PublicDossier(
        code=dossier.code,
        procedure_code=dossier.procedure.code,
        procedure_name=dossier.procedure.name,
        service_point_code=dossier.service_point.code if dossier.service_point else "",
        status=dossier.status,
        status_label=str(PLAIN_STATUS[dossier.status]),
        current_step=""
        if dossier.step == DossierStep.CLOSED
        else str(DossierStep(dossier.step).label),
        steps=_steps(view),
        registered_at=_local(dossier.registered_at),
        received_at=_local(dossier.received_at),
        deadline_at=_local(dossier.deadline_at),
        deadline_provisional_years=_provisional_years(dossier),
        new_deadline_at=_local(dossier.new_deadline_at),
        finished_at=_local(dossier.finished_at),
        returned_at=_local(dossier.returned_at),
        time_left=time_left,
        open_state=state,
        clock_paused=dossier.paused_since is not None,
        todo=_todo(dossier, view),
        apology_reason=str(view["apology_reason"]),
        with_check=check is not None,
        check_ok=ok,
        personal=_personal(dossier) if ok or owner_view else None,
        owner_view=owner_view,
        may_withdraw=owner_view and withdrawable_online(dossier),
    )


def withdrawable_online(dossier: Dossier) -> bool:
    """Whether the workflow lets the applicant withdraw ``dossier`` online now."""
    found = transitions_from(
        DossierAction.WITHDRAW, (DossierStatus(dossier.status), dossier.step)
    )
    return found is not None and any(
        grant.agency is ActorAgency.NONE for grant in found.grants
    )


def _owned_by(dossier: Dossier, owner: User | None, now: datetime) -> bool:
    """Whether citizen ``owner`` owns ``dossier``; if so, log the access."""
    if owner is None or not dossiers_filed_by(owner).filter(pk=dossier.pk).exists():
        return False
    PersonalDataAccess.objects.create(
        user=owner, dossier=dossier, at=now, purpose="owner: tracking page"
    )
    return True


def dossier_public_get(
    *,
    code: str,
    check: str | None,
    now: datetime,
    client_key: str,
    owner: User | None = None,
) -> PublicDossier:
    """Return what the public may see of dossier ``code`` at ``now``.

    With ``check`` equal to the last 4 digits of the applicant's personal ID or
    phone, the applicant's name and papers are included; a wrong check is not an
    error, it only leaves them out. When ``owner`` (the logged-in citizen) owns
    the dossier (``dossiers_filed_by``) they are included without a check, and
    the access is logged as a ``PersonalDataAccess``. Every lookup is logged; an
    unknown code or a wrong check counts as a failure of ``client_key`` for the
    rate limit.

    Raises:
        InvalidInput: ``check`` is given but is not 4 digits.
        NotFound: no dossier has the code.
    """
    cleaned = _check_clean(check)
    code = code.strip().upper()
    dossier = _load(code)
    # After MOTCUA_PUBLIC_CHECK_FAILURE_LIMIT wrong checks for one code (any
    # address) no check is tried for it until the window ends: even the right
    # one shows nothing; the owner's own account still does.
    locked = dossier is not None and cleaned is not None and _check_locked(code, now)
    ok = (
        dossier is not None
        and cleaned is not None
        and not locked
        and _check_matches(dossier, cleaned)
    )
    owner_view = dossier is not None and _owned_by(dossier, owner, now)
    if cleaned is not None or dossier is None or owner_view:
        # On record (SPEC §3, ADR 0004): a lookup that may show personal data (a
        # second factor, the owner's account; the per-code lock counts these
        # rows) and a code that does not exist (guessing). A found code alone
        # shows public facts only: the rate limit counts it in the cache and
        # nothing is written, so the answer never waits on a write (ADR 0012).
        _log(
            code,
            found=dossier is not None,
            check=cleaned,
            ok=ok,
            key=client_key,
            now=now,
        )
    if dossier is None or (cleaned is not None and not ok):
        _failure_record(client_key, now)
    tried_and_wrong = dossier is not None and cleaned is not None and not ok
    if tried_and_wrong and not locked and _check_locked(code, now):
        assert dossier is not None  # noqa: S101 - for the type checker
        _check_lock_tell_owner(dossier, now)  # this failure reached the limit
    if dossier is None:
        raise NotFound(
            _(
                "No dossier has the code %(code)s. Check the code printed on your "
                "receipt (for example 000.00.00.H01-260302-0001)."
            )
            % {"code": code or "—"}
        )
    found = _build(dossier, now=now, check=cleaned, ok=ok, owner_view=owner_view)
    return replace(found, check_locked=locked)
