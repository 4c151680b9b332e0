"""Dossiers: create, detail, transitions, history, printed forms and search.

Every endpoint needs a staff bearer token. A dossier the caller may not see is
reported as not found (404), never as forbidden, so that a code alone reveals
nothing (``dossiers.access``). Transitions carry the ``version`` the client last
saw as ``expected_version``: a stale one, or an action the workflow table does not
allow now, gets 409; a role the caller lacks on a dossier they may see gets 403.

Request bodies are parsed here (not by django-ninja) so that a 422 names plain
fields (``applicant.id_number``, ``assignee``) rather than the parameter and the
union tag; the OpenAPI document still shows their schemas.

Modules: ``routes`` and ``registers`` (the endpoints), ``parsing`` (the request),
``schemas_in`` and ``creation`` (creating a dossier), ``transitions`` (one schema
and one service per action), ``schemas_out`` and ``presenting`` (the responses),
``printed_forms`` (forms 01–06 and file responses).
"""

from motcua.api.dossiers.parsing import staff_user
from motcua.api.dossiers.registers import register_router
from motcua.api.dossiers.routes import router
from motcua.api.dossiers.schemas_out import DossierOut, DossierSummaryOut

__all__ = [
    "DossierOut",
    "DossierSummaryOut",
    "register_router",
    "router",
    "staff_user",
]
