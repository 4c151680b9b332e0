"""Ratings of returned dossiers and feedback (PAKN) about dossiers or places."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.ratings.choices import (
    FeedbackKind,
    FeedbackStatus,
    RatingChannel,
    RatingScore,
)


class Rating(models.Model):
    """The citizen's one rating of a dossier after the result was returned."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    score = models.CharField(_("score"), max_length=20, choices=RatingScore.choices)
    # A list of RatingReason values, checked by ``rating_record``.
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    channel = models.CharField(
        _("channel"), max_length=20, choices=RatingChannel.choices
    )
    at = models.DateTimeField(_("rated at"))

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["dossier"], name="rating_one_per_dossier"),
            models.CheckConstraint(
                condition=models.Q(score__in=RatingScore.values),
                name="rating_score_known",
            ),
            models.CheckConstraint(
                condition=models.Q(channel__in=RatingChannel.values),
                name="rating_channel_known",
            ),
        ]
        indexes = [models.Index(fields=["at"], name="rating_at")]

    def __str__(self) -> str:
        return f"{self.dossier_id} – {self.score}"


class Feedback(models.Model):
    """A complaint, suggestion or question, routed to one agency and answered there.

    ``due_at`` is ``received_at`` + 15 working days on the agency's calendar
    (Decision 766/QĐ-TTg, indicator 5.2); on-time is judged from the dates.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=FeedbackKind.choices)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback",
    )
    service_point = models.ForeignKey(
        "agencies.ServicePoint",
        verbose_name=_("service point"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("routed to"),
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    content = models.TextField(_("content"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.NEW,
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"))
    due_at = models.DateTimeField(_("due at"))

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=FeedbackKind.values),
                name="feedback_kind_known",
            ),
            models.CheckConstraint(
                condition=models.Q(status=FeedbackStatus.NEW)
                | models.Q(answered_at__isnull=False),
                name="feedback_answered_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status"], name="feedback_agency_status"),
            models.Index(fields=["received_at"], name="feedback_received_at"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} – {self.agency_id}"
