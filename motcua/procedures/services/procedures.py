"""Saving a procedure edited by staff."""

from __future__ import annotations

from django.db import transaction

from motcua.procedures.models import Procedure
from motcua.procedures.records import search_columns


@transaction.atomic
def procedure_save(*, procedure: Procedure) -> Procedure:
    """Save ``procedure`` with its folded search columns brought up to date."""
    for name, value in search_columns(name=procedure.name, code=procedure.code).items():
        setattr(procedure, name, value)
    procedure.save()
    return procedure
