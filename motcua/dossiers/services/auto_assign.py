"""Automatic assignment of a received dossier by the competent agency's rules."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.models import StaffRole
from motcua.core.text import fold
from motcua.dossiers.models import AssignmentRule, AssignmentStrategy, Dossier
from motcua.dossiers.payloads import Assigned
from motcua.dossiers.services.transitions import (
    ActorKind,
    transition_begin,
    transition_finish,
)
from motcua.dossiers.workflow import (
    BEING_PROCESSED_STATUSES,
    ActorAgency,
    DossierAction,
    transitions_from,
)


def assignment_rule_for(dossier: Dossier) -> AssignmentRule | None:
    """The first active rule of the competent agency that matches ``dossier``."""
    procedure = dossier.procedure
    return (
        AssignmentRule.objects.filter(agency=dossier.competent_agency, is_active=True)
        .filter(Q(procedure__isnull=True) | Q(procedure=procedure))
        .filter(Q(field__isnull=True) | Q(field_id=procedure.field_id))
        .order_by("priority", "id")
        .first()
    )


def _has_skill(skills: str, skill: str) -> bool:
    wanted = fold(skill)
    return any(fold(tag) == wanted for tag in skills.split(","))


def rule_assignee(rule: AssignmentRule) -> User | None:
    """Who the rule picks now: the fixed person, or the least-loaded specialist."""
    if rule.strategy == AssignmentStrategy.FIXED_USER:
        return rule.user if rule.user is not None and rule.user.is_active else None
    candidates = (
        User.objects.filter(
            is_active=True,
            assignments__agency=rule.agency,
            assignments__role=StaffRole.SPECIALIST,
            assignments__is_active=True,
        )
        .values_list("pk", "assignments__skills")
        .order_by("pk")
    )
    ids = [
        pk
        for pk, skills in candidates
        if not rule.skill or _has_skill(skills, rule.skill)
    ]
    return (
        User.objects.filter(pk__in=ids)
        .annotate(
            load=Count(
                "dossiers_assigned",
                filter=Q(dossiers_assigned__status__in=BEING_PROCESSED_STATUSES),
            )
        )
        .order_by("load", "username", "pk")
        .first()
    )


def dossier_auto_assign(dossier: Dossier, *, now: datetime) -> User | None:
    """Assign a just-received dossier by rule, in the caller's transaction.

    The caller holds the dossier's row lock (reception services); the
    assignment is the system's transition (``workflow``: ASSIGN by SYSTEM),
    through the one entry, with its one ``assign`` event. Returns the assignee,
    or None when no rule applies (a leader then assigns by hand).
    """
    state = (dossier.status, dossier.step)
    if transitions_from(DossierAction.ASSIGN, state, by=ActorAgency.SYSTEM) is None:
        return None
    rule = assignment_rule_for(dossier)
    assignee = rule_assignee(rule) if rule is not None else None
    if rule is None or assignee is None:
        return None
    acting = transition_begin(
        action=DossierAction.ASSIGN,
        actor=None,
        kind=ActorKind.SYSTEM,
        locked=dossier,
        on_behalf_of=dossier.competent_agency,
    )
    transition_finish(
        acting,
        now=now,
        to=acting.permit.transition.targets[0],
        assignee=assignee,
        receiver=assignee,
        note=_("Assigned automatically by the rule “%(rule)s”.") % {"rule": rule.name},
        payload=Assigned(rule=rule.pk),
    )
    return assignee
