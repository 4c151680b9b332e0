"""The counter tablet: the citizen rates the dossier just returned to them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from motcua.accounts.models import User
from motcua.backoffice.access import staff_required
from motcua.backoffice.errors import form_errors_add, http_error
from motcua.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from motcua.ratings.forms import RatingForm
from motcua.ratings.selectors import rating_target_get
from motcua.ratings.services import rating_counter_check, rating_record_at_counter

TEMPLATE = "backoffice/rating_tablet.html"


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required
    return user


def _save(request: HttpRequest, form: RatingForm, code: str) -> HttpResponse | None:
    data = form.cleaned_data
    try:
        rating_record_at_counter(
            actor=_user(request),
            dossier_code=code,
            score=data["score"],
            reasons=data["reasons"],
            comment=data["comment"],
            now=timezone.now(),
        )
    except (NotFound, PermissionDenied) as error:
        raise http_error(error) from error
    except Conflict as error:
        return render(request, TEMPLATE, {"code": code, "message": error.message})
    except DomainError as error:
        form_errors_add(form, error)
        return None
    return render(request, TEMPLATE, {"code": code, "thanks": True})


@staff_required
@require_http_methods(["GET", "POST"])
def rating_tablet(request: HttpRequest, code: str) -> HttpResponse:
    """A big, touch-friendly rating form shown to the citizen at the counter."""
    try:
        rating_counter_check(actor=_user(request), dossier_code=code)
        target = rating_target_get(dossier_code=code)
    except (NotFound, PermissionDenied) as error:
        raise http_error(error) from error
    form = RatingForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        answer = _save(request, form, target.code)
        if answer is not None:
            return answer
    context = {"code": target.code, "target": target, "form": form}
    return render(request, TEMPLATE, context)
