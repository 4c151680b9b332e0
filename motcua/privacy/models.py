"""The record of a citizen's request to erase their account (Decree 13/2023/NĐ-CP
Art. 9 §5 and Art. 16: the data subject may ask for deletion; the controller
erases what no law requires it to keep).

The record itself holds no personal data: which account (by id, the account is
kept as an inactive shell without name or contacts), when, and what was erased
and kept. Never edited after it is written.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ErasureRequest(models.Model):
    """Account ``account`` asked at ``requested_at`` to be erased; done at once."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"))
    # {"stored_papers": 3, "drafts": 1, "files": 4, "dossiers_unlinked": 2, ...}
    erased = models.JSONField(_("erased"), default=dict)
    # Dossier codes kept under the archive rules (their applicant data stays).
    kept_dossiers = models.JSONField(_("dossiers kept"), default=list)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        indexes = [models.Index(fields=["requested_at"])]

    def __str__(self) -> str:
        return f"{self.account_id} {self.requested_at:%Y-%m-%d %H:%M}"
