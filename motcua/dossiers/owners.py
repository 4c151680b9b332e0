"""Whose dossiers a citizen account may call its own ("my dossiers").

Kept apart from ``selectors`` so that the services (which act for the applicant)
can use it without importing the selectors, which import the services.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from motcua.accounts.models import User
from motcua.citizens.selectors import citizen_of
from motcua.dossiers.models import Dossier


def dossiers_filed_by(account: User) -> QuerySet[Dossier]:
    """Return the dossiers of citizen ``account`` ("my dossiers"), newest first.

    Those it filed online, plus, once its ID number is verified through VNeID,
    those whose applicant has that ID number (filed at a counter, or by someone
    else for them). An ID number typed at sign-up is only claimed and reveals
    nothing more than the account's own filings.
    """
    mine = Q(account=account)
    citizen = citizen_of(account)
    if citizen is not None and citizen.is_id_verified:
        mine |= Q(applicant_id_number=citizen.id_number)
    return (
        Dossier.objects.filter(mine)
        .select_related("procedure")
        .annotate(filed_at=Coalesce("registered_at", "received_at", "created_at"))
        .order_by("-filed_at", "-id")
    )
