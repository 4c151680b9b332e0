"""The holiday calendar page: which years' official announcements are imported,
and (for system administrators) importing a new one from its CSV file."""

from __future__ import annotations

import io

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from motcua.accounts.models import User
from motcua.backoffice.access import staff_required
from motcua.calendars.selectors import (
    announcement_years_summary,
    calendar_coverage_gaps,
)
from motcua.calendars.sources import RejectedRow, holiday_rows_parse
from motcua.core.errors import InvalidInput
from motcua.dossiers.services.calendar_changes import (
    AnnouncementImport,
    holiday_announcement_import,
)

MAX_BYTES = 1024 * 1024  # an announcement is a few dozen lines


class AnnouncementForm(forms.Form):
    file = forms.FileField(
        label=_("Announcement file (CSV: date, kind, name_vi, …)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        self.file_name = str(upload.name or "CSV")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not UTF-8 text (save it as CSV UTF-8).")
            ) from None


def _may_import(user: object) -> bool:
    # The calendar is the same for every agency: only a system administrator.
    return isinstance(user, User) and user.is_superuser


@staff_required
@require_http_methods(["GET", "POST"])
def holiday_calendar(request: HttpRequest) -> HttpResponse:
    form = AnnouncementForm()
    result: AnnouncementImport | None = None
    rejected: list[RejectedRow] = []
    status = 200
    if request.method == "POST":
        if not _may_import(request.user):
            raise PermissionDenied
        form = AnnouncementForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                rows, rejected = holiday_rows_parse(
                    io.StringIO(form.cleaned_data["file"], newline="")
                )
            except InvalidInput as error:
                form.add_error("file", str(error.message))
            else:
                result = holiday_announcement_import(
                    rows=rows,
                    source=form.file_name,
                    now=timezone.now(),
                    actor=request.user if isinstance(request.user, User) else None,
                )
        if not form.is_valid():
            status = 400
    context = {
        "form": form,
        "may_import": _may_import(request.user),
        "years": announcement_years_summary(),
        "gaps": calendar_coverage_gaps(today=timezone.localdate()),
        "result": result,
        "rejected": rejected,
    }
    return render(request, "backoffice/holidays.html", context, status=status)
