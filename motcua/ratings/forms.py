"""Input forms shared by the portal and the counter tablet (fields only, no logic)."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from motcua.ratings.choices import FeedbackKind, RatingReason, RatingScore


class RatingForm(forms.Form):
    score = forms.ChoiceField(
        label=_("How satisfied are you?"),
        choices=RatingScore.choices,
        widget=forms.RadioSelect,
    )
    reasons = forms.MultipleChoiceField(
        label=_("What went wrong? (when not satisfied)"),
        choices=RatingReason.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TrackingRatingForm(RatingForm):
    """The rating form of the tracking page: the check digits come along."""

    check = forms.CharField(
        max_length=4,
        validators=[RegexValidator(r"^\d{4}$", _("Type exactly 4 digits."))],
        widget=forms.HiddenInput,
    )


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=FeedbackKind.choices, initial=FeedbackKind.COMPLAINT
    )
    dossier_code = forms.CharField(
        label=_("Dossier code (if it is about a dossier)"),
        max_length=60,
        required=False,
    )
    service_point_code = forms.CharField(
        label=_("Service point code (if it is about a place)"),
        max_length=40,
        required=False,
    )
    agency_code = forms.CharField(
        label=_("Agency identifier (if it is about an agency)"),
        max_length=40,
        required=False,
    )
    content = forms.CharField(
        label=_("Your feedback"), max_length=4000, widget=forms.Textarea
    )
    name = forms.CharField(
        label=_("Your name (optional)"), max_length=200, required=False
    )
    contact = forms.CharField(
        label=_("Phone or e-mail for the answer (optional)"),
        max_length=200,
        required=False,
    )


class FeedbackAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6})
    )
