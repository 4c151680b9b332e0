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
from motcua.core.errors import InvalidInput
from motcua.dossiers.models import Dossier, DossierPaper
from motcua.dossiers.payloads import PapersSentOnline
from motcua.dossiers.selectors import supplement_items_asked
from motcua.dossiers.services.transitions import (
    ActorKind,
    transition_begin,
    transition_finish,
)
from motcua.dossiers.workflow import DossierAction


def _attach(dossier: Dossier, name: str, file_name: str) -> None:
    """Put the file on the paper of that name, or add the paper (an item asked for
    beyond the checklist, e.g. a clearer copy)."""
    row = dossier.papers.filter(name=name).order_by("position", "id").first()
    if row is None:
        last = dossier.papers.aggregate(last=Max("position"))["last"] or 0
        row = DossierPaper(dossier=dossier, position=last + 1, name=name)
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
    acting = transition_begin(
        action=DossierAction.SEND_SUPPLEMENT_ONLINE,
        dossier_code=dossier_code,
        actor=account,
        kind=ActorKind.APPLICANT,
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
        payload=PapersSentOnline(papers=tuple(asked[index] for index in sorted(files))),
    )
    return dossier
