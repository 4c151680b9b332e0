"""The counter screen's form: parse what the officer typed, nothing else."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency, ServicePoint
from motcua.core.forms import date_field
from motcua.core.numbers import request_int
from motcua.dossiers.choices import ApplicantKind, ReturnMethod
from motcua.dossiers.inputs import ApplicantInput, PaperTick
from motcua.procedures.models import Procedure


class IdListField(forms.Field):
    """Every value of a repeated parameter (checkboxes), as ids."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        values = value if isinstance(value, list | tuple) else []
        return [n for n in map(request_int, values) if n is not None]


class CounterForm(forms.Form):
    """Receive a dossier at the counter (the fields of ``ApplicantInput`` and more).

    Field names match the keys of the domain's ``field_errors`` so that an error
    lands next to its field.
    """

    # One key per opened form: a resent POST (double click, lost answer) finds
    # the dossier the first one made (``dossier_create_at_counter``).
    request_key = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=64
    )
    service_point = forms.ModelChoiceField(
        label=_("Service point"), queryset=ServicePoint.objects.none()
    )
    # The queue ticket being served, when the console opened this screen.
    ticket = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    procedure = forms.ModelChoiceField(
        label=_("Procedure"),
        queryset=Procedure.objects.all(),
        to_field_name="code",
        error_messages={"required": _("Choose the procedure.")},
    )
    case_heading = forms.CharField(label=_("Case"), required=False, max_length=300)
    competent_agency = forms.ModelChoiceField(
        label=_("Competent agency"),
        queryset=Agency.objects.filter(is_active=True),
        required=False,
        empty_label=_("automatic"),
    )
    papers = IdListField(label=_("Papers received"), required=False)
    applicant_kind = forms.ChoiceField(
        label=_("Applicant is"),
        choices=ApplicantKind.choices,
        initial=ApplicantKind.PERSON,
    )
    applicant_id_number = forms.CharField(
        label=_("Personal ID or enterprise code"), max_length=20
    )
    applicant_name = forms.CharField(label=_("Full name"), max_length=200)
    applicant_birth_date = date_field(label=_("Date of birth"), required=False)
    applicant_address = forms.CharField(
        label=_("Address"), required=False, max_length=300
    )
    applicant_phone = forms.CharField(label=_("Phone"), required=False, max_length=20)
    applicant_email = forms.EmailField(label=_("E-mail"), required=False)
    filer_name = forms.CharField(
        label=_("Filer (if not the applicant)"), required=False, max_length=200
    )
    filer_id_number = forms.CharField(
        label=_("Filer's personal ID"), required=False, max_length=20
    )
    filer_phone = forms.CharField(
        label=_("Filer's phone"), required=False, max_length=20
    )
    authorisation_paper = forms.CharField(
        label=_("Authorisation paper"), required=False, max_length=300
    )
    summary = forms.CharField(label=_("Summary"), required=False, max_length=500)
    return_method = forms.ChoiceField(
        label=_("Return the result"),
        choices=ReturnMethod.choices,
        initial=ReturnMethod.COUNTER,
    )
    return_address = forms.CharField(
        label=_("Return address"), required=False, max_length=300
    )
    # Which button was pressed: receive (form 01), ask for the missing papers
    # (form 02), refuse (form 03), or for a no-wait procedure receive, decide
    # and return the result in the same visit.
    outcome = forms.ChoiceField(
        choices=[
            ("receive", "receive"),
            ("papers", "papers"),
            ("refuse", "refuse"),
            ("no_wait", "no_wait"),
        ],
        required=False,
    )
    note = forms.CharField(
        label=_("Reasons for a refusal, or a note on the papers asked for"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        points: QuerySet[ServicePoint],
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        field = self.fields["service_point"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        field.queryset = points
        field.empty_label = None

    def applicant(self) -> ApplicantInput:
        """Return the applicant as the services take it (after ``is_valid``)."""
        data = self.cleaned_data
        return ApplicantInput(
            name=data["applicant_name"],
            id_number=data["applicant_id_number"],
            kind=data["applicant_kind"],
            birth_date=data["applicant_birth_date"],
            address=data["applicant_address"],
            phone=data["applicant_phone"],
            email=data["applicant_email"],
            filer_name=data["filer_name"],
            filer_id_number=data["filer_id_number"],
            filer_phone=data["filer_phone"],
            authorisation_paper=data["authorisation_paper"],
        )

    def ticks(self) -> list[PaperTick]:
        """Return the ticked papers and those taken by reference to held data."""
        ticked = set(self.cleaned_data["papers"])
        referenced = {
            number: str(value).strip()
            for key, value in self.data.items()
            if key.startswith("reference_")
            and (number := request_int(key.removeprefix("reference_"))) is not None
            and str(value).strip()
        }
        return [
            PaperTick(
                required_paper_id=pk,
                is_provided=pk in ticked,
                reference=referenced.get(pk, ""),
            )
            for pk in sorted(ticked | set(referenced))
        ]
