"""Creating a dossier: at a counter (received at once, or registered with form 02
or refused with form 03 for a walk-in) or registered online."""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.access import agency_for_user
from motcua.api.dossiers.parsing import agency_coded, resolve, service_point_coded
from motcua.api.dossiers.schemas_in import DossierCreateIn
from motcua.core.errors import InvalidInput
from motcua.dossiers import services
from motcua.dossiers.choices import DossierChannel, ReturnMethod
from motcua.dossiers.models import Dossier
from motcua.procedures.selectors import procedure_get

_CHANNELS = {"in_person": DossierChannel.IN_PERSON, "postal": DossierChannel.POSTAL}


def _required(field: str, value: str | None) -> str:
    if not value or not value.strip():
        raise InvalidInput(
            _("Some fields are missing."),
            field_errors={field: _("This field is required.")},
        )
    return value.strip()


def create_at_counter(
    body: DossierCreateIn, actor: User, now: datetime, request_key: str = ""
) -> Dossier:
    point = service_point_coded(
        _required("service_point_code", body.service_point_code)
    )
    competent = body.competent_agency_code
    details: dict[str, Any] = {
        "actor": actor,
        "request_key": request_key,
        "now": now,
        "procedure": resolve(
            "procedure_code", lambda: procedure_get(code=body.procedure_code)
        ),
        "service_point": point,
        "applicant": body.applicant_input(),
        "papers": [tick.tick() for tick in body.documents],
        "case_heading": body.case_heading,
        "summary": body.summary,
        "channel": _CHANNELS[body.channel],
        "competent_agency": agency_coded("competent_agency_code", competent)
        if competent
        else None,
        "return_method": body.return_method or ReturnMethod.COUNTER,
        "return_address": body.return_address,
    }
    if body.outcome == "request_papers":
        return services.dossier_request_papers_at_counter(**details, reason=body.note)
    if body.outcome == "refuse":
        return services.dossier_refuse_at_counter(**details, reasons=body.note)
    return services.dossier_create_at_counter(**details)


def register_online(
    body: DossierCreateIn, actor: User, now: datetime, request_key: str = ""
) -> Dossier:
    if body.outcome != "receive":
        raise InvalidInput(
            _("An online dossier is checked after it is registered, not refused."),
            field_errors={"outcome": _("Only at a counter.")},
        )
    code = _required("competent_agency_code", body.competent_agency_code)
    # Staff register online dossiers only for agencies they may see; the dossier
    # would otherwise be created out of the caller's sight. The service checks
    # the role (a reception officer of the receiving agency) and the procedure.
    competent = resolve("competent_agency_code", lambda: agency_for_user(actor, code))
    return services.dossier_register_online(
        actor=actor,
        request_key=request_key,
        now=now,
        procedure=resolve(
            "procedure_code", lambda: procedure_get(code=body.procedure_code)
        ),
        competent_agency=competent,
        applicant=body.applicant_input(),
        papers=[tick.tick() for tick in body.documents],
        case_heading=body.case_heading,
        summary=body.summary,
        return_method=body.return_method or ReturnMethod.ONLINE,
        return_address=body.return_address,
    )
