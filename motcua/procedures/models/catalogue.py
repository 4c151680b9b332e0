"""Procedures (thủ tục hành chính) as published in the national catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.models import TimeStampedModel
from motcua.procedures.choices import (
    Channel,
    ChannelScope,
    OnlineLevel,
    ProcedureKind,
    ProcedureLevel,
    TimeUnit,
)

if TYPE_CHECKING:
    from motcua.agencies.models import Agency


class ProcedureField(models.Model):
    """A field (lĩnh vực) grouping procedures, e.g. "Hộ tịch"."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    name_folded = models.CharField(max_length=300, editable=False, default="")

    class Meta:
        verbose_name = _("procedure field")
        verbose_name_plural = _("procedure fields")

    def __str__(self) -> str:
        return self.name


class Procedure(TimeStampedModel):
    """One procedure of the catalogue; ``raw_record`` keeps what the portal said."""

    # National code (1.004222) or a local variant (2.001218.000.00.00.H38).
    code = models.CharField(_("code"), max_length=60, unique=True)
    name = models.TextField(_("name"))
    field = models.ForeignKey(
        ProcedureField,
        verbose_name=_("field"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procedures",
    )
    # Levels as columns so that filters work the same on SQLite and PostgreSQL.
    level_central = models.BooleanField(_("central level"), default=False)
    level_province = models.BooleanField(_("province level"), default=False)
    level_commune = models.BooleanField(_("commune level"), default=False)
    level_other = models.BooleanField(_("other body"), default=False)
    kind = models.CharField(
        _("procedure type"),
        max_length=30,
        choices=ProcedureKind.choices,
        default=ProcedureKind.UNSPECIFIED,
    )
    subjects = models.TextField(_("applicants"), blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=300, blank=True)
    competent_agency_text = models.TextField(_("competent agency"), blank=True)
    implementing_agency_text = models.TextField(_("implementing agency"), blank=True)
    listed_agencies = models.JSONField(
        _("implementing agencies listed"), default=list, blank=True
    )
    agencies: models.ManyToManyField[Agency, ProcedureAgency] = models.ManyToManyField(
        "agencies.Agency",
        through="ProcedureAgency",
        verbose_name=_("agencies"),
        related_name="procedures",
        blank=True,
    )
    reception_address = models.TextField(_("reception address"), blank=True)
    authorised_agency_text = models.TextField(_("authorised agency"), blank=True)
    coordinating_agency_text = models.TextField(_("coordinating agency"), blank=True)
    related_procedures_text = models.TextField(_("related procedures"), blank=True)
    decision_number = models.CharField(
        _("announcing decision"), max_length=100, blank=True
    )
    legal_basis_text = models.TextField(_("legal basis"), blank=True)
    legal_instruments = models.JSONField(
        _("legal instruments"), default=list, blank=True
    )
    conditions = models.TextField(_("conditions"), blank=True)
    steps_text = models.TextField(_("steps"), blank=True)
    # The time the default internal process is built from (records.legal_time).
    legal_time_amount = models.DecimalField(
        _("legal time"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    # NULL: the portal gave a bare number without a unit (a parse issue says so).
    legal_time_unit = models.CharField(  # noqa: DJ001
        _("legal time unit"),
        max_length=20,
        choices=TimeUnit.choices,
        null=True,
        blank=True,
    )
    online_level = models.CharField(
        _("online level"),
        max_length=10,
        choices=OnlineLevel.choices,
        default=OnlineLevel.NONE,
    )
    is_no_wait = models.BooleanField(_("no-wait procedure"), default=False)
    is_same_day = models.BooleanField(_("same-day procedure"), default=False)
    # Decree 297/2025/NĐ-CP Art. 6(4) and sectoral decrees: a dossier not
    # supplemented within this many working days of the request is closed;
    # empty: never closed for it (SPEC §4.4).
    supplement_close_working_days = models.PositiveSmallIntegerField(
        _("close when not supplemented within (working days)"),
        null=True,
        blank=True,
    )
    # SPEC §5: some sectoral decrees restart the whole count once the supplement
    # is received, instead of pausing it.
    supplement_restarts_count = models.BooleanField(
        _("a supplement restarts the count"), default=False
    )
    source_url = models.URLField(_("source page"), max_length=500, blank=True)
    source_group = models.CharField(_("source group"), max_length=100, blank=True)
    raw_record = models.JSONField(_("record as published"), default=dict, blank=True)
    # What staff corrected by hand (column names, and "documents", "channels",
    # "results" for the lists): a re-import keeps these and reports the difference.
    staff_edited = models.JSONField(
        _("corrected by staff"), default=list, blank=True, editable=False
    )
    parse_issues = models.JSONField(_("parse issues"), default=list, blank=True)
    source_hash = models.CharField(max_length=64, editable=False, default="")
    # fold(name) and fold(name) + code; kept by the import and procedure_save.
    name_folded = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(legal_time_amount__isnull=True)
                | models.Q(legal_time_amount__gt=0),
                name="procedure_legal_time_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def levels(self) -> list[ProcedureLevel]:
        flags = (
            (self.level_central, ProcedureLevel.CENTRAL),
            (self.level_province, ProcedureLevel.PROVINCE),
            (self.level_commune, ProcedureLevel.COMMUNE),
            (self.level_other, ProcedureLevel.OTHER),
        )
        return [level for on, level in flags if on]


class ProcedureAgency(models.Model):
    """An agency that carries out the procedure (so lists filter by agency)."""

    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("procedure"),
        on_delete=models.CASCADE,
        related_name="agency_links",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="procedure_links",
    )

    class Meta:
        verbose_name = _("implementing agency")
        verbose_name_plural = _("implementing agencies")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "agency"], name="procedure_agency_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} – {self.agency}"


class ProcedureChannel(models.Model):
    """A way to file the dossier, with its own time and fees."""

    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("procedure"),
        on_delete=models.CASCADE,
        related_name="channels",
    )
    position = models.PositiveSmallIntegerField(_("order"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    time_amount = models.DecimalField(
        _("time"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    # NULL: no unit published, not "empty" (the raw time text stays beside it).
    time_unit = models.CharField(  # noqa: DJ001
        _("time unit"), max_length=20, choices=TimeUnit.choices, null=True, blank=True
    )
    time_text = models.CharField(_("time as published"), max_length=100, blank=True)
    fee_text = models.TextField(_("fees as published"), blank=True)
    fee_amount_vnd = models.PositiveBigIntegerField(
        _("fee (VND)"), null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    case_heading = models.TextField(
        _("case"),
        blank=True,
        help_text=_("The case (trường hợp) this time is for; empty: every case."),
    )
    fee_set_locally = models.BooleanField(
        _("fee set by the provincial council"),
        default=False,
        help_text=_("Unknown until the amount is entered; never shown as free."),
    )

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "position"], name="procedure_channel_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.time_text}"

    @property
    def fee_unknown(self) -> bool:
        """Set by the provincial council and not entered yet: neither free nor known."""
        return self.fee_set_locally and self.fee_amount_vnd is None


class RequiredPaper(models.Model):
    """A paper of the dossier, per case (trường hợp); notes have no copies."""

    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("procedure"),
        on_delete=models.CASCADE,
        related_name="papers",
    )
    position = models.PositiveSmallIntegerField(_("order"))
    case_heading = models.TextField(_("case"), blank=True)
    name = models.TextField(_("name"))
    originals = models.PositiveSmallIntegerField(_("originals"), default=0)
    copies = models.PositiveSmallIntegerField(_("copies"), default=0)
    form_template = models.CharField(_("form template"), max_length=300, blank=True)
    # The portal lists remarks as papers with 0 originals and 0 copies.
    is_note = models.BooleanField(_("note, not a paper"), default=False)
    # "Giấy tờ phải xuất trình": checked and handed back, never on the checklist.
    is_shown = models.BooleanField(_("shown, not handed in"), default=False)
    condition = models.TextField(
        _("needed only"),
        blank=True,
        help_text=_("The situation in which the paper is needed; empty: always."),
    )
    channel_scope = models.CharField(
        _("asked on"),
        max_length=10,
        choices=ChannelScope.choices,
        default=ChannelScope.ANY,
        blank=True,
    )

    class Meta:
        verbose_name = _("required paper")
        verbose_name_plural = _("required papers")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "position"], name="required_document_position"
            ),
            models.CheckConstraint(
                condition=~models.Q(is_note=True, is_shown=True),
                name="required_document_note_or_shown",
            ),
        ]

    def __str__(self) -> str:
        return self.name[:80]


class ProcedureResult(models.Model):
    """A result paper (e.g. KQ.G01.000064)."""

    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("procedure"),
        on_delete=models.CASCADE,
        related_name="results",
    )
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.TextField(_("name"))
    code = models.CharField(_("code"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "position"], name="procedure_result_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()
