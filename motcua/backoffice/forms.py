"""Back-office forms: parse and validate input, nothing else."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.forms import datetime_field

UNIT_CHOICES = [
    ("working_days", _("working days")),
    ("working_hours", _("working hours")),
    ("days", _("calendar days")),
    ("months", _("months")),
    ("same_day", _("same day")),
]


class DeadlineForm(forms.Form):
    received_at = datetime_field(label=_("Received at"))
    amount = forms.DecimalField(
        label=_("Amount"),
        min_value=Decimal(0),
        max_digits=7,
        decimal_places=2,
        initial=Decimal(5),
    )
    unit = forms.ChoiceField(
        label=_("Unit"), choices=UNIT_CHOICES, initial="working_days"
    )
    agency = forms.CharField(
        label=_("Agency e-ID (optional)"), required=False, max_length=35
    )


class CatalogueSearchForm(forms.Form):
    q = forms.CharField(label=_("Search procedures"), required=False, max_length=200)
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[
            ("", _("all levels")),
            ("central", _("central")),
            ("province", _("province")),
            ("commune", _("commune")),
        ],
    )
