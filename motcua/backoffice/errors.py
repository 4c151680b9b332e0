"""Map domain errors onto forms and HTTP answers."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404

from motcua.core.errors import DomainError, NotFound, PermissionDenied


def form_errors_add(form: forms.Form, error: DomainError) -> None:
    """Put ``error``'s message on top of ``form`` and its field errors by field."""
    form.add_error(None, str(error.message))
    for field, message in error.field_errors.items():
        if field in form.fields:
            form.add_error(field, str(message))
        else:
            form.add_error(None, str(message))


def http_error(error: NotFound | PermissionDenied) -> Exception:
    """Return the Django exception that answers 404 or 403 for ``error``."""
    if isinstance(error, NotFound):
        return Http404(str(error.message))
    return HttpForbidden(str(error.message))
