"""The outbox: every message to a citizen is written here first (transactional outbox).

A dossier service writes the message in the same transaction as the change it
announces; background delivery sends it later and retries on failure, so nothing is
lost if the worker or Redis is down.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """What a message tells the citizen (template ``notifications/<kind>.txt``).

    Form numbers are those of Circular 03/2025, Annex I (SPEC §4).
    """

    # Decree 45/2020 Art. 11: an online dossier is acknowledged at once.
    REGISTERED_ONLINE = "registered_online", _("online dossier acknowledged")
    RECEIVED = "received", _("dossier received")  # form 01: receipt and appointment
    SUPPLEMENT_REQUESTED = "supplement_requested", _("supplement requested")  # form 02
    RESULT_READY = "result_ready", _("result ready")  # result issued, ready to return
    APOLOGY = "apology", _("apology and new date")  # form 04: late, one new date
    STOPPED = "stopped", _("processing stopped")  # form 05: stop notice
    REFUSED = "refused", _("refused")  # form 03: refusal with reasons
    WITHDRAWN = "withdrawn", _("withdrawn")  # applicant withdrew the dossier
    SERVICE_NOTICE = (
        "service_notice",
        _("service incident notice"),
    )  # sự cố, gián đoạn dịch vụ: what to do, or the date moved
    # The official holiday calendar changed the appointment (lịch nghỉ chính thức).
    DEADLINE_CHANGED = (
        "deadline_changed",
        _("appointment moved by the holiday calendar"),
    )
    # Someone gave many wrong second factors for the dossier on public tracking.
    CHECK_GUESSED = "check_guessed", _("wrong tracking checks")
    # Citizen accounts (ACCOUNT_KINDS): a one-time code to confirm a sign-up.
    SIGN_UP_CODE = "sign_up_code", _("sign-up code")
    # Someone tried to sign up with the ID number of this account.
    SIGN_UP_TAKEN = "sign_up_taken", _("sign-up tried with an ID that has an account")
    # A one-time code to set a new password.
    PASSWORD_RESET_CODE = "password_reset_code", _("password reset code")
    # Online booking at a hall (đặt lịch hẹn): made, the day before, cancelled.
    APPOINTMENT_BOOKED = "appointment_booked", _("appointment booked")
    APPOINTMENT_REMINDER = "appointment_reminder", _("appointment reminder")
    APPOINTMENT_CANCELLED = "appointment_cancelled", _("appointment cancelled")


# Kinds about a citizen's account: no dossier code in them.
ACCOUNT_KINDS = frozenset(
    {
        NotificationKind.SIGN_UP_CODE,
        NotificationKind.SIGN_UP_TAKEN,
        NotificationKind.PASSWORD_RESET_CODE,
    }
)
# Kinds about a booking at a hall: no dossier code either; they take
# ``booking_code``, ``hall``, ``slot`` (an aware datetime) and ``line``.
APPOINTMENT_KINDS = frozenset(
    {
        NotificationKind.APPOINTMENT_BOOKED,
        NotificationKind.APPOINTMENT_REMINDER,
        NotificationKind.APPOINTMENT_CANCELLED,
    }
)


class MessageChannel(models.TextChoices):
    SMS = "sms", _("SMS")  # text message to the phone number
    EMAIL = "email", _("e-mail")  # e-mail to the address


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")  # chờ gửi
    SENT = "sent", _("sent")  # đã gửi
    FAILED = "failed", _("failed, will retry")  # lỗi, sẽ gửi lại
    GAVE_UP = "gave_up", _("failed for good")  # đã hết số lần gửi lại


class OutboxMessage(models.Model):
    """One message to one recipient through one channel."""

    kind = models.CharField(_("kind"), max_length=40, choices=NotificationKind.choices)
    channel = models.CharField(
        _("channel"), max_length=10, choices=MessageChannel.choices
    )
    recipient = models.CharField(_("recipient"), max_length=200)
    recipient_name = models.CharField(_("recipient name"), max_length=200, blank=True)
    dossier_code = models.CharField(_("dossier code"), max_length=60, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MessageStatus.choices,
        default=MessageStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    created_at = models.DateTimeField(_("created at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.channel} → {self.recipient}: {self.kind}"
