"""Forms of the citizen portal."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class TrackingForm(forms.Form):
    """The dossier code from the receipt and an optional second factor."""

    code = forms.CharField(
        label=_("Dossier code"),
        max_length=60,
        help_text=_("As printed on your receipt, e.g. 000.00.00.H01-260302-0001."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        ),
    )
    check = forms.CharField(
        label=_("Last 4 digits of the applicant's personal ID or phone (optional)"),
        required=False,
        max_length=4,
        validators=[RegexValidator(r"^\d{4}$", _("Type exactly 4 digits."))],
        help_text=_("Only with them are the applicant's name and papers shown."),
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "pattern": r"\d{4}",
                "autocomplete": "off",
                "size": "6",
            }
        ),
    )
