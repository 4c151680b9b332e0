"""The register of dossiers (form 07) for an agency and a period, as PDF or Excel."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from motcua.agencies.access import agencies_visible_to
from motcua.backoffice.access import staff_required
from motcua.core.errors import DomainError, NotFound
from motcua.core.forms import date_field
from motcua.dossiers.printing import (
    register_data_for_user,
    register_part,
    register_rows_per_part,
)
from motcua.files.serving import harden
from motcua.printed_forms.data import RegisterData
from motcua.printed_forms.rendering import form_pdf
from motcua.printed_forms.spreadsheets import register_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RegisterForm(forms.Form):
    agency = forms.ChoiceField(label=_("Agency"))
    start = date_field(label=_("From"), required=False)
    end = date_field(label=_("To (included)"), required=False)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("pdf", "PDF"), ("xlsx", "Excel")],
        initial="pdf",
        required=False,
    )
    part = forms.IntegerField(
        label=_("Part (PDF of a long register)"),
        required=False,
        min_value=1,
        max_value=10_000,
    )


def _part_links(
    request: HttpRequest, data: RegisterData, parts: int
) -> list[tuple[str, int, int]]:
    """(link, first row, last row) of each part of a long register."""
    size = register_rows_per_part()
    links = []
    for part in range(1, parts + 1):
        query = request.GET.copy()
        query["part"] = str(part)
        first = (part - 1) * size + 1
        links.append((f"?{query.urlencode()}", first, min(part * size, len(data.rows))))
    return links


@staff_required
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    """Pick an agency and a period; download form 07 (the register)."""
    form = RegisterForm(request.GET or None)
    form.fields["agency"].choices = [  # type: ignore[attr-defined]
        (agency.code, f"{agency.code} – {agency.name}")
        for agency in agencies_visible_to(request.user)
    ]
    if form.is_valid():
        data = form.cleaned_data
        try:
            register_data = register_data_for_user(
                user=request.user,  # type: ignore[arg-type]
                agency_code=data["agency"],
                start_on=data["start"],
                end_on=data["end"],
                now=timezone.now(),
            )
        except NotFound as error:
            raise Http404(str(error.message)) from error
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            period = f"{register_data.start_on:%Y%m%d}-{register_data.end_on:%Y%m%d}"
            name = f"{data['agency']}-{period}"
            if data["format"] == "xlsx":
                body, content_type, name = (
                    register_xlsx(register_data),
                    XLSX,
                    f"{name}.xlsx",
                )
            else:
                parts = register_part(register_data).parts
                if parts > 1 and not data["part"]:
                    # A long register prints in parts: let the reader choose.
                    context = {
                        "form": form,
                        "parts": _part_links(request, register_data, parts),
                        "rows": len(register_data.rows),
                    }
                    return render(request, "backoffice/register.html", context)
                try:
                    printed = register_part(register_data, data["part"])
                except DomainError as error:
                    form.add_error("part", str(error.message))
                    return render(request, "backoffice/register.html", {"form": form})
                if printed.parts > 1:
                    name = f"{name}-{printed.part}of{printed.parts}"
                body, content_type, name = (
                    form_pdf(printed),
                    "application/pdf",
                    f"{name}.pdf",
                )
            response = HttpResponse(body, content_type=content_type)
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return harden(response)
    return render(request, "backoffice/register.html", {"form": form})
