"""Papers of a dossier against the procedure's checklist, fees and payments."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierPaper(models.Model):
    """One paper of the checklist: provided, missing, or taken by reference.

    Decree 45/2020 Art. 4: a paper the authorities already hold is referenced
    (``reference``) instead of being asked for again.
    """

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="papers",
    )
    required_paper = models.ForeignKey(
        "procedures.RequiredPaper",
        verbose_name=_("checklist item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.TextField(_("name"))
    originals = models.PositiveSmallIntegerField(_("originals"), default=0)
    copies = models.PositiveSmallIntegerField(_("copies"), default=0)
    # Copied from the catalogue at receipt: a conditional paper is never missing.
    condition = models.TextField(_("needed only"), blank=True)
    is_provided = models.BooleanField(_("provided"), default=False)
    reference = models.CharField(
        _("reference to data the authorities hold"), max_length=300, blank=True
    )
    file = models.FileField(_("file"), upload_to="dossiers/%Y/%m/", blank=True)
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dossier paper")
        verbose_name_plural = _("dossier papers")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "position"], name="dossier_document_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DossierFee(models.Model):
    """A fee or charge asked of the applicant, and its payment."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="fees",
    )
    name = models.CharField(_("name"), max_length=300)
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))
    requested_at = models.DateTimeField(_("requested at"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    payment_method = models.CharField(_("payment method"), max_length=50, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("fee")
        verbose_name_plural = _("fees")

    def __str__(self) -> str:
        return f"{self.name}: {self.amount_vnd}"
