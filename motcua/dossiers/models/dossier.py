"""The dossier (hồ sơ) and its applicant (SPEC §3)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.choices import (
    ApplicantKind,
    DossierChannel,
    DossierStatus,
    DossierStep,
    ReturnMethod,
)

# Citizen Identification Law 2023 Art. 12: the personal ID number has 12 digits. No
# checksum exists (SPEC §7), so only the shape is checked.
personal_id_validator = RegexValidator(
    r"^\d{12}$", _("A personal ID number has exactly 12 digits.")
)


# Not closed: ``workflow.CLOSED_STATUSES`` (the rule; a test holds the two equal),
# written out here because the models sit below the workflow.
OPEN_ROWS = ~models.Q(
    status__in=[
        DossierStatus.NOT_RECEIVED,
        DossierStatus.WITHDRAWN,
        DossierStatus.STOPPED,
        DossierStatus.RETURNED,
    ]
)


class Dossier(models.Model):
    """One request of one applicant for one procedure, from reception to return."""

    # <receiving agency e-ID>-<YYMMDD>-<sequence of at least 4 digits>
    # (Circular 01/2018/TT-VPCP, kept by Circular 03/2025/TT-VPCP Art. 13).
    code = models.CharField(_("dossier code"), max_length=60, unique=True)
    # The key of the request that made it (counter form, API Idempotency-Key): a
    # retried request finds this dossier instead of making a second one.
    request_key = models.CharField(
        _("request key"), max_length=64, null=True, blank=True, unique=True
    )
    procedure = models.ForeignKey(
        "procedures.Procedure",
        verbose_name=_("procedure"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    case_heading = models.CharField(_("case"), max_length=300, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)  # trích yếu
    channel = models.PositiveSmallIntegerField(
        _("channel"), choices=DossierChannel.choices
    )
    # Where it was received and who decides it are two fields (Decree 118/2025 Art. 14).
    receiving_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("receiving agency"),
        on_delete=models.PROTECT,
        related_name="dossiers_received",
    )
    service_point = models.ForeignKey(
        "agencies.ServicePoint",
        verbose_name=_("service point"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
    )
    competent_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("competent agency"),
        on_delete=models.PROTECT,
        related_name="dossiers_decided",
    )
    status = models.PositiveSmallIntegerField(
        _("status"), choices=DossierStatus.choices, default=DossierStatus.REGISTERED
    )
    step = models.CharField(
        _("step"),
        max_length=30,
        choices=DossierStep.choices,
        default=DossierStep.ONLINE_CHECK,
    )
    # Position in the internal process (ProcessStep.position) of the current step.
    process_position = models.PositiveSmallIntegerField(_("process step"), default=0)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers_assigned",
    )
    step_started_at = models.DateTimeField(_("step started at"), null=True, blank=True)
    step_due_at = models.DateTimeField(_("step due at"), null=True, blank=True)

    # Applicant (chủ hồ sơ) and the filer acting for them (người nộp thay).
    applicant_kind = models.CharField(
        _("applicant kind"),
        max_length=20,
        choices=ApplicantKind.choices,
        default=ApplicantKind.PERSON,
    )
    applicant_name = models.CharField(_("applicant"), max_length=200)
    applicant_id_number = models.CharField(
        _("personal ID or enterprise code"), max_length=20
    )
    applicant_birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    applicant_address = models.CharField(_("address"), max_length=300, blank=True)
    applicant_unit = models.ForeignKey(
        "agencies.AdministrativeUnit",
        verbose_name=_("commune of the address"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    applicant_phone = models.CharField(_("phone"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    # The citizen account that filed the dossier on the portal ("my dossiers").
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers_filed",
    )
    filer_name = models.CharField(_("filer"), max_length=200, blank=True)
    filer_id_number = models.CharField(
        _("filer's personal ID"), max_length=20, blank=True
    )
    filer_phone = models.CharField(_("filer's phone"), max_length=20, blank=True)
    authorisation_paper = models.CharField(
        _("authorisation paper"), max_length=300, blank=True
    )
    applicant_folded = models.CharField(max_length=200, editable=False, default="")

    # Time (SPEC §5). The deadline is computed when the complete dossier is received.
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    count_started_at = models.DateTimeField(_("count starts"), null=True, blank=True)
    legal_time_amount = models.DecimalField(
        _("legal time"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    legal_time_unit = models.CharField(  # noqa: DJ001 - null means "not timed"
        _("legal time unit"), max_length=20, null=True, blank=True
    )
    # The catalogue gave a bare number ("3"): counted as working days, and the
    # receipt says so (ADR 0009).
    legal_time_unit_assumed = models.BooleanField(
        _("unit not published (read as working days)"), default=False
    )
    deadline_at = models.DateTimeField(_("deadline"), null=True, blank=True)
    # Set once by an apology (form 04); the dossier still counts as late.
    new_deadline_at = models.DateTimeField(_("new date"), null=True, blank=True)
    paused_since = models.DateTimeField(_("paused since"), null=True, blank=True)
    paused_minutes = models.PositiveIntegerField(_("working minutes paused"), default=0)
    supplement_count = models.PositiveSmallIntegerField(
        _("supplement requests"), default=0
    )
    finished_at = models.DateTimeField(_("processing finished"), null=True, blank=True)
    returned_at = models.DateTimeField(_("result returned"), null=True, blank=True)

    # Result papers and how the applicant wants them back.
    return_method = models.CharField(
        _("return method"),
        max_length=10,
        choices=ReturnMethod.choices,
        default=ReturnMethod.COUNTER,
    )
    return_address = models.CharField(_("return address"), max_length=300, blank=True)
    result_number = models.CharField(_("result number"), max_length=60, blank=True)
    result_issued_at = models.DateTimeField(_("result issued"), null=True, blank=True)
    register_number = models.PositiveIntegerField(
        _("register entry"), null=True, blank=True
    )

    # Incremented by every transition: a stale form cannot act twice.
    version = models.PositiveIntegerField(default=1)
    # What public tracking shows beyond the columns above, written with every
    # event (``dossiers.tracking``, ADR 0012); empty until the first one.
    public_view = models.JSONField(_("public view"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes = [
            models.Index(fields=["competent_agency", "status"]),
            models.Index(fields=["receiving_agency", "received_at"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["applicant_id_number"]),
            models.Index(fields=["deadline_at"]),
            models.Index(fields=["applicant_folded"]),
            # The worklists and their counts read open dossiers only (ADR 0013):
            # these index an agency's open rows, a few thousand out of millions.
            models.Index(
                fields=["receiving_agency"],
                condition=OPEN_ROWS,
                name="dossier_open_receiving_idx",
            ),
            models.Index(
                fields=["competent_agency"],
                condition=OPEN_ROWS,
                name="dossier_open_competent_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__gte=1) & models.Q(status__lte=10),
                name="dossier_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="dossier_version_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def effective_deadline_at(self) -> datetime | None:
        """The date the citizen was last promised (the apology's new date if any)."""
        return self.new_deadline_at or self.deadline_at
