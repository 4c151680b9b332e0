"""Forms of citizen accounts: sign-up and its code, login, the password reset,
adding a paper to "my papers".

Forms only parse; the rules (ID number shape, phone, password strength, codes)
live in ``motcua.citizens`` and come back as field errors.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.forms import date_field
from motcua.core.identity import personal_id_normalise, personal_id_problem

ID_NUMBER_ATTRS = {
    "inputmode": "numeric",
    "autocomplete": "username",
    "maxlength": "14",
    "spellcheck": "false",
}


class SignUpForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    id_number = forms.CharField(
        label=_("Personal ID number"),
        max_length=20,
        help_text=_("The 12 digits on your citizen identity card."),
        widget=forms.TextInput(attrs=ID_NUMBER_ATTRS),
    )
    birth_date = date_field(
        label=_("Date of birth (optional)"),
        required=False,
        attrs={"autocomplete": "bday"},
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=_("E-mail (optional)"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_(
            "At least 8 characters, not only digits, not a common password and "
            "not like your name or ID number."
        ),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password"), data.get("password_again")
        if first and second and first != second:
            self.add_error("password_again", _("The two passwords differ."))
        return data


class _IdNumberForm(forms.Form):
    id_number = forms.CharField(
        label=_("Personal ID number"),
        max_length=20,
        widget=forms.TextInput(attrs=ID_NUMBER_ATTRS),
    )

    def clean_id_number(self) -> str:
        value = personal_id_normalise(str(self.cleaned_data["id_number"]))
        problem = personal_id_problem(value)
        if problem is not None:
            raise forms.ValidationError(str(problem))
        return value


class LoginForm(_IdNumberForm):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class PasswordForgotForm(_IdNumberForm):
    """Ask for a code to set a new password."""


def _code_field() -> forms.CharField:
    return forms.CharField(
        label=_("Code"),
        max_length=12,
        help_text=_("The 6 digits of the message we sent."),
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "maxlength": "12",
                "spellcheck": "false",
            }
        ),
    )


class SignUpConfirmForm(forms.Form):
    code = _code_field()


class _NewPasswordForm(forms.Form):
    """The new password, typed twice (password change and reset)."""

    new_password = forms.CharField(
        label=_("New password"),
        strip=False,
        help_text=_(
            "At least 8 characters, not only digits, not a common password and "
            "not like your name or ID number."
        ),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class PasswordResetForm(_NewPasswordForm):
    code = _code_field()
    field_order = ["code", "new_password", "new_password_again"]


class PaperAddForm(forms.Form):
    name = forms.CharField(
        label=_("What paper is it?"),
        max_length=300,
        help_text=_("For example: Giấy khai sinh, Bằng tốt nghiệp đại học."),
    )
    file = forms.FileField(
        label=_("File (PDF, JPEG or PNG)"),
        widget=forms.FileInput(
            attrs={
                "accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            }
        ),
    )


class PasswordChangeForm(_NewPasswordForm):
    old_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["old_password", "new_password", "new_password_again"]


class EraseForm(forms.Form):
    """Confirm the erasure of one's account by typing one's ID number."""

    id_number = forms.CharField(
        label=_("Your personal ID number, to confirm"),
        max_length=20,
        widget=forms.TextInput(
            attrs={**ID_NUMBER_ATTRS, "autocomplete": "off"},
        ),
    )
    understood = forms.BooleanField(
        label=_(
            "I understand that my account, my papers and my drafts are erased for "
            "good, and that I can no longer log in with this account."
        ),
    )
