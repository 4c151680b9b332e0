"""Feedback (phản ánh, kiến nghị) routed to the user's agencies: list and answer."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.accounts.models import User
from motcua.backoffice.access import staff_required
from motcua.backoffice.errors import form_errors_add, http_error
from motcua.core.errors import DomainError, InvalidInput, NotFound, PermissionDenied
from motcua.ratings.choices import FeedbackStatus
from motcua.ratings.forms import FeedbackAnswerForm
from motcua.ratings.selectors import feedback_get_for, feedback_list_for
from motcua.ratings.services import feedback_answer


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required
    return user


@staff_required
@require_GET
def feedback_list(request: HttpRequest) -> HttpResponse:
    """Feedback of the agencies the user leads, oldest due first; ``?status=``."""
    status = request.GET.get("status", "")
    try:
        rows = feedback_list_for(user=_user(request), status=status, now=timezone.now())
    except InvalidInput:
        status, rows = (
            "",
            feedback_list_for(user=_user(request), status="", now=timezone.now()),
        )
    context = {"rows": rows, "status": status, "statuses": FeedbackStatus.choices}
    return render(request, "backoffice/feedback_list.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def feedback_detail(request: HttpRequest, feedback_id: int) -> HttpResponse:
    """Read one feedback; its agency's leaders answer it here."""
    user = _user(request)
    try:
        row = feedback_get_for(user=user, feedback_id=feedback_id, now=timezone.now())
    except NotFound as error:
        raise http_error(error) from error
    form = FeedbackAnswerForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            feedback_answer(
                feedback_id=feedback_id,
                actor=user,
                answer=form.cleaned_data["answer"],
                now=timezone.now(),
            )
        except (NotFound, PermissionDenied) as error:
            raise http_error(error) from error
        except DomainError as error:
            form_errors_add(form, error)
        else:
            messages.success(request, _("The answer has been recorded."))
            return redirect("backoffice:feedback_detail", feedback_id=feedback_id)
    context = {"row": row, "feedback": row.feedback, "form": form}
    return render(request, "backoffice/feedback_detail.html", context)
