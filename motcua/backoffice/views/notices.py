"""Service notices for staff: publish, list, tell the citizens affected, move dates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.accounts.models import User
from motcua.agencies.access import agencies_visible_to, require_role
from motcua.agencies.models import Agency, ServicePoint
from motcua.backoffice.access import staff_required
from motcua.backoffice.errors import form_errors_add, http_error
from motcua.core.errors import DomainError, NotFound, PermissionDenied
from motcua.core.forms import datetime_field
from motcua.notices.models import ServiceNotice
from motcua.notices.selectors import (
    notice_get_for,
    notice_publisher_agencies,
    notices_list_for,
)
from motcua.notices.services import (
    PUBLISHERS,
    notice_extend_deadlines,
    notice_notify_affected,
    notice_publish,
)
from motcua.procedures.models import Procedure


class NoticeForm(forms.Form):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), label=gettext_lazy("Publishing agency")
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("What happened"), widget=forms.Textarea(attrs={"rows": 3})
    )
    advice = forms.CharField(
        label=gettext_lazy("What citizens should do"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    starts_at = datetime_field(label=gettext_lazy("From"))
    ends_at = datetime_field(label=gettext_lazy("Until (excluded)"))
    service_points = forms.ModelMultipleChoiceField(
        queryset=ServicePoint.objects.none(),
        required=False,
        label=gettext_lazy("Affected service points"),
        widget=forms.CheckboxSelectMultiple,
    )
    procedure_codes = forms.CharField(
        required=False,
        label=gettext_lazy("Affected procedures (codes, one a line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    affects_online_portal = forms.BooleanField(
        required=False, label=gettext_lazy("The online portal is affected")
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_field = self.fields["agency"]
        points_field = self.fields["service_points"]
        assert isinstance(agency_field, forms.ModelChoiceField)  # noqa: S101
        assert isinstance(points_field, forms.ModelMultipleChoiceField)  # noqa: S101
        agency_field.queryset = agencies
        points_field.queryset = ServicePoint.objects.filter(
            agency__in=agencies, is_active=True
        ).order_by("code", "id")

    def clean_procedure_codes(self) -> list[int]:
        codes = {c.strip() for c in self.cleaned_data["procedure_codes"].split()}
        codes.discard("")
        found = dict(Procedure.objects.filter(code__in=codes).values_list("code", "pk"))
        missing = sorted(codes - set(found))
        if missing:
            raise forms.ValidationError(
                _("Unknown procedure codes: %(codes)s") % {"codes": ", ".join(missing)}
            )
        return sorted(found.values())


class ExtendForm(forms.Form):
    extra_working_hours = forms.IntegerField(
        label=gettext_lazy("Extra working hours"), min_value=1, max_value=80
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown in each dossier's history)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required
    return user


def _notice(user: User, notice_id: int) -> ServiceNotice:
    try:
        return notice_get_for(user=user, notice_id=notice_id)
    except NotFound as error:
        raise http_error(error) from error


@staff_required
@require_GET
def notice_list(request: HttpRequest) -> HttpResponse:
    """The notices of the agencies the user sees, latest first."""
    user = _user(request)
    rows = notices_list_for(agencies=agencies_visible_to(user))[:200]
    context = {
        "notices": rows,
        "now": timezone.now(),
        "may_publish": notice_publisher_agencies(user=user).exists(),
    }
    return render(request, "backoffice/notice_list.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def notice_new(request: HttpRequest) -> HttpResponse:
    """Publish a notice (agency leaders and administrators)."""
    user = _user(request)
    agencies = notice_publisher_agencies(user=user)
    if not agencies.exists():
        raise http_error(PermissionDenied(_("Only agency leaders publish notices.")))
    form = NoticeForm(
        request.POST if request.method == "POST" else None, agencies=agencies
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            notice = notice_publish(
                actor=user,
                agency=data["agency"],
                title=data["title"],
                description=data["description"],
                advice=data["advice"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                service_point_ids=[p.pk for p in data["service_points"]],
                procedure_ids=data["procedure_codes"],
                affects_online_portal=data["affects_online_portal"],
                now=timezone.now(),
            )
        except DomainError as error:
            form_errors_add(form, error)
        else:
            messages.success(request, _("The notice is published."))
            return redirect("backoffice:notice_detail", notice_id=notice.pk)
    return render(request, "backoffice/notice_form.html", {"form": form})


@staff_required
@require_GET
def notice_detail(request: HttpRequest, notice_id: int) -> HttpResponse:
    """One notice, with its buttons to tell citizens and move dates."""
    notice = _notice(_user(request), notice_id)
    context = {
        "notice": notice,
        "told": notice.recipients.count(),
        "extend_form": ExtendForm(),
    }
    return render(request, "backoffice/notice_detail.html", context)


@staff_required
@require_POST
def notice_notify(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Tell the citizens whose dossiers fall due during the notice."""
    user = _user(request)
    notice = _notice(user, notice_id)
    try:
        require_role(user, PUBLISHERS, notice.agency)
        count = notice_notify_affected(notice=notice, now=timezone.now())
    except PermissionDenied as error:
        raise http_error(error) from error
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("%(count)d citizens were notified.") % {"count": count}
        )
    return redirect("backoffice:notice_detail", notice_id=notice.pk)


@staff_required
@require_POST
def notice_extend(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Move the dates of the affected dossiers the leader's agency decides."""
    user = _user(request)
    notice = _notice(user, notice_id)
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            count = notice_extend_deadlines(
                notice=notice,
                actor=user,
                extra_working_hours=form.cleaned_data["extra_working_hours"],
                reason=form.cleaned_data["reason"],
                now=timezone.now(),
            )
        except PermissionDenied as error:
            raise http_error(error) from error
        except DomainError as error:
            form_errors_add(form, error)
        else:
            messages.success(
                request, _("%(count)d dossiers got a new date.") % {"count": count}
            )
            return redirect("backoffice:notice_detail", notice_id=notice.pk)
    context = {"notice": notice, "told": notice.recipients.count(), "extend_form": form}
    return render(request, "backoffice/notice_detail.html", context, status=400)
