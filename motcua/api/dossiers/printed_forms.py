"""Printed forms 01–06 of a dossier, and how a file goes back to the client."""

from collections.abc import Callable
from datetime import datetime

from django.http import HttpResponse
from django.utils.translation import gettext as _

from motcua.core.errors import NotFound
from motcua.documents.data import FormData
from motcua.documents.serving import harden
from motcua.dossiers import printing
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.transitions import tracking_url


def form_data(number: str, dossier: Dossier, now: datetime) -> FormData:
    """Return the data of form ``number`` (01–06); NotFound when it does not apply."""
    url = tracking_url(dossier)
    builders: dict[str, Callable[[], FormData]] = {
        "01": lambda: printing.receipt_data(dossier=dossier, tracking_url=url),
        "02": lambda: printing.supplement_request_data(
            dossier=dossier, tracking_url=url
        ),
        "03": lambda: printing.refusal_data(dossier=dossier, tracking_url=url),
        "04": lambda: printing.apology_data(dossier=dossier, tracking_url=url),
        "05": lambda: printing.stop_notice_data(dossier=dossier, tracking_url=url),
        "06": lambda: printing.control_sheet_data(
            dossier=dossier, tracking_url=url, now=now
        ),
    }
    builder = builders.get(number)
    if builder is None:
        raise NotFound(
            _("There is no form %(number)s for a dossier; forms are 01 to 06.")
            % {"number": number}
        )
    return builder()


def file_response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return harden(response)
