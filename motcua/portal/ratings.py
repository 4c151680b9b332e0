"""Citizen portal: rate a returned dossier and send feedback (phản ánh, kiến nghị).

A dossier is rated from the tracking page (with the 4 check digits), from the
signed link of the "result returned" message, or on the counter tablet (back
office). Feedback goes to the agency that handles it. Each view parses input,
makes one domain call and maps domain errors to a page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.core.errors import Conflict, DomainError, InvalidInput, NotFound
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.public import (
    PublicDossier,
    dossier_public_get,
)
from motcua.portal.limits import public_limit
from motcua.ratings.choices import RatingChannel
from motcua.ratings.forms import FeedbackForm, RatingForm, TrackingRatingForm
from motcua.ratings.links import rating_token_read
from motcua.ratings.selectors import rating_exists, rating_target_get
from motcua.ratings.services import feedback_submit, rating_record


def rating_context(dossier: PublicDossier, check: str | None) -> dict[str, Any]:
    """The context of the rating form included in the tracking page.

    The form appears only once the result is returned and the check digits match.
    """
    if dossier.status != DossierStatus.RETURNED or not dossier.check_ok:
        return {"rating_form": None, "rated": False}
    if rating_exists(dossier_code=dossier.code):
        return {"rating_form": None, "rated": True}
    return {"rating_form": TrackingRatingForm(initial={"check": check}), "rated": False}


def _done(request: HttpRequest, message: str, *, status: int = 200) -> HttpResponse:
    return render(
        request, "portal/rating_done.html", {"message": message}, status=status
    )


def _record(
    request: HttpRequest, form: RatingForm, *, code: str, channel: str
) -> HttpResponse | None:
    """Record the rating; return the answer page, or None after a form error."""
    data = form.cleaned_data
    try:
        rating_record(
            dossier_code=code,
            score=data["score"],
            reasons=data["reasons"],
            comment=data["comment"],
            channel=channel,
            now=timezone.now(),
        )
    except Conflict as error:  # rated already, or not returned: say so kindly
        return _done(request, str(error.message))
    except InvalidInput as error:
        form.add_error(None, str(error.message))
        return None
    return redirect("portal:rating_thanks")


@require_POST
def tracking_rate(request: HttpRequest, code: str) -> HttpResponse:
    """Rate dossier ``code`` from its tracking page (the check digits must match)."""
    now = timezone.now()
    client_key, refused = public_limit(request, now)
    if refused is not None:
        return refused
    form = TrackingRatingForm(request.POST)
    check = request.POST.get("check", "").strip()
    try:
        dossier = dossier_public_get(
            code=code, check=check or None, now=now, client_key=client_key
        )
    except (NotFound, InvalidInput) as error:
        return _done(request, str(error.message), status=404)
    if not dossier.check_ok:
        message = _(
            "The check digits do not match this dossier, so it cannot be rated."
        )
        return _done(request, message, status=403)
    if form.is_valid():
        answer = _record(request, form, code=dossier.code, channel="tracking_page")
        if answer is not None:
            return answer
    context = {
        "dossier": dossier,
        "code": dossier.code,
        "procedure_name": dossier.procedure_name,
        "rating_form": form,
        "rated": False,
    }
    return render(request, "portal/rating.html", context, status=400)


@require_GET
def rating_thanks(request: HttpRequest) -> HttpResponse:
    """The page after a rating."""
    return render(request, "portal/rating_thanks.html")


@require_http_methods(["GET", "POST"])
def rating_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """Rate the dossier signed in ``token`` (the link of the notification)."""
    try:
        target = rating_target_get(dossier_code=rating_token_read(token))
    except (InvalidInput, NotFound) as error:
        return _done(request, str(error.message), status=400)
    if target.rated:
        return _done(request, _("This dossier has already been rated. Thank you!"))
    if not target.returned:
        return _done(
            request, _("A dossier can be rated once its result has been returned.")
        )
    form = RatingForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        channel = RatingChannel.NOTIFICATION_LINK
        answer = _record(request, form, code=target.code, channel=channel)
        if answer is not None:
            return answer
    context = {
        "target": target,
        "code": target.code,
        "procedure_name": target.procedure_name,
        "rating_form": form,
        "rated": False,
    }
    response = render(request, "portal/rating.html", context)
    add_never_cache_headers(response)
    return response


def _feedback_initial(request: HttpRequest) -> dict[str, str]:
    return {
        "dossier_code": request.GET.get("ho-so", "")[:60],
        "service_point_code": request.GET.get("diem", "")[:40],
    }


def _feedback_save(request: HttpRequest, form: FeedbackForm) -> HttpResponse | None:
    data = form.cleaned_data
    try:
        feedback = feedback_submit(now=timezone.now(), **data)
    except DomainError as error:
        form.add_error(None, str(error.message))
        for field, message in error.field_errors.items():
            if field in form.fields:
                form.add_error(field, str(message))
        return None
    return render(request, "portal/feedback_done.html", {"feedback": feedback})


@require_http_methods(["GET", "POST"])
def feedback_form(request: HttpRequest) -> HttpResponse:
    """Send feedback; ``?ho-so=<code>`` or ``?diem=<code>`` prefills its subject."""
    if request.method != "POST":
        form = FeedbackForm(initial=_feedback_initial(request))
        return render(request, "portal/feedback_form.html", {"form": form})
    now = timezone.now()
    _key, refused = public_limit(request, now)
    if refused is not None:
        return refused
    form = FeedbackForm(request.POST)
    if form.is_valid():
        answer = _feedback_save(request, form)
        if answer is not None:
            return answer
    return render(request, "portal/feedback_form.html", {"form": form}, status=400)
