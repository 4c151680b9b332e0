"""Dossier services: one function per transition, each atomic and audited.

Every transition service takes keyword-only arguments
``(*, dossier_code, actor, now, expected_version=None, ...)``, locks the dossier,
checks the workflow table and the actor's role and agency, writes exactly one
event and bumps ``version``; see ``transitions.transition_begin`` for the errors.
"""

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
from motcua.dossiers.services.results import dossier_issue_result, dossier_return_result
from motcua.dossiers.services.routing import (
    dossier_agency_reply,
    dossier_send_to_agency,
)
from motcua.dossiers.services.supplements import (
    dossier_receive_supplement,
    dossier_request_supplement,
)

__all__ = [
    "dossier_agency_reply",
    "dossier_apologise",
    "dossier_approve",
    "dossier_assign",
    "dossier_create_at_counter",
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
