"""Online submissions (nộp hồ sơ trực tuyến): the citizen's draft until it is filed.

A draft holds the form values and the papers; the dossier is made only when the
draft is filed (after the fee is paid, if any), so an abandoned or failed payment
never leaves a half-made dossier.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")


class Submission(models.Model):
    """One citizen's online filing of one procedure."""

    token = models.UUIDField(
        _("token"), default=uuid.uuid4, unique=True, editable=False
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    procedure = models.ForeignKey(
        "procedures.Procedure",
        verbose_name=_("procedure"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    case_heading = models.CharField(_("case"), max_length=300, blank=True)
    competent_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("competent agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # name, id_number, birth_date (ISO), phone, email, address: kept as typed.
    applicant = models.JSONField(_("applicant"), default=dict, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    return_method = models.CharField(_("return method"), max_length=20, blank=True)
    return_address = models.CharField(_("return address"), max_length=300, blank=True)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=SubmissionState.choices,
        default=SubmissionState.DRAFT,
    )
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submission",
    )
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("online submission")
        verbose_name_plural = _("online submissions")
        indexes = [models.Index(fields=["account", "state", "-updated_at"])]

    def __str__(self) -> str:
        return f"{self.procedure_id}: {self.token}"


class PaperSource(models.TextChoices):
    UPLOAD = "upload", _("uploaded")
    STORED = "stored", _("from my papers")
    AUTHORITIES = "authorities", _("held by the authorities")


class SubmissionPaper(models.Model):
    """One checklist paper of a draft: a file, a paper reused, or a reference."""

    submission = models.ForeignKey(
        Submission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="papers",
    )
    required_paper = models.ForeignKey(
        "procedures.RequiredPaper",
        verbose_name=_("checklist item"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    source = models.CharField(_("source"), max_length=20, choices=PaperSource.choices)
    file = models.FileField(_("file"), upload_to="submissions/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=50, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    reference = models.CharField(_("reference"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("submission paper")
        verbose_name_plural = _("submission papers")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "required_paper"],
                name="submission_paper_unique",
            )
        ]

    def __str__(self) -> str:
        return self.original_name or self.reference
