"""Closed dossiers keep the applicant's contacts only for a retention period.

The name, the ID number, the papers and the history stay with the dossier for as
long as the archive rules keep the dossier (Law on Archives 2024; the agency's
list of records and their retention periods): they say who obtained which
result. The contacts (phone, e-mail, address, date of birth, the filer's phone)
serve the handling only; once a closed dossier is older than the period set in
``MOTCUA_RETENTION_DAYS["dossier_contacts"]`` they are erased, each dossier
under its row lock with one ``erase_contacts`` event (Decree 13/2023/NĐ-CP
Art. 16).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from motcua.dossiers.events import event_record
from motcua.dossiers.models import Dossier, PersonalDataAccess, PublicLookup
from motcua.dossiers.payloads import ContactsErased
from motcua.dossiers.services.transitions import SYSTEM_ROLE
from motcua.dossiers.workflow import CLOSED_STATUSES, DossierAction

CONTACT_FIELDS = (
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "applicant_birth_date",
    "filer_phone",
)


def dossiers_with_contacts_closed_before(cutoff: datetime) -> QuerySet[Dossier]:
    """Closed dossiers, closed before ``cutoff``, that still hold contacts."""
    held = (
        ~Q(applicant_phone="")
        | ~Q(applicant_email="")
        | ~Q(applicant_address="")
        | Q(applicant_birth_date__isnull=False)
        | ~Q(filer_phone="")
    )
    return (
        Dossier.objects.filter(status__in=CLOSED_STATUSES)
        .annotate(closed_at=Coalesce("returned_at", "finished_at", "updated_at"))
        .filter(held, closed_at__lt=cutoff)
        .order_by("pk")
    )


def _erase_one(pk: int, *, cutoff: datetime, now: datetime) -> bool:
    with transaction.atomic():
        dossier = (
            dossiers_with_contacts_closed_before(cutoff)
            .select_for_update(of=("self",))
            .filter(pk=pk)
            .first()
        )
        if dossier is None:
            return False  # reopened or erased since it was listed
        erased = [
            name for name in CONTACT_FIELDS if getattr(dossier, name) not in ("", None)
        ]
        for name in CONTACT_FIELDS:
            setattr(dossier, name, None if name == "applicant_birth_date" else "")
        dossier.version += 1
        dossier.save(update_fields=[*CONTACT_FIELDS, "version", "updated_at"])
        event_record(
            dossier=dossier,
            action=DossierAction.ERASE_CONTACTS,
            at=now,
            from_status=dossier.status,
            from_step=dossier.step,
            actor_role=SYSTEM_ROLE,
            payload=ContactsErased(fields=tuple(erased)),
        )
        return True


def dossier_contacts_erase(
    *,
    closed_before: datetime,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Erase the contacts of every dossier closed before ``closed_before``.

    Returns how many dossiers were changed. ``progress(done, total)`` is called
    every 100 dossiers and at the end.
    """
    pks = list(
        dossiers_with_contacts_closed_before(closed_before).values_list("pk", flat=True)
    )
    erased = 0
    for done, pk in enumerate(pks, start=1):
        erased += _erase_one(pk, cutoff=closed_before, now=now)
        if progress is not None and (done % 100 == 0 or done == len(pks)):
            progress(done, len(pks))
    return erased


def public_lookups_purge(*, before: datetime) -> int:
    """Delete the log of public lookups made before ``before``; return how many.

    The per-code and per-address limits look back a day at most, so a period of
    a day or more never weakens them.
    """
    deleted, _by_model = PublicLookup.objects.filter(at__lt=before).delete()
    return deleted


def personal_data_accesses_purge(*, before: datetime) -> int:
    """Delete the log of openings of personal data older than ``before``."""
    deleted, _by_model = PersonalDataAccess.objects.filter(at__lt=before).delete()
    return deleted
