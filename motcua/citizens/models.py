"""Citizen accounts and their electronic data store ("my papers").

A citizen is a ``User`` with a ``Citizen`` profile; staff are users with roles in
agencies and no profile. Decree 45/2020/NĐ-CP Art. 16: each account holder has an
electronic data store (Kho quản lý dữ liệu điện tử) whose papers and results are
reused in later dossiers, so that the applicant is not asked again for what the
authorities already hold (Art. 4).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Citizen Identification Law 2023 Art. 12: the personal ID number has 12 digits.
ID_NUMBER_REGEX = r"^[0-9]{12}$"


class Citizen(models.Model):
    """The profile of a citizen account.

    The ID number is only claimed at sign-up; ``is_id_verified`` turns True once
    the citizen logs in through VNeID, the national e-ID, which proves it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="citizen",
    )
    id_number = models.CharField(_("personal ID number"), max_length=12, unique=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    is_id_verified = models.BooleanField(_("ID verified through VNeID"), default=False)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")
        constraints = [
            models.CheckConstraint(
                condition=Q(id_number__regex=ID_NUMBER_REGEX),
                name="citizen_id_number_12_digits",
            ),
            models.CheckConstraint(
                condition=Q(is_id_verified=False) | Q(verified_at__isnull=False),
                name="citizen_verified_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.id_number})"


class StoredPaper(models.Model):
    """One paper in a citizen's data store: kept from a dossier or added by them.

    ``file`` may be shared with a dossier's paper (the same stored file), so
    deleting a stored paper never deletes its file.
    """

    class Kind(models.TextChoices):
        # Kept from an earlier online dossier, or added by the citizen.
        UPLOAD = "upload", _("paper")
        # A result issued to the citizen (Decree 45/2020 Art. 16 §2).
        RESULT = "result", _("result")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="stored_papers",
    )
    name = models.CharField(_("name"), max_length=300)
    name_folded = models.CharField(max_length=300, editable=False, default="")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(
        _("file"), upload_to="papers/%Y/%m/", max_length=255, blank=True
    )
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    dossier_code = models.CharField(_("dossier code"), max_length=60, blank=True)
    number = models.CharField(_("number"), max_length=60, blank=True)
    issued_by = models.CharField(_("issued by"), max_length=300, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("stored paper")
        verbose_name_plural = _("stored papers")
        indexes = [models.Index(fields=["owner", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["upload", "result"]),
                name="stored_paper_kind_known",
            ),
            # The same file is kept once per owner.
            models.UniqueConstraint(
                fields=["owner", "sha256"],
                condition=Q(kind="upload") & ~Q(sha256="") & ~Q(file=""),
                name="stored_paper_upload_once",
            ),
            # A dossier's result lands in the store once.
            models.UniqueConstraint(
                fields=["owner", "dossier_code"],
                condition=Q(kind="result") & ~Q(dossier_code=""),
                name="stored_paper_result_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name[:80]


class CitizenAccountAccess(models.Model):
    """A system administrator opened a citizen's account in the administration.

    Staff administration never reaches citizen accounts; a superuser may, and
    each opening is logged here (Decree 13/2023/NĐ-CP on personal data). Never
    edited.
    """

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    citizen = models.ForeignKey(
        Citizen,
        verbose_name=_("citizen"),
        on_delete=models.CASCADE,
        related_name="account_accesses",
    )
    at = models.DateTimeField(_("at"))
    purpose = models.CharField(_("purpose"), max_length=100)

    class Meta:
        verbose_name = _("citizen account access")
        verbose_name_plural = _("citizen account accesses")
        indexes = [models.Index(fields=["citizen", "at"])]

    def __str__(self) -> str:
        return f"{self.staff_id} {self.citizen_id} {self.at:%Y-%m-%d %H:%M}"


class PasswordResetCode(models.Model):
    """A one-time code sent to a citizen to set a new password.

    Only a keyed hash of the code is kept. The code works once, until
    ``expires_at`` (excluded) and for a few wrong tries; only the newest code of
    an account counts, so asking again makes the one before useless.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    digest = models.CharField(_("code hash"), max_length=64)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    attempts = models.PositiveSmallIntegerField(_("wrong tries"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("password reset code")
        verbose_name_plural = _("password reset codes")
        indexes = [models.Index(fields=["user", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="password_reset_code_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"


class SignUpRequest(models.Model):
    """A sign-up waiting for the one-time code sent to the phone it gave.

    The account is made only when the code comes back, so the sign-up page
    answers alike whether or not the ID number has an account. For one that has,
    no code is sent (``digest`` is empty: the request can never be confirmed)
    and the account's owner is told instead. ``token`` is random and kept in the
    visitor's session; the password is kept hashed, the code as a keyed hash.
    """

    token = models.CharField(_("token"), max_length=64, unique=True)
    id_number = models.CharField(_("personal ID number"), max_length=12)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20)
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    password = models.CharField(_("password"), max_length=128, blank=True)
    digest = models.CharField(_("code hash"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    attempts = models.PositiveSmallIntegerField(_("wrong tries"), default=0)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-up request")
        verbose_name_plural = _("sign-up requests")
        indexes = [
            models.Index(fields=["id_number", "created_at"]),
            models.Index(fields=["phone", "created_at"]),
            models.Index(fields=["created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="sign_up_request_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.id_number} {self.created_at:%Y-%m-%d %H:%M}"
