"""Automatic assignment of a received dossier by the competent agency's rules."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.models import StaffRole
from motcua.core.text import fold
from motcua.dossiers.choices import DossierStatus, DossierStep
from motcua.dossiers.events import event_record
from motcua.dossiers.models import AssignmentRule, AssignmentStrategy, Dossier
from motcua.dossiers.timing import step_due_at, step_judgement
from motcua.dossiers.workflow import DossierAction

OPEN_STATUSES = (
    DossierStatus.RECEIVED,
    DossierStatus.PROCESSING,
    DossierStatus.SUPPLEMENT_REQUESTED,
    DossierStatus.FINANCIAL_OBLIGATION,
)
SYSTEM_ROLE = "system"


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
                filter=Q(dossiers_assigned__status__in=OPEN_STATUSES),
            )
        )
        .order_by("load", "username", "pk")
        .first()
    )


def dossier_auto_assign(dossier: Dossier, *, now: datetime) -> User | None:
    """Assign a just-received dossier by rule, in the caller's transaction.

    The caller holds the dossier's row lock (reception services). Writes one
    ``assign`` event by the system; returns the assignee, or None when no rule
    applies (a leader then assigns by hand).
    """
    if (dossier.status, dossier.step) != (
        DossierStatus.RECEIVED,
        DossierStep.ASSIGNMENT,
    ):
        return None
    rule = assignment_rule_for(dossier)
    assignee = rule_assignee(rule) if rule is not None else None
    if rule is None or assignee is None:
        return None
    closed = (dossier.step_started_at, dossier.step_due_at)
    judgement = step_judgement(dossier, now)
    from_status, from_step = dossier.status, dossier.step
    dossier.status, dossier.step = DossierStatus.PROCESSING, DossierStep.PROCESSING
    dossier.assignee = assignee
    dossier.step_started_at = now
    dossier.step_due_at = step_due_at(dossier, dossier.step, now)
    dossier.version += 1
    dossier.save()
    event_record(
        dossier=dossier,
        action=DossierAction.ASSIGN,
        at=now,
        from_status=from_status,
        from_step=from_step,
        actor_role=SYSTEM_ROLE,
        actor_agency=dossier.competent_agency,
        receiver=assignee,
        step_started_at=closed[0],
        step_due_at=closed[1],
        judgement=judgement,
        note=_("Assigned automatically by the rule “%(rule)s”.") % {"rule": rule.name},
        data={"rule": rule.pk},
    )
    return assignee
