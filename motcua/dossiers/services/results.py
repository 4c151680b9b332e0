"""Results: the clerk numbers and issues, reception returns (SPEC §4.8, form 07).

A returned result is also kept in the filing citizen account's data store.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.calendars.timeliness import Judgement, judge_finished
from motcua.citizens.models import StoredPaper
from motcua.citizens.services import NAME_MAX, stored_paper_add
from motcua.core.counters import local_date
from motcua.core.errors import Conflict, InvalidInput
from motcua.dossiers.choices import ReturnMethod
from motcua.dossiers.models import CounterKind, Dossier
from motcua.dossiers.numbering import (
    register_entry_allocate,
    yearly_number_allocate,
)
from motcua.dossiers.payloads import ResultIssued, ResultReturned
from motcua.dossiers.services.transitions import (
    Acting,
    transition_begin,
    transition_finish,
)
from motcua.dossiers.timeliness import late_for_supplements
from motcua.dossiers.timing import calendar_for
from motcua.dossiers.workflow import DossierAction
from motcua.notifications.models import NotificationKind


def _result_issue(acting: Acting, *, now: datetime, note: str) -> None:
    """Number the result, judge the dossier, and finish the transition to the
    result being ready (the clerk's issue and the counter's no-wait decision)."""
    dossier = acting.dossier
    judgement = _result_number_and_judge(dossier, now)
    transition_finish(
        acting,
        now=now,
        to=acting.permit.transition.targets[0],
        receiver_agency=dossier.receiving_agency,
        note=note,
        payload=ResultIssued(
            result_number=dossier.result_number, dossier_judgement=judgement
        ),
        message=NotificationKind.RESULT_READY,
    )


def _result_number_and_judge(dossier: Dossier, now: datetime) -> str:
    """Number the result from the competent agency's yearly counter
    (``<number>/<year>``, row-locked, no gaps), mark processing finished, and
    return the dossier's judgement against its legal deadline."""
    year = local_date(now).year
    number = yearly_number_allocate(
        agency=dossier.competent_agency, year=year, kind=CounterKind.RESULT
    )
    dossier.result_number = f"{number}/{year}"
    dossier.result_issued_at = dossier.finished_at = now
    if late_for_supplements(dossier.supplement_count):
        return str(Judgement.LATE)  # Decision 766 method, whatever the dates
    if dossier.deadline_at is None:
        return ""
    calendar = calendar_for(dossier.competent_agency)
    return str(
        judge_finished(calendar, finished_at=now, deadline_at=dossier.deadline_at)
    )


@transaction.atomic
def dossier_issue_result(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    note: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """Number and issue the result (clerk): status 9, processing finished.

    The number comes from the competent agency's yearly counter
    (``<number>/<year>``, row-locked, no gaps). The event records the dossier's
    judgement against its legal deadline (an apology does not change it).

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin``.
    """
    acting = transition_begin(
        action=DossierAction.ISSUE_RESULT,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    _result_issue(acting, now=now, note=note)
    return acting.dossier


@transaction.atomic
def dossier_decide_at_counter(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    note: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """Decide a no-wait procedure's dossier at the counter and issue its result
    (status 9) in the same visit; the officer then returns it
    (``dossier_return_result``). The result is numbered as the clerk's are.

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin``.
        Conflict: the procedure is not a no-wait one.
    """
    acting = transition_begin(
        action=DossierAction.DECIDE_AT_COUNTER,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    dossier = acting.dossier
    if not dossier.procedure.is_no_wait:
        raise Conflict(
            _(
                "Only a no-wait procedure is decided at the counter; this dossier"
                " goes through its agency's process."
            )
        )
    _result_issue(acting, now=now, note=note)
    return dossier


@transaction.atomic
def dossier_return_result(
    *,
    dossier_code: str,
    actor: User,
    now: datetime,
    method: str | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """Hand the result to the applicant (status 10) and log it in the register.

    ``method`` (counter, post, online) defaults to the one the applicant chose.
    The register entry comes from the receiving agency's yearly counter.

    Raises:
        NotFound, Conflict, PermissionDenied: see ``transition_begin``.
        InvalidInput: an unknown method.
    """
    if method is not None and method not in ReturnMethod.values:
        raise InvalidInput(
            _("Choose how the result is returned: counter, post or online."),
            field_errors={"method": _("unknown value")},
        )
    acting = transition_begin(
        action=DossierAction.RETURN_RESULT,
        dossier_code=dossier_code,
        actor=actor,
        expected_version=expected_version,
    )
    dossier = acting.dossier
    dossier.return_method = method or dossier.return_method
    register_entry_allocate(dossier, now=now)  # entered at reception already
    dossier.returned_at = now
    transition_finish(
        acting,
        now=now,
        to=acting.permit.transition.targets[0],
        note=note,
        payload=ResultReturned(
            method=dossier.return_method, register_number=dossier.register_number
        ),
    )
    _keep_result_in_data_store(dossier, now)
    return dossier


def dossier_declined(dossier: Dossier) -> bool:
    """Whether the result is a notice of ineligibility (``decline``)."""
    return dossier.events.filter(action=DossierAction.DECLINE).exists()


def _keep_result_in_data_store(dossier: Dossier, now: datetime) -> None:
    """Decree 45/2020/NĐ-CP Art. 16: the result goes to the data store of the
    citizen account that filed the dossier, to be reused later (Art. 4)."""
    account = dossier.account
    if account is None or dossier_declined(dossier):
        return  # a notice of ineligibility is no paper to reuse
    first = dossier.procedure.results.order_by("position").first()
    name = first.name if first is not None else dossier.procedure.name
    stored_paper_add(
        owner=account,
        kind=StoredPaper.Kind.RESULT,
        name=name[:NAME_MAX],
        number=dossier.result_number,
        issued_by=dossier.competent_agency.name,
        issued_at=dossier.result_issued_at,
        dossier_code=dossier.code,
        now=now,
    )
