"""Filters of the back-office pages."""

from __future__ import annotations

from django import template
from django.db.models import TextChoices
from django.utils.translation import gettext as _

from motcua.agencies.models import StaffRole
from motcua.calendars.timeliness import Judgement, OpenState
from motcua.dossiers.choices import DossierStep
from motcua.dossiers.workflow import DossierAction

register = template.Library()


@register.filter
def working_time(minutes: int | None) -> str:
    """Show working minutes as "3 h 05 min" ("−1 h 00 min" when overrun)."""
    if minutes is None:
        return "–"
    sign = "−" if minutes < 0 else ""
    hours, rest = divmod(abs(int(minutes)), 60)
    return _("%(sign)s%(hours)d h %(minutes)02d min") % {
        "sign": sign,
        "hours": hours,
        "minutes": rest,
    }


def _label(choices: type[TextChoices], value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


@register.filter
def action_label(value: str) -> str:
    """The words of a dossier action (``DossierAction``)."""
    return _label(DossierAction, value)


@register.filter
def step_label(value: str) -> str:
    """The words of a dossier step (``DossierStep``)."""
    return _label(DossierStep, value)


@register.filter
def role_label(value: str) -> str:
    """The words of a staff role (``StaffRole``)."""
    return _label(StaffRole, value)


@register.filter
def judgement_label(value: str) -> str:
    """Early, on time or late (``Judgement``), or an open state (``OpenState``)."""
    if value in Judgement.values:
        return _label(Judgement, value)
    return _label(OpenState, value)
