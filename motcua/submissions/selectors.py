"""Reads of online submissions: the draft, its checklist, what still blocks filing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.citizens.models import StoredPaper
from motcua.citizens.selectors import names_match, papers_reusable
from motcua.core.errors import NotFound
from motcua.dossiers.choices import DossierChannel, ReturnMethod
from motcua.dossiers.inputs import ApplicantInput
from motcua.dossiers.intake import checklist_items
from motcua.procedures.models import Procedure, RequiredPaper
from motcua.procedures.selectors import case_headings
from motcua.submissions.models import Submission, SubmissionPaper, SubmissionState
from motcua.submissions.rules import held_by_authorities, online_fee


def submission_of(*, account: User, token: str) -> Submission:
    """The account's own submission ``token``; NotFound for anyone else's."""
    found = (
        Submission.objects.filter(account=account, token=token)
        .select_related("procedure", "competent_agency", "dossier")
        .first()
        if _is_uuid(token)
        else None
    )
    if found is None:
        raise NotFound(_("This online submission does not exist."))
    return found


def _is_uuid(token: str) -> bool:
    try:
        uuid.UUID(str(token))
    except ValueError:
        return False
    return True


def drafts_of(account: User) -> QuerySet[Submission]:
    """The account's drafts not yet filed, newest first."""
    return (
        Submission.objects.filter(account=account, state=SubmissionState.DRAFT)
        .select_related("procedure")
        .order_by("-updated_at", "-id")
    )


def agency_choices(procedure: Procedure) -> QuerySet[Agency]:
    """The active agencies that decide ``procedure`` (where a citizen may file it)."""
    return Agency.objects.filter(
        procedure_links__procedure=procedure, is_active=True
    ).order_by("name", "code", "id")


@dataclass(slots=True)
class PaperLine:
    """One paper of the checklist as the draft has it."""

    item: RequiredPaper
    paper: SubmissionPaper | None
    held_by_authorities: bool
    reusable: list[StoredPaper] = field(default_factory=list)

    @property
    def is_ready(self) -> bool:
        """Attached, held by the authorities, or only needed in some situations
        (the citizen attaches it when it applies)."""
        return (
            self.paper is not None
            or self.held_by_authorities
            or bool(self.item.condition)
        )


def checklist_of(submission: Submission) -> list[PaperLine]:
    """The papers of the draft's case, each with its file, reference or reuse offers."""
    items = checklist_items(
        submission.procedure, submission.case_heading, channel=DossierChannel.ONLINE
    )
    papers = {
        paper.required_paper_id: paper
        for paper in submission.papers.filter(required_paper__in=items)
    }
    stored = papers_reusable(submission.account)  # one read for every line
    return [
        PaperLine(
            item=item,
            paper=papers.get(item.pk),
            held_by_authorities=held_by_authorities(item.name),
            reusable=[p for p in stored if names_match(p.name, item.name)],
        )
        for item in items
    ]


def applicant_input(submission: Submission) -> ApplicantInput:
    """The applicant of the draft as the dossier services take it."""
    values = submission.applicant
    birth = values.get("birth_date") or ""
    try:
        birth_date = date.fromisoformat(birth) if birth else None
    except ValueError:
        birth_date = None
    return ApplicantInput(
        name=str(values.get("name", "")),
        id_number=str(values.get("id_number", "")),
        birth_date=birth_date,
        phone=str(values.get("phone", "")),
        email=str(values.get("email", "")),
        address=str(values.get("address", "")),
    )


def submission_problems(submission: Submission) -> dict[str, str | Promise]:
    """What still stops the draft from being filed, per field (empty: ready)."""
    problems: dict[str, str | Promise] = dict(applicant_input(submission).errors())
    if not str(submission.applicant.get("phone", "")).strip():
        problems["applicant_phone"] = _(
            "A phone number is needed so that we can tell you about your dossier."
        )
    headings = case_headings(submission.procedure)
    if headings and submission.case_heading not in headings:
        problems["case_heading"] = _("Choose the case that fits you.")
    if submission.competent_agency_id is None or not (
        agency_choices(submission.procedure)
        .filter(pk=submission.competent_agency_id)
        .exists()
    ):
        problems["competent_agency"] = _("Choose the agency to file with.")
    if submission.return_method not in ReturnMethod.values:
        problems["return_method"] = _("Choose how to receive the result.")
    elif (
        submission.return_method == ReturnMethod.POST
        and not submission.return_address.strip()
    ):
        problems["return_address"] = _("Give the address to post the result to.")
    for line in checklist_of(submission):
        if not line.is_ready:
            problems[f"paper-{line.item.pk}"] = _("Attach this paper.")
    return problems


def submission_fee(submission: Submission) -> int:
    """The fee to pay online before the draft is filed (VND; 0 when free)."""
    return online_fee(submission.procedure)[0]
