"""Internal processes: the generated default and agencies' own copies."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.core.errors import Conflict, NotFound
from motcua.procedures.models import InternalProcess, Procedure, ProcessStep
from motcua.procedures.parsing import ParseIssue
from motcua.procedures.process_plans import StepPlan, default_steps, legal_half_days


def plan_default_process(
    *, amount: Decimal | None, unit: str | None, issues: list[ParseIssue] | None = None
) -> list[StepPlan] | None:
    """Plan the default steps for a legal time; ``None`` when there is no time.

    Appends a ``process_quota_inexact`` issue to ``issues`` when ½-day quotas
    cannot add up to the legal time exactly (e.g. 1 working hour).
    """
    if amount is None or amount <= 0:
        return None
    total, exact = legal_half_days(amount, unit)
    if not exact and issues is not None:
        issues.append(ParseIssue("process_quota_inexact", f"{amount} {unit}"))
    return default_steps(total)


def expected_half_days(*, procedure: Procedure) -> int | None:
    """The legal time of ``procedure`` in ½ working days, or None without one."""
    if procedure.legal_time_amount is None:
        return None
    return legal_half_days(procedure.legal_time_amount, procedure.legal_time_unit)[0]


@transaction.atomic
def internal_process_generate_default(
    *, procedure: Procedure
) -> InternalProcess | None:
    """Replace the default process of ``procedure`` with a freshly planned one."""
    InternalProcess.objects.filter(procedure=procedure, agency__isnull=True).delete()
    plan = plan_default_process(
        amount=procedure.legal_time_amount, unit=procedure.legal_time_unit
    )
    if plan is None:
        return None
    process = InternalProcess.objects.create(procedure=procedure)
    _create_steps(process, plan)
    return process


@transaction.atomic
def internal_process_copy_for_agency(
    *, procedure: Procedure, agency: Agency
) -> InternalProcess:
    """Copy the default process of ``procedure`` for ``agency`` to edit.

    Raises NotFound when the procedure has no default process and Conflict when
    the agency already has its own.
    """
    default = (
        InternalProcess.objects.filter(procedure=procedure, agency__isnull=True)
        .prefetch_related("steps")
        .first()
    )
    if default is None:
        raise NotFound(_("This procedure has no default internal process to copy."))
    if InternalProcess.objects.filter(procedure=procedure, agency=agency).exists():
        raise Conflict(_("This agency already has its own process for the procedure."))
    process = InternalProcess.objects.create(procedure=procedure, agency=agency)
    plan = [
        StepPlan(step.name, step.role, step.quota_half_days)  # type: ignore[arg-type]
        for step in default.steps.order_by("position", "id")
    ]
    _create_steps(process, plan)
    return process


def _create_steps(process: InternalProcess, plan: list[StepPlan]) -> None:
    ProcessStep.objects.bulk_create(
        ProcessStep(
            process=process,
            position=position,
            name=step.name,
            role=step.role,
            quota_half_days=step.quota_half_days,
        )
        for position, step in enumerate(plan, start=1)
    )
