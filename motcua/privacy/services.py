"""Erasing a citizen's account on request, and deleting what is kept too long.

Decree 13/2023/NĐ-CP Art. 9 §5 and Art. 16: the data subject may ask for their
personal data to be deleted, except where a law requires it to be kept. What a
citizen's request erases at once: the account's name, contacts and login, the
citizen profile (ID number, birth date, address), the papers of the data store
and their files, and the drafts not filed. What it keeps: the dossiers already
filed, which the archive rules keep as the record of who obtained which result
(Law on Archives 2024); their contacts go when their retention period ends
(:func:`retention_purge`).

A request is refused while a dossier of the account is still open (the citizen
needs the account to send papers, pay and receive the result) or a fee paid for
a draft is not settled.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.citizens.models import StoredPaper
from motcua.citizens.selectors import citizen_of
from motcua.citizens.services import citizen_account_accesses_purge
from motcua.core.counters import local_date
from motcua.core.errors import Conflict, InvalidInput, PermissionDenied
from motcua.dossiers.models import DossierPaper
from motcua.dossiers.owners import dossiers_filed_by
from motcua.dossiers.services.retention import (
    dossier_contacts_erase,
    personal_data_accesses_purge,
    public_lookups_purge,
)
from motcua.dossiers.workflow import CLOSED_STATUSES
from motcua.notifications.services import outbox_purge
from motcua.privacy.models import ErasureRequest
from motcua.queueing.services import appointments_anonymise
from motcua.submissions.models import SubmissionPaper
from motcua.submissions.services import drafts_discard, submissions_purge

# The record types with a retention period (MOTCUA_RETENTION_DAYS), in the order
# they are purged.
RECORD_TYPES = (
    "drafts",
    "public_lookups",
    "outbox_messages",
    "personal_data_accesses",
    "citizen_account_accesses",
    "dossier_contacts",
    "appointments",
)


def _file_still_used(name: str) -> bool:
    return (
        StoredPaper.objects.filter(file=name).exists()
        or DossierPaper.objects.filter(file=name).exists()
        or SubmissionPaper.objects.filter(file=name).exists()
    )


def _delete_unused_files(names: list[str]) -> None:
    for name in names:
        if not _file_still_used(name):
            default_storage.delete(name)


@transaction.atomic
def account_erase(*, account: User, id_number: str, now: datetime) -> ErasureRequest:
    """Erase citizen ``account`` at its own request; ``id_number`` confirms it.

    Returns the record of the request (what was erased, which dossiers are kept).

    Raises:
        PermissionDenied: ``account`` is not a citizen account.
        InvalidInput: ``id_number`` is not the account's ID number.
        Conflict: a dossier of the account is still open, or a fee paid for a
            draft is not settled.
    """
    citizen = citizen_of(account)
    if citizen is None:
        raise PermissionDenied(_("Only a citizen account can be erased this way."))
    if id_number.strip() != citizen.id_number:
        raise InvalidInput(
            _("Type your personal ID number to confirm."),
            field_errors={"id_number": _("This is not your personal ID number.")},
        )
    # Locks the account's row: two requests at once erase it once.
    User.objects.select_for_update().get(pk=account.pk)
    dossiers = dossiers_filed_by(account)
    still_open = list(
        dossiers.exclude(status__in=CLOSED_STATUSES).values_list("code", flat=True)
    )
    if still_open:
        raise Conflict(
            _(
                "These dossiers are still being handled: %(codes)s. Ask again once "
                "their results are returned, or withdraw them first."
            )
            % {"codes": ", ".join(still_open)}
        )
    kept = list(dossiers.values_list("code", flat=True))
    drafts, paid = drafts_discard(account=account)
    if paid:
        raise Conflict(
            _(
                "You paid a fee for a draft not filed. Ask the one-stop shop to "
                "refund it, then ask again."
            )
        )
    papers = StoredPaper.objects.filter(owner=account)
    files = [name for name in papers.values_list("file", flat=True) if name]
    paper_count = papers.count()
    papers.delete()
    citizen.delete()
    account.api_tokens.all().delete()
    # The login guard's records name the account by its login, the ID number.
    for log in (AccessAttempt, AccessFailureLog, AccessLog):
        log.objects.filter(username=account.username).delete()
    account.username = f"erased-{account.pk}"
    account.first_name = account.last_name = account.full_name = ""
    account.email = account.phone = ""
    account.is_active = False
    # A new password hash ends every session of the account on its next request.
    account.set_unusable_password()
    account.save()
    transaction.on_commit(lambda: _delete_unused_files(files))
    return ErasureRequest.objects.create(
        account=account,
        requested_at=now,
        erased={"stored_papers": paper_count, "drafts": drafts, "profile": 1},
        kept_dossiers=kept,
    )


def retention_days() -> dict[str, int | None]:
    """The retention period in days per record type; None keeps them for good."""
    configured: dict[str, int | None] = settings.MOTCUA_RETENTION_DAYS
    return {name: configured.get(name) for name in RECORD_TYPES}


def _purge_one(
    name: str,
    cutoff: datetime,
    now: datetime,
    progress: Callable[[int, int], None] | None,
) -> int:
    if name == "drafts":
        return submissions_purge(now=now, older_than=now - cutoff)  # a timedelta
    if name == "public_lookups":
        return public_lookups_purge(before=cutoff)
    if name == "outbox_messages":
        return outbox_purge(before=cutoff)
    if name == "personal_data_accesses":
        return personal_data_accesses_purge(before=cutoff)
    if name == "citizen_account_accesses":
        return citizen_account_accesses_purge(before=cutoff)
    if name == "appointments":
        return appointments_anonymise(before=local_date(cutoff))
    return dossier_contacts_erase(closed_before=cutoff, now=now, progress=progress)


def retention_purge(
    *,
    now: datetime,
    only: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, int | None]:
    """Delete every record kept past its retention period; return how many went
    per record type (None: the type is kept for good).

    ``only`` limits the purge to one record type. ``progress(type, done, total)``
    reports the long steps.
    """
    periods = retention_days()
    done: dict[str, int | None] = {}
    for name in RECORD_TYPES:
        if only is not None and name != only:
            continue
        days = periods[name]
        if days is None:
            done[name] = None
            continue

        def step(count: int, total: int, name: str = name) -> None:
            if progress is not None:
                progress(name, count, total)

        done[name] = _purge_one(name, now - timedelta(days=days), now, step)
    return done
