"""Writes of online submission: start a draft, save it, pay, file it.

SPEC §4.1; Decree 45/2020/NĐ-CP Art. 11 (the portal acknowledges an online
dossier at once) and Art. 4 (papers the authorities hold are referenced). The
dossier is made only when the draft is filed, after the fee is paid if there is
one, so a failed or abandoned payment leaves the draft and no dossier. Filing is
idempotent: a double click or a retried request returns the same dossier.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.citizens.models import StoredPaper
from motcua.citizens.selectors import citizen_of, paper_of
from motcua.citizens.services import stored_paper_add
from motcua.core.errors import Conflict, DomainError, InvalidInput
from motcua.dossiers.choices import ReturnMethod
from motcua.dossiers.inputs import PaidFee, PaperTick
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_register_online
from motcua.files.uploads import CheckedUpload, safe_display_name, upload_check
from motcua.payments.models import Payment, PaymentStatus
from motcua.payments.selectors import payment_counted_for
from motcua.payments.services import payment_create, payment_settle
from motcua.procedures.models import Procedure
from motcua.submissions.models import (
    PaperSource,
    Submission,
    SubmissionPaper,
    SubmissionState,
)
from motcua.submissions.rules import (
    DATA_STORE_REFERENCE,
    is_filed_online,
    online_fee,
    population_reference,
)
from motcua.submissions.selectors import (
    agency_choices,
    applicant_input,
    checklist_of,
    submission_problems,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DraftValues:
    """What the citizen types on the form of a draft."""

    case_heading: str = ""
    competent_agency_id: int | None = None
    applicant_name: str = ""
    applicant_id_number: str = ""
    applicant_birth_date: date | None = None
    applicant_phone: str = ""
    applicant_email: str = ""
    applicant_address: str = ""
    summary: str = ""
    return_method: str = ReturnMethod.ONLINE
    return_address: str = ""


SUBMISSION_KIND = "submission"


def _purpose(submission: Submission) -> str:
    return f"{SUBMISSION_KIND}:{submission.token}"


def _editable(submission: Submission) -> None:
    if submission.state != SubmissionState.DRAFT:
        raise Conflict(_("This dossier has already been filed."))


@transaction.atomic
def submission_start(
    *, account: User, procedure: Procedure, now: datetime
) -> Submission:
    """Open a draft of ``procedure`` for ``account``, or resume the one still open.

    The applicant is filled from the account (the citizen edits it if filing for
    someone else), and the agency is chosen when only one decides the procedure.

    Raises:
        InvalidInput: the procedure cannot be filed online.
    """
    if not is_filed_online(procedure):
        raise InvalidInput(_("This procedure cannot be filed online."))
    draft = (
        Submission.objects.filter(
            account=account, procedure=procedure, state=SubmissionState.DRAFT
        )
        .order_by("-updated_at", "-id")
        .first()
    )
    if draft is not None:
        return draft
    citizen = citizen_of(account)
    agencies = list(agency_choices(procedure).values_list("pk", flat=True)[:2])
    return Submission.objects.create(
        account=account,
        procedure=procedure,
        competent_agency_id=agencies[0] if len(agencies) == 1 else None,
        applicant={
            "name": account.full_name,
            "id_number": citizen.id_number if citizen else "",
            "birth_date": (
                citizen.birth_date.isoformat() if citizen and citizen.birth_date else ""
            ),
            "phone": account.phone,
            "email": account.email,
            "address": citizen.address if citizen else "",
        },
        return_method=ReturnMethod.ONLINE,
        created_at=now,
        updated_at=now,
    )


def _apply_values(submission: Submission, values: DraftValues) -> None:
    submission.case_heading = values.case_heading.strip()
    submission.competent_agency_id = values.competent_agency_id
    submission.applicant = {
        "name": values.applicant_name.strip(),
        "id_number": values.applicant_id_number.strip(),
        "birth_date": (
            values.applicant_birth_date.isoformat()
            if values.applicant_birth_date
            else ""
        ),
        "phone": values.applicant_phone.strip(),
        "email": values.applicant_email.strip(),
        "address": values.applicant_address.strip(),
    }
    submission.summary = values.summary.strip()[:500]
    submission.return_method = values.return_method
    submission.return_address = values.return_address.strip()[:300]


def _paper_row(submission: Submission, item_id: int) -> tuple[SubmissionPaper, str]:
    """The draft's row for checklist item ``item_id``, and the name of the file
    uploaded for it before (to delete once replaced; a reused file is not ours)."""
    paper, _created = SubmissionPaper.objects.get_or_create(
        submission=submission,
        required_paper_id=item_id,
        defaults={"source": PaperSource.UPLOAD},
    )
    return paper, (paper.file.name if paper.source == PaperSource.UPLOAD else "")


def _replaced(old: str, paper: SubmissionPaper) -> None:
    if old and old != paper.file.name:
        transaction.on_commit(lambda: default_storage.delete(old))


def _store_upload(
    submission: Submission, item_id: int, upload: File[Any], checked: CheckedUpload
) -> None:
    paper, old = _paper_row(submission, item_id)
    # A random name: the citizen's file name may carry personal data.
    paper.file.save(f"{uuid.uuid4().hex}.{checked.extension}", upload, save=False)
    paper.source = PaperSource.UPLOAD
    paper.original_name = safe_display_name(upload.name or "")[:255]
    paper.content_type, paper.size = checked.content_type, checked.size
    paper.sha256, paper.reference = checked.sha256, ""
    paper.save()
    _replaced(old, paper)


def _reuse(submission: Submission, item_id: int, stored: StoredPaper) -> None:
    paper, old = _paper_row(submission, item_id)
    paper.source = PaperSource.STORED
    paper.file.name = stored.file.name or ""
    paper.original_name = stored.name[:255]
    paper.content_type, paper.size = stored.content_type, stored.size
    paper.sha256 = stored.sha256
    paper.reference = stored_reference(stored)
    paper.save()
    _replaced(old, paper)


def stored_reference(stored: StoredPaper) -> str:
    """How the dossier names a paper of the data store: enough for the officer
    to find it (a result issued without a file is reused this way)."""
    issued = (
        timezone.localtime(stored.issued_at).strftime("%d/%m/%Y")
        if stored.issued_at
        else ""
    )
    parts = [stored.name, stored.number, stored.issued_by, issued, stored.dossier_code]
    details = " · ".join(part for part in parts if part)
    return f"{DATA_STORE_REFERENCE}{stored.pk} {details}"[:300]


def submission_save(
    *,
    submission: Submission,
    account: User,
    values: DraftValues,
    uploads: Mapping[int, File[Any]],
    reuse: Mapping[int, int],
    now: datetime,
) -> Submission:
    """Save the typed values and the papers of a draft.

    ``uploads`` maps checklist item ids to files; ``reuse`` maps them to papers of
    the citizen's data store. The values and every acceptable file are kept even
    when another file is refused, so the citizen never types anything twice.

    Raises:
        Conflict: the draft was already filed.
        InvalidInput: some files were refused (``field_errors`` per paper,
            ``paper-<item id>``); everything else was saved.
    """
    refused: dict[str, str] = {}
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        _editable(locked)
        _apply_values(locked, values)
        items = {line.item.pk for line in checklist_of(locked)}
        for item_id, upload in uploads.items():
            if item_id not in items:
                continue
            try:
                checked = upload_check(upload)
            except InvalidInput as error:
                refused[f"paper-{item_id}"] = str(error.message)
                continue
            _store_upload(locked, item_id, upload, checked)
        for item_id, stored_id in reuse.items():
            if item_id in items and item_id not in uploads:
                _reuse(locked, item_id, paper_of(account, stored_id))
        locked.updated_at = now
        locked.save()
    submission.refresh_from_db()
    if refused:
        raise InvalidInput(
            _("Some files were not accepted; the rest of the form is saved."),
            field_errors=refused,
        )
    return submission


def _ready_check(submission: Submission) -> None:
    problems = submission_problems(submission)
    if problems:
        raise InvalidInput(
            _("The dossier is not ready to file yet."), field_errors=problems
        )


def _paid(submission: Submission) -> Payment | None:
    return payment_counted_for(_purpose(submission))


def _ticks(submission: Submission) -> list[PaperTick]:
    id_number = str(submission.applicant.get("id_number", ""))
    ticks: list[PaperTick] = []
    for line in checklist_of(submission):
        if line.paper is not None:
            ticks.append(
                PaperTick(
                    required_paper_id=line.item.pk,
                    is_provided=True,
                    reference=line.paper.reference,
                    file=line.paper.file.name or "",
                )
            )
        elif line.held_by_authorities:
            ticks.append(
                PaperTick(
                    required_paper_id=line.item.pk,
                    is_provided=False,
                    reference=population_reference(id_number),
                )
            )
    return ticks


def _keep_in_data_store(
    submission: Submission, dossier: Dossier, now: datetime
) -> None:
    """Decree 45/2020 Art. 16: papers filed stay in the citizen's data store."""
    for line in checklist_of(submission):
        paper = line.paper
        if paper is None or paper.source != PaperSource.UPLOAD or not paper.file:
            continue
        stored_paper_add(
            owner=submission.account,
            name=line.item.name,
            kind=StoredPaper.Kind.UPLOAD,
            now=now,
            file_name=paper.file.name,
            content_type=paper.content_type,
            size=paper.size,
            sha256=paper.sha256,
            dossier_code=dossier.code,
        )


@transaction.atomic
def submission_file(*, submission: Submission, account: User, now: datetime) -> Dossier:
    """File the draft: the dossier is registered online at the competent agency.

    Idempotent: a draft already filed returns its dossier.

    Raises:
        InvalidInput: something is missing, or the fee is not paid yet.
    """
    locked = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("procedure", "competent_agency", "account")
        .get(pk=submission.pk, account=account)
    )
    if locked.state == SubmissionState.SUBMITTED and locked.dossier is not None:
        return locked.dossier
    _ready_check(locked)
    fee, fee_text = online_fee(locked.procedure)
    payment = _paid(locked) if fee else None
    if fee and payment is None:
        raise InvalidInput(_("Pay the fee before filing the dossier."))
    assert locked.competent_agency is not None  # noqa: S101 - checked as ready
    dossier = dossier_register_online(
        now=now,
        procedure=locked.procedure,
        competent_agency=locked.competent_agency,
        applicant=applicant_input(locked),
        papers=_ticks(locked),
        case_heading=locked.case_heading,
        summary=locked.summary,
        return_method=locked.return_method,
        return_address=locked.return_address,
        account=account,
        paid_fees=(
            [
                PaidFee(
                    name=(fee_text or locked.procedure.name)[:300],
                    amount_vnd=payment.amount_vnd,
                    paid_at=payment.settled_at or now,
                    payment_method=payment.gateway,
                    receipt_number=payment.gateway_transaction or payment.reference,
                )
            ]
            if payment is not None
            else []
        ),
    )
    locked.state, locked.dossier, locked.submitted_at = (
        SubmissionState.SUBMITTED,
        dossier,
        now,
    )
    locked.updated_at = now
    locked.save()
    _keep_in_data_store(locked, dossier, now)
    submission.refresh_from_db()
    return dossier


def submission_pay(
    *, submission: Submission, account: User, return_url: str, now: datetime
) -> Payment:
    """Start paying the fee of a ready draft; the payer goes to the gateway next.

    Raises:
        Conflict: already filed, or nothing to pay.
        InvalidInput: the draft is not ready to file.
    """
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(
            pk=submission.pk, account=account
        )
        _editable(locked)
        _ready_check(locked)
        fee, fee_text = online_fee(locked.procedure)
        if not fee:
            raise Conflict(_("This procedure has no fee to pay online."))
        if _paid(locked) is not None:
            raise Conflict(_("The fee is already paid."))
        return payment_create(
            purpose=_purpose(locked),
            description=(fee_text or locked.procedure.name)[:300],
            amount_vnd=fee,
            return_url=return_url,
            now=now,
        )


def submission_payment_return(
    *,
    submission: Submission,
    account: User,
    params: Mapping[str, str],
    now: datetime,
) -> tuple[Payment, Dossier | None]:
    """Settle what the gateway says and, when paid, file the draft.

    Settling a paid answer files the draft already (``submission_payment_paid``,
    as for the gateway's notification); filing again here returns that dossier,
    or files a draft that could not be filed then.

    Returns the payment and the dossier (None when the payment did not go
    through: the draft stays as it was and may be paid again).

    Raises:
        InvalidInput: a forged or foreign payment return.
        NotFound: unknown payment.
    """
    payment = payment_settle(reference=params.get("ref", ""), params=params, now=now)
    if payment.purpose != _purpose(submission):
        raise InvalidInput(_("This payment belongs to another dossier."))
    if payment.status != PaymentStatus.PAID:
        return payment, None
    return payment, submission_file(submission=submission, account=account, now=now)


def submission_payment_paid(*, payment: Payment, now: datetime) -> bool:
    """File the draft ``payment`` paid for, just confirmed by the gateway (the
    handler of ``submission`` payments).

    Returns whether the payment counted: it does as the draft's fee even when the
    draft cannot be filed yet (the citizen files it later), not when the draft is
    gone (the payment is then flagged for refund).
    """
    try:
        token = uuid.UUID(payment.purpose.removeprefix(f"{SUBMISSION_KIND}:"))
    except ValueError:
        return False
    submission = Submission.objects.filter(token=token).first()
    if submission is None:
        return False
    try:
        submission_file(submission=submission, account=submission.account, now=now)
    except DomainError as error:
        logger.warning(
            "payment %s paid draft %s, which cannot be filed yet: %s",
            payment.reference,
            submission.token,
            error.message,
        )
    return True


@transaction.atomic
def _drafts_delete(drafts: QuerySet[Submission]) -> tuple[int, int]:
    """Delete ``drafts`` with their uploads, except those with a fee paid.

    Returns (deleted, kept because paid).
    """
    deleted = kept = 0
    for draft in drafts:
        if _paid(draft) is not None:
            kept += 1  # money taken: staff must see it; never delete silently
            continue
        files = [
            paper.file.name
            for paper in draft.papers.filter(source=PaperSource.UPLOAD)
            if paper.file
        ]
        draft.delete()
        transaction.on_commit(lambda names=files: _delete_files(names))  # type: ignore[misc]
        deleted += 1
    return deleted, kept


def submissions_purge(*, now: datetime, older_than: timedelta) -> int:
    """Delete drafts untouched for ``older_than`` with their uploads (not paid ones).

    Returns how many drafts were deleted.
    """
    stale = Submission.objects.filter(
        state=SubmissionState.DRAFT, updated_at__lt=now - older_than
    )
    purged, _kept = _drafts_delete(stale)
    if purged:
        logger.info("purged %s stale online drafts", purged)
    return purged


def drafts_discard(*, account: User) -> tuple[int, int]:
    """Delete every draft of ``account`` not filed, with its uploads, except those
    with a fee paid (staff must settle the money first).

    Returns (deleted, kept because paid).
    """
    return _drafts_delete(
        Submission.objects.filter(account=account, state=SubmissionState.DRAFT)
    )


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
