"""Sending a requested supplement online: check the files, keep them, attach them.

Each file is checked by content like any upload; the good ones are stored under
random names and attached even when another is refused (the refused ones are
reported per paper), so the citizen never sends a good file twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.errors import InvalidInput
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_send_supplement_online
from motcua.files.uploads import upload_check


def supplement_send_online(
    *,
    dossier: Dossier,
    account: User,
    uploads: Mapping[int, File[Any]],
    now: datetime,
    note: str = "",
) -> Dossier:
    """Attach ``uploads`` (index of the item asked for → file) to ``dossier``.

    Raises:
        NotFound, Conflict: see ``dossier_send_supplement_online``.
        InvalidInput: some files were refused (``field_errors`` per ``paper-<index>``;
            the others were sent), or no file at all.
    """
    refused: dict[str, str] = {}
    stored: dict[int, str] = {}
    for index, upload in uploads.items():
        try:
            checked = upload_check(upload)
        except InvalidInput as error:
            refused[f"paper-{index}"] = str(error.message)
            continue
        name = f"dossiers/{now:%Y/%m}/{uuid.uuid4().hex}.{checked.extension}"
        stored[index] = default_storage.save(name, upload)
    if stored:
        try:
            with transaction.atomic():
                dossier_send_supplement_online(
                    dossier_code=dossier.code,
                    account=account,
                    now=now,
                    files=stored,
                    note=note,
                )
        except Exception:
            for name in stored.values():
                default_storage.delete(name)  # nothing refers to them
            raise
    if refused:
        message = (
            _("Some files were not accepted; the others were sent.")
            if stored
            else _("Check the files marked below.")
        )
        raise InvalidInput(message, field_errors=refused)
    if not stored:
        raise InvalidInput(_("Attach at least one of the papers asked for."))
    return dossier
