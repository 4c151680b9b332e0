"""Helpers of the pages a logged-in citizen uses (after ``citizen_required``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.dossiers.owners import dossiers_filed_by


def account_of(request: HttpRequest) -> User:
    """The logged-in citizen's account."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - citizen_required ran
    return user


def own_dossier(request: HttpRequest, code: str) -> Dossier | HttpResponse:
    """The citizen's dossier ``code`` ("my dossiers"), else a 404 page."""
    dossier = dossiers_filed_by(account_of(request)).filter(code=code).first()
    if dossier is None:
        error = _("No dossier has the code %(code)s.") % {"code": code}
        return render(
            request, "portal/submit_missing.html", {"error": error}, status=404
        )
    return dossier
