"""The registry of dossier actions: what each is called, who may take it, what
the citizen reads of it.

One entry per ``DossierAction``: its staff label (the action's own), the label of
the public history (``public_label``; the citizen reads the history in plain
words, internal hand-overs told without naming who did them), and who may take it
(derived from ``workflow.TRANSITIONS``). The back office's forms and the API's
bodies give each staff action its fields; the service each staff action runs is
``services.STAFF_SERVICES``; tests check that every action of the table is in
each of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from motcua.dossiers.workflow import (
    SYSTEM_ACTIONS,
    TRANSITIONS,
    ActorAgency,
    DossierAction,
)

_PUBLIC_LABELS: Mapping[str, Promise] = {
    DossierAction.REGISTER_ONLINE: gettext_lazy("Registered online"),
    DossierAction.RECEIVE: gettext_lazy("Received"),
    DossierAction.REQUEST_SUPPLEMENT_AT_RECEPTION: gettext_lazy(
        "More papers requested at reception"
    ),
    DossierAction.RECEIVE_SUPPLEMENT_AT_RECEPTION: gettext_lazy(
        "Papers received at reception"
    ),
    DossierAction.REFUSE: gettext_lazy("Refused at reception"),
    DossierAction.ASSIGN: gettext_lazy("Assigned for processing"),
    DossierAction.FORWARD: gettext_lazy("Passed to the next step"),
    DossierAction.RETURN: gettext_lazy("Sent back to an earlier step"),
    DossierAction.SEND_TO_AGENCY: gettext_lazy("Sent to another agency"),
    DossierAction.AGENCY_REPLY: gettext_lazy("Another agency replied"),
    DossierAction.REQUEST_SUPPLEMENT: gettext_lazy("More papers requested"),
    DossierAction.RECEIVE_SUPPLEMENT: gettext_lazy("Papers received"),
    DossierAction.SEND_SUPPLEMENT_ONLINE: gettext_lazy(
        "Papers sent online, waiting to be checked"
    ),
    DossierAction.REQUEST_PAYMENT: gettext_lazy("Payment requested"),
    DossierAction.RECORD_PAYMENT: gettext_lazy("Payment received"),
    DossierAction.APOLOGISE: gettext_lazy("Apology and new date sent"),
    DossierAction.WITHDRAW: gettext_lazy("Withdrawn"),
    DossierAction.STOP: gettext_lazy("Processing stopped"),
    DossierAction.CLOSE_UNSUPPLEMENTED: gettext_lazy(
        "Closed: the papers asked for did not come in time"
    ),
    DossierAction.DECLINE: gettext_lazy(
        "Found not eligible: a notice with the reasons"
    ),
    DossierAction.APPROVE: gettext_lazy("Approved"),
    DossierAction.ISSUE_RESULT: gettext_lazy("Result issued"),
    DossierAction.DECIDE_AT_COUNTER: gettext_lazy("Decided at the counter"),
    DossierAction.RETURN_RESULT: gettext_lazy("Result returned"),
    DossierAction.EXTEND_FOR_NOTICE: gettext_lazy("New date after a service incident"),
    DossierAction.RECOMPUTE_DEADLINE: gettext_lazy(
        "Appointment moved by the official holiday calendar"
    ),
    DossierAction.ERASE_CONTACTS: gettext_lazy(
        "Contact details erased after the retention period"
    ),
}


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One action: its labels and who may take it."""

    action: DossierAction
    label: str
    public_label: Promise
    by_staff: bool  # a row of the table grants it to a staff role
    by_applicant: bool  # ... to the applicant, online
    by_system: bool  # ... to the system (or it is a correction the system records)
    on_existing: bool  # taken on a dossier that exists (not only a creation)


def _spec(action: DossierAction) -> ActionSpec:
    grants = [g for t in TRANSITIONS if t.action == action for g in t.grants]
    kinds = {grant.agency for grant in grants}
    return ActionSpec(
        action=action,
        label=str(action.label),
        public_label=_PUBLIC_LABELS[action],
        by_staff=bool(kinds - {ActorAgency.NONE, ActorAgency.SYSTEM}),
        by_applicant=ActorAgency.NONE in kinds,
        by_system=ActorAgency.SYSTEM in kinds or action in SYSTEM_ACTIONS,
        on_existing=any(t.sources for t in TRANSITIONS if t.action == action),
    )


ACTIONS: Mapping[str, ActionSpec] = {action: _spec(action) for action in DossierAction}


def action_spec(action: str) -> ActionSpec:
    """The registry's entry of ``action``.

    Raises:
        KeyError: not a dossier action.
    """
    return ACTIONS[action]


def public_label_of(action: str) -> str:
    """What the citizen reads for ``action`` in the public history."""
    spec = ACTIONS.get(action)
    return str(spec.public_label) if spec is not None else action


def staff_actions() -> list[DossierAction]:
    """The actions a staff role may take on a dossier, in the actions' order
    (creations have their own pages and endpoints)."""
    return [s.action for s in ACTIONS.values() if s.by_staff and s.on_existing]
