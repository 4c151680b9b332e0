"""One small form per dossier action: parse its inputs for its service.

Each form takes the dossier (for its choices), renders with the action as prefix
(several forms share a page) and gives the keyword arguments of its service
besides ``dossier_code``, ``actor``, ``now`` and ``expected_version``; the service
is the action's in ``dossiers.services.STAFF_SERVICES``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.backoffice.counter_forms import IdListField
from motcua.core.forms import datetime_field
from motcua.core.numbers import request_int
from motcua.dossiers.choices import AgencyRequestMode, DossierStep, ReturnMethod
from motcua.dossiers.inputs import FeeLine, PaperTick
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import assignable_staff
from motcua.dossiers.workflow import DossierAction, transitions_from

Service = Callable[..., Dossier]
TEXTAREA = forms.Textarea(attrs={"rows": 2})

# No fee of a procedure comes near this (one trillion đồng).
FEE_MAX_VND = 10**12


class ActionForm(forms.Form):
    """Base: no inputs; the service gets the cleaned data as is."""

    submit_label: ClassVar[Any] = _("Confirm")

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        dossier: Dossier,
        action: str,
    ) -> None:
        super().__init__(data, prefix=action)
        self.dossier = dossier

    def service_kwargs(self) -> dict[str, object]:
        return dict(self.cleaned_data)


class NoteForm(ActionForm):
    note = forms.CharField(label=_("Note"), required=False, widget=TEXTAREA)


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA)


class ReasonsForm(ActionForm):
    reasons = forms.CharField(label=_("Reasons, one a line"), widget=TEXTAREA)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ItemsForm(ActionForm):
    items = forms.CharField(
        label=_("Missing papers, one a line"), widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=TEXTAREA)

    def service_kwargs(self) -> dict[str, object]:
        return {
            "items": _lines(self.cleaned_data["items"]),
            "reason": self.cleaned_data["reason"],
        }


def _step_choices(action: str, dossier: Dossier) -> list[tuple[str, Any]]:
    row = transitions_from(action, (dossier.status, dossier.step))
    targets = row.targets if row is not None else ()
    return [(step, DossierStep(step).label) for _status, step in targets]


class StepForm(ActionForm):
    to_step = forms.ChoiceField(label=_("To"))

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        dossier: Dossier,
        action: str,
    ) -> None:
        super().__init__(data, dossier=dossier, action=action)
        field = self.fields["to_step"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = _step_choices(action, dossier)


class ForwardForm(StepForm):
    submit_label = _("Forward")
    note = forms.CharField(label=_("Note"), required=False, widget=TEXTAREA)


class ReturnForm(StepForm):
    submit_label = _("Send back")
    note = forms.CharField(label=_("Why it goes back"), widget=TEXTAREA)


class AssignForm(ActionForm):
    submit_label = _("Assign")
    assignee = forms.ModelChoiceField(
        label=_("Assign to"), queryset=User.objects.none()
    )
    note = forms.CharField(label=_("Note"), required=False, widget=TEXTAREA)

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        dossier: Dossier,
        action: str,
    ) -> None:
        super().__init__(data, dossier=dossier, action=action)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        people = assignable_staff(dossier.competent_agency)
        field.queryset = User.objects.filter(pk__in=[p.pk for p in people]).order_by(
            "full_name", "username", "id"
        )


class ReceiveForm(ActionForm):
    submit_label = _("Receive")
    papers = IdListField(label=_("Papers received"), required=False)

    def service_kwargs(self) -> dict[str, object]:
        return {
            "papers": [
                PaperTick(required_paper_id=pk) for pk in self.cleaned_data["papers"]
            ]
        }


class RefuseForm(ActionForm):
    submit_label = _("Refuse")
    reasons = forms.CharField(label=_("Reasons, one a line"), widget=TEXTAREA)


class SendForm(ActionForm):
    submit_label = _("Send to other agencies")
    agencies = forms.CharField(
        label=_("Agency e-IDs, separated by commas"), max_length=500
    )
    mode = forms.ChoiceField(
        label=_("Order"),
        choices=AgencyRequestMode.choices,
        initial=AgencyRequestMode.PARALLEL,
    )
    request_note = forms.CharField(label=_("Request"), required=False, widget=TEXTAREA)

    def clean_agencies(self) -> list[Agency]:
        codes = [c.strip() for c in self.cleaned_data["agencies"].split(",")]
        codes = [c for c in codes if c]
        found = {a.code: a for a in Agency.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(
                _("Unknown agency e-ID: %(codes)s."),
                params={"codes": ", ".join(unknown)},
            )
        return [found[c] for c in codes]


class ReplyForm(ActionForm):
    submit_label = _("Reply")
    reply_note = forms.CharField(label=_("Reply"), required=False, widget=TEXTAREA)


class PaymentRequestForm(ActionForm):
    submit_label = _("Request payment")
    fees = forms.CharField(
        label=_("Fees, one a line: name: amount in VND"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=TEXTAREA)

    def clean_fees(self) -> list[FeeLine]:
        lines: list[FeeLine] = []
        for line in _lines(self.cleaned_data["fees"]):
            name, _sep, amount = line.rpartition(":")
            digits = amount.strip().replace(".", "").replace(",", "")
            amount_vnd = request_int(digits)
            if not name.strip() or amount_vnd is None:
                raise forms.ValidationError(
                    _("Write each fee as “name: amount”, e.g. “Lệ phí: 15000”.")
                )
            if amount_vnd > FEE_MAX_VND:
                raise forms.ValidationError(
                    _("A fee cannot exceed %(max)s VND.") % {"max": f"{FEE_MAX_VND:,}"}
                )
            lines.append(FeeLine(name=name.strip(), amount_vnd=amount_vnd))
        return lines


class PaymentForm(ActionForm):
    submit_label = _("Record the payment")
    payment_method = forms.CharField(label=_("Paid by"), max_length=50)
    receipt_number = forms.CharField(
        label=_("Receipt number"), required=False, max_length=60
    )


class ApologyForm(ActionForm):
    submit_label = _("Apologise and set a new date")
    reason = forms.CharField(label=_("Reason for the delay"), widget=TEXTAREA)
    new_deadline_at = datetime_field(label=_("New date"))


class ReturnResultForm(ActionForm):
    submit_label = _("Return the result")
    method = forms.ChoiceField(label=_("Returned"), choices=ReturnMethod.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=TEXTAREA)

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        dossier: Dossier,
        action: str,
    ) -> None:
        super().__init__(data, dossier=dossier, action=action)
        self.fields["method"].initial = dossier.return_method


def _with(base: type[ActionForm], label: Any) -> type[ActionForm]:
    """Return ``base`` with its own submit label (forms that differ only by it)."""
    return type(f"{base.__name__}Labelled", (base,), {"submit_label": label})


A = DossierAction
ACTION_FORMS: dict[str, type[ActionForm]] = {
    A.RECEIVE: ReceiveForm,
    A.REQUEST_SUPPLEMENT_AT_RECEPTION: _with(
        ItemsForm,
        _("Ask for the missing papers"),
    ),
    A.RECEIVE_SUPPLEMENT_AT_RECEPTION: _with(
        NoteForm,
        _("Record the papers received"),
    ),
    A.REFUSE: RefuseForm,
    A.ASSIGN: AssignForm,
    A.FORWARD: ForwardForm,
    A.RETURN: ReturnForm,
    A.SEND_TO_AGENCY: SendForm,
    A.AGENCY_REPLY: ReplyForm,
    A.REQUEST_SUPPLEMENT: _with(ItemsForm, _("Request a supplement")),
    A.RECEIVE_SUPPLEMENT: _with(NoteForm, _("Record the supplement")),
    A.REQUEST_PAYMENT: PaymentRequestForm,
    A.RECORD_PAYMENT: PaymentForm,
    A.APOLOGISE: ApologyForm,
    A.WITHDRAW: _with(ReasonForm, _("Withdraw")),
    A.STOP: _with(ReasonForm, _("Stop processing")),
    A.DECLINE: _with(ReasonsForm, _("Not eligible: sign a notice")),
    A.APPROVE: _with(NoteForm, _("Approve")),
    A.ISSUE_RESULT: _with(NoteForm, _("Issue the result")),
    A.DECIDE_AT_COUNTER: _with(NoteForm, _("Decide now and issue the result")),
    A.RETURN_RESULT: ReturnResultForm,
}
