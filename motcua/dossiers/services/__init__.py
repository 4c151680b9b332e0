"""Dossier services: one function per transition, each atomic and audited.

Every transition service takes keyword-only arguments
``(*, dossier_code, actor, now, expected_version=None, ...)``, locks the dossier,
checks the workflow table and the actor's role and agency, writes exactly one
event and bumps ``version``; see ``transitions.transition_begin`` for the errors.
"""

from collections.abc import Callable, Mapping

from motcua.dossiers.models import Dossier
from motcua.dossiers.services.apology import dossier_apologise
from motcua.dossiers.services.applicant import dossier_send_supplement_online
from motcua.dossiers.services.closing import (
    dossier_decline,
    dossier_stop,
    dossier_withdraw,
    dossier_withdraw_online,
)
from motcua.dossiers.services.fees import (
    dossier_pay_fees_online,
    dossier_record_payment,
    dossier_request_payment,
)
from motcua.dossiers.services.incidents import dossier_extend_for_notice
from motcua.dossiers.services.processing import (
    dossier_approve,
    dossier_assign,
    dossier_forward,
    dossier_return_to_step,
)
from motcua.dossiers.services.reception import (
    dossier_create_at_counter,
    dossier_receive,
    dossier_receive_supplement_at_reception,
    dossier_refuse,
    dossier_refuse_at_counter,
    dossier_register_online,
    dossier_request_papers_at_counter,
    dossier_request_supplement_at_reception,
)
from motcua.dossiers.services.results import (
    dossier_decide_at_counter,
    dossier_issue_result,
    dossier_return_result,
)
from motcua.dossiers.services.routing import (
    dossier_agency_reply,
    dossier_send_to_agency,
)
from motcua.dossiers.services.supplements import (
    dossier_receive_supplement,
    dossier_request_supplement,
)
from motcua.dossiers.workflow import DossierAction

# The one service each staff action runs, for the back office's forms and the
# API alike (the applicant's and the system's own services are called by name).
STAFF_SERVICES: Mapping[str, Callable[..., Dossier]] = {
    DossierAction.RECEIVE: dossier_receive,
    DossierAction.REQUEST_SUPPLEMENT_AT_RECEPTION: (
        dossier_request_supplement_at_reception
    ),
    DossierAction.RECEIVE_SUPPLEMENT_AT_RECEPTION: (
        dossier_receive_supplement_at_reception
    ),
    DossierAction.REFUSE: dossier_refuse,
    DossierAction.ASSIGN: dossier_assign,
    DossierAction.FORWARD: dossier_forward,
    DossierAction.RETURN: dossier_return_to_step,
    DossierAction.SEND_TO_AGENCY: dossier_send_to_agency,
    DossierAction.AGENCY_REPLY: dossier_agency_reply,
    DossierAction.REQUEST_SUPPLEMENT: dossier_request_supplement,
    DossierAction.RECEIVE_SUPPLEMENT: dossier_receive_supplement,
    DossierAction.REQUEST_PAYMENT: dossier_request_payment,
    DossierAction.RECORD_PAYMENT: dossier_record_payment,
    DossierAction.APOLOGISE: dossier_apologise,
    DossierAction.EXTEND_FOR_NOTICE: dossier_extend_for_notice,
    DossierAction.WITHDRAW: dossier_withdraw,
    DossierAction.STOP: dossier_stop,
    DossierAction.DECLINE: dossier_decline,
    DossierAction.APPROVE: dossier_approve,
    DossierAction.ISSUE_RESULT: dossier_issue_result,
    DossierAction.DECIDE_AT_COUNTER: dossier_decide_at_counter,
    DossierAction.RETURN_RESULT: dossier_return_result,
}

__all__ = [
    "STAFF_SERVICES",
    "dossier_agency_reply",
    "dossier_apologise",
    "dossier_approve",
    "dossier_assign",
    "dossier_create_at_counter",
    "dossier_decide_at_counter",
    "dossier_decline",
    "dossier_extend_for_notice",
    "dossier_forward",
    "dossier_issue_result",
    "dossier_pay_fees_online",
    "dossier_receive",
    "dossier_receive_supplement",
    "dossier_receive_supplement_at_reception",
    "dossier_record_payment",
    "dossier_refuse",
    "dossier_refuse_at_counter",
    "dossier_register_online",
    "dossier_request_papers_at_counter",
    "dossier_request_payment",
    "dossier_request_supplement",
    "dossier_request_supplement_at_reception",
    "dossier_return_result",
    "dossier_return_to_step",
    "dossier_send_supplement_online",
    "dossier_send_to_agency",
    "dossier_stop",
    "dossier_withdraw",
    "dossier_withdraw_online",
]
