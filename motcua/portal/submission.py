"""Citizen portal: file a dossier online (SPEC §4.1; Decree 45/2020/NĐ-CP).

start → form (values and papers) → review → fee through the payment gateway →
confirmation. Each view parses input, calls one submissions service and maps its
errors to the page; the dossier itself is made only by ``submission_file``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files import File
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods

from motcua.citizens.selectors import citizen_of
from motcua.core.errors import Conflict, DomainError, InvalidInput, NotFound
from motcua.core.numbers import request_int
from motcua.dossiers.choices import DossierChannel, ReturnMethod
from motcua.dossiers.intake import deadline_preview
from motcua.payments.gateways import gateway
from motcua.portal.accounts import citizen_required
from motcua.portal.citizen import account_of
from motcua.procedures.models import Procedure
from motcua.procedures.selectors import (
    case_headings,
    papers_to_hand_in,
    papers_to_show,
    procedure_get,
)
from motcua.submissions.models import Submission, SubmissionState
from motcua.submissions.rules import is_filed_online, online_fee, online_fee_unknown
from motcua.submissions.selectors import (
    agency_choices,
    checklist_of,
    submission_of,
    submission_problems,
)
from motcua.submissions.services import (
    DraftValues,
    submission_file,
    submission_pay,
    submission_payment_return,
    submission_save,
    submission_start,
)


def _not_found(request: HttpRequest, error: DomainError) -> HttpResponse:
    return render(
        request, "portal/submit_missing.html", {"error": error.message}, status=404
    )


def _procedure_or_none(code: str) -> Procedure | None:
    try:
        return procedure_get(code=code)
    except NotFound:
        return None


@require_http_methods(["GET", "POST"])
def submit_start(request: HttpRequest, code: str) -> HttpResponseBase:
    """What the citizen needs before starting; POST opens (or resumes) a draft."""
    procedure = _procedure_or_none(code)
    if procedure is None:
        return _not_found(request, NotFound(_("This procedure does not exist.")))
    if request.method == "POST":
        if citizen_of(request.user) is None:  # anonymous, or a staff account
            return citizen_required(submit_start)(request, code)
        try:
            draft = submission_start(
                account=account_of(request), procedure=procedure, now=timezone.now()
            )
        except InvalidInput as error:
            return _start_page(request, procedure, error=str(error.message), status=400)
        return redirect("portal:submit_form", token=draft.token)
    return _start_page(request, procedure)


def _start_page(
    request: HttpRequest, procedure: Procedure, *, error: str = "", status: int = 200
) -> HttpResponse:
    fee, fee_text = online_fee(procedure)
    context = {
        "procedure": procedure,
        "is_online": is_filed_online(procedure),
        "papers": papers_to_hand_in(procedure, "", online=True),
        "shown": papers_to_show(procedure, "", online=True),
        "fee": fee,
        "fee_text": fee_text,
        "fee_unknown": online_fee_unknown(procedure),
        "error": error,
        "is_citizen": citizen_of(request.user) is not None,
    }
    return render(request, "portal/submit_start.html", context, status=status)


def _birth_date(text: str) -> tuple[date | None, str]:
    text = text.strip()
    if not text:
        return None, ""
    try:
        return date.fromisoformat(text), ""
    except ValueError:
        return None, _("Enter the date as YYYY-MM-DD, for example 1990-05-31.")


def _draft_values(request: HttpRequest) -> tuple[DraftValues, dict[str, str]]:
    """Read the form leniently: nothing typed is lost because of one bad field."""
    data = request.POST
    birth, birth_error = _birth_date(data.get("applicant_birth_date", ""))
    agency = data.get("competent_agency", "")
    values = DraftValues(
        case_heading=data.get("case_heading", "")[:300],
        competent_agency_id=request_int(agency),
        applicant_name=data.get("applicant_name", "")[:200],
        applicant_id_number=data.get("applicant_id_number", "")[:20],
        applicant_birth_date=birth,
        applicant_phone=data.get("applicant_phone", "")[:20],
        applicant_email=data.get("applicant_email", "")[:200],
        applicant_address=data.get("applicant_address", "")[:300],
        summary=data.get("summary", "")[:500],
        return_method=data.get("return_method", ReturnMethod.ONLINE),
        return_address=data.get("return_address", "")[:300],
    )
    errors = {"applicant_birth_date": birth_error} if birth_error else {}
    return values, errors


def _indexed(prefix: str, items: Any) -> dict[int, Any]:
    found: dict[int, Any] = {}
    for key, value in items:
        number = request_int(key.removeprefix(prefix))
        if key.startswith(prefix) and number is not None and value:
            found[number] = value
    return found


_APPLICANT_FIELDS = [
    ("applicant_name", _lazy("Full name"), "text", "name"),
    ("applicant_id_number", _lazy("Personal ID number (12 digits)"), "text", "off"),
    ("applicant_birth_date", _lazy("Date of birth"), "date", "bday"),
    ("applicant_phone", _lazy("Phone"), "tel", "tel"),
    ("applicant_email", _lazy("E-mail (optional)"), "email", "email"),
    ("applicant_address", _lazy("Address"), "text", "street-address"),
]


def _form_context(
    submission: Submission,
    *,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    message: str = "",
) -> dict[str, Any]:
    applicant = submission.applicant
    values = typed or {
        "case_heading": submission.case_heading,
        "competent_agency": str(submission.competent_agency_id or ""),
        "applicant_name": applicant.get("name", ""),
        "applicant_id_number": applicant.get("id_number", ""),
        "applicant_birth_date": applicant.get("birth_date", ""),
        "applicant_phone": applicant.get("phone", ""),
        "applicant_email": applicant.get("email", ""),
        "applicant_address": applicant.get("address", ""),
        "summary": submission.summary,
        "return_method": submission.return_method,
        "return_address": submission.return_address,
    }
    errors = errors or {}
    fields = [
        (name, label, kind, auto, values.get(name, ""), errors.get(name, ""))
        for name, label, kind, auto in _APPLICANT_FIELDS
    ]
    lines = [
        {
            "line": line,
            "error": errors.get(f"paper-{line.item.pk}", ""),
            "reuse": values.get(f"reuse-{line.item.pk}", ""),
        }
        for line in checklist_of(submission)
    ]
    return {
        "submission": submission,
        "procedure": submission.procedure,
        "values": values,
        "errors": errors,
        "fields": fields,
        "message": message,
        "cases": case_headings(submission.procedure),
        "agencies": agency_choices(submission.procedure),
        "return_methods": ReturnMethod.choices,
        "lines": lines,
    }


def _draft(request: HttpRequest, token: str) -> Submission | HttpResponse:
    try:
        return submission_of(account=account_of(request), token=token)
    except NotFound as error:
        return _not_found(request, error)


def _open_draft(request: HttpRequest, token: str) -> Submission | HttpResponse:
    """The draft still being written, else the page that answers instead."""
    submission = _draft(request, token)
    if isinstance(submission, HttpResponse):
        return submission
    if submission.state == SubmissionState.SUBMITTED:
        return redirect("portal:submit_done", token=submission.token)
    return submission


@require_http_methods(["GET", "POST"])
@citizen_required
def submit_form(request: HttpRequest, token: str) -> HttpResponse:
    """The form of the chosen case and the papers to attach."""
    submission = _open_draft(request, token)
    if isinstance(submission, HttpResponse):
        return submission
    if request.method == "GET":
        return render(request, "portal/submit_form.html", _form_context(submission))
    values, errors = _draft_values(request)
    uploads: dict[int, File[Any]] = _indexed("paper-", request.FILES.items())
    reuse = {
        key: number
        for key, value in _indexed("reuse-", request.POST.items()).items()
        if (number := request_int(value)) is not None
    }
    try:
        submission_save(
            submission=submission,
            account=account_of(request),
            values=values,
            uploads=uploads,
            reuse=reuse,
            now=timezone.now(),
        )
    except InvalidInput as error:
        errors.update({k: str(v) for k, v in error.field_errors.items()})
        context = _form_context(
            submission,
            typed={k: str(v) for k, v in request.POST.items()},
            errors=errors,
            message=str(error.message),
        )
        return render(request, "portal/submit_form.html", context, status=422)
    except (Conflict, NotFound) as error:
        context = _form_context(submission, message=str(error.message))
        return render(request, "portal/submit_form.html", context, status=409)
    if errors or request.POST.get("action") != "review":
        context = _form_context(
            submission,
            typed={k: str(v) for k, v in request.POST.items()},
            errors=errors,
            message=_("Saved.") if not errors else _("Check the fields marked below."),
        )
        return render(
            request, "portal/submit_form.html", context, status=422 if errors else 200
        )
    return redirect("portal:submit_review", token=submission.token)


def _review_context(submission: Submission, message: str = "") -> dict[str, Any]:
    fee, fee_text = online_fee(submission.procedure)
    agency = submission.competent_agency
    return {
        "submission": submission,
        "procedure": submission.procedure,
        "applicant": submission.applicant,
        "agency": agency,
        "return_method": dict(ReturnMethod.choices).get(submission.return_method, ""),
        "lines": checklist_of(submission),
        "problems": submission_problems(submission),
        "fee": fee,
        "fee_text": fee_text,
        "message": message,
    }


@require_http_methods(["GET", "POST"])
@citizen_required
def submit_review(request: HttpRequest, token: str) -> HttpResponse:
    """Everything once more before filing; POST pays (when there is a fee) or files."""
    submission = _open_draft(request, token)
    if isinstance(submission, HttpResponse):
        return submission
    if request.method == "GET":
        return render(request, "portal/submit_review.html", _review_context(submission))
    try:
        return _pay_or_file(request, submission)
    except InvalidInput as error:
        context = _review_context(submission, message=str(error.message))
        return render(request, "portal/submit_review.html", context, status=422)


def _pay_or_file(request: HttpRequest, submission: Submission) -> HttpResponse:
    account, now = account_of(request), timezone.now()
    if online_fee(submission.procedure)[0]:
        back = request.build_absolute_uri(
            reverse("portal:submit_paid", kwargs={"token": submission.token})
        )
        try:
            payment = submission_pay(
                submission=submission, account=account, return_url=back, now=now
            )
        except Conflict:
            pass  # filed meanwhile (a double click) or already paid: filing decides
        else:
            return redirect(gateway().redirect_url(payment))
    submission_file(submission=submission, account=account, now=now)
    return redirect("portal:submit_done", token=submission.token)


@require_GET
@citizen_required
def submit_paid(request: HttpRequest, token: str) -> HttpResponse:
    """Where the payment gateway sends the payer back."""
    submission = _draft(request, token)
    if isinstance(submission, HttpResponse):
        return submission
    params = {key: str(value) for key, value in request.GET.items()}
    try:
        payment, dossier = submission_payment_return(
            submission=submission,
            account=account_of(request),
            params=params,
            now=timezone.now(),
        )
    except NotFound as error:
        return _not_found(request, error)
    except InvalidInput as error:
        context = _review_context(submission, message=str(error.message))
        return render(request, "portal/submit_review.html", context, status=400)
    if dossier is None:
        message = _(
            "The payment did not go through (%(status)s). Nothing was filed and "
            "nothing was charged; you may pay again."
        ) % {"status": payment.get_status_display()}
        context = _review_context(submission, message=message)
        return render(request, "portal/submit_review.html", context)
    return redirect("portal:submit_done", token=submission.token)


@require_GET
@citizen_required
def submit_done(request: HttpRequest, token: str) -> HttpResponse:
    """The confirmation: the code, the expected deadline, what happens next."""
    submission = _draft(request, token)
    if isinstance(submission, HttpResponse):
        return submission
    dossier = submission.dossier
    if submission.state != SubmissionState.SUBMITTED or dossier is None:
        return redirect("portal:submit_review", token=submission.token)
    try:
        expected = deadline_preview(
            procedure=dossier.procedure,
            agency=dossier.competent_agency,
            channel=DossierChannel.ONLINE,
            now=submission.submitted_at or timezone.now(),
            case_heading=dossier.case_heading,
        )
    except DomainError:
        expected = None
    context = {
        "submission": submission,
        "dossier": dossier,
        "expected": expected.deadline_at if expected else None,
        "expected_provisional": expected.provisional_years if expected else (),
        "fees": dossier.fees.all(),
    }
    return render(request, "portal/submit_done.html", context)
