"""What the applicant does online on a dossier: send a requested supplement.

Decree 45/2020/NĐ-CP lets an applicant complete an online dossier online. The
files are attached to the items the request listed and the history records it;
the status and the paused clock stay as they are until the reception officer has
checked the papers and recorded the supplement (``dossier_receive_supplement``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.errors import Conflict, InvalidInput, NotFound
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.dossiers.owners import dossiers_filed_by
from motcua.dossiers.selectors import supplement_items_asked
from motcua.dossiers.services.transitions import (
    Acting,
    dossier_lock,
    transition_finish,
)
from motcua.dossiers.workflow import (
    ActorAgency,
    DossierAction,
    Permit,
    transitions_from,
)

APPLICANT_ROLE = "applicant"  # the role written on events the applicant makes


def applicant_acting(
    *, action: DossierAction, dossier_code: str, account: User
) -> Acting:
    """Lock the dossier of citizen ``account`` for an action the workflow table
    grants the applicant online (no staff role).

    Raises:
        NotFound: no such dossier among the account's own.
        Conflict: the action is not open to the applicant now.
    """
    dossier = dossier_lock(dossier_code)
    if not dossiers_filed_by(account).filter(pk=dossier.pk).exists():
        raise NotFound(_("No dossier has the code %(code)s.") % {"code": dossier_code})
    transition = transitions_from(action, (dossier.status, dossier.step))
    if transition is None or not any(
        grant.agency is ActorAgency.NONE for grant in transition.grants
    ):
        raise Conflict(_("This cannot be done online on this dossier now."))
    return Acting(
        dossier=dossier,
        action=action,
        actor=account,
        permit=Permit(transition, APPLICANT_ROLE, None),
        agency=None,
        from_status=dossier.status,
        from_step=dossier.step,
    )


def _attach(dossier: Dossier, name: str, file_name: str) -> None:
    """Put the file on the paper of that name, or add the paper (an item asked for
    beyond the checklist, e.g. a clearer copy)."""
    row = dossier.documents.filter(name=name).order_by("position", "id").first()
    if row is None:
        last = dossier.documents.aggregate(last=Max("position"))["last"] or 0
        row = DossierDocument(dossier=dossier, position=last + 1, name=name)
    row.file.name = file_name
    row.is_provided = True  # provided; the officer checks it before accepting
    row.save()


@transaction.atomic
def dossier_send_supplement_online(
    *,
    dossier_code: str,
    account: User,
    now: datetime,
    files: Mapping[int, str],
    note: str = "",
) -> Dossier:
    """Attach the applicant's files (``index of the item asked for → stored file
    name``) to a dossier waiting for a supplement, and record it.

    Raises:
        NotFound: no such dossier among the account's own.
        Conflict: the dossier is not waiting for a supplement.
        InvalidInput: no file, or a file for an item the request did not list.
    """
    acting = applicant_acting(
        action=DossierAction.SEND_SUPPLEMENT_ONLINE,
        dossier_code=dossier_code,
        account=account,
    )
    dossier = acting.dossier
    asked = supplement_items_asked(dossier)
    if not files:
        raise InvalidInput(_("Attach at least one of the papers asked for."))
    if any(not 0 <= index < len(asked) for index in files):
        raise InvalidInput(_("Only the papers asked for can be sent here."))
    for index, file_name in sorted(files.items()):
        _attach(dossier, asked[index], file_name)
    transition_finish(
        acting,
        now=now,
        to=None,
        note=note.strip()[:500],
        data={"papers": [asked[index] for index in sorted(files)]},
    )
    return dossier
