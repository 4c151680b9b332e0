"""``{% provisional_mark start end %}``: say when a deadline is provisional.

Wherever a deadline is shown (back office, tracking page, "my dossiers"), a
count that crosses a year with no official holiday announcement imported is
followed by "(tính theo lịch nghỉ dự kiến)". The years announced are read once
per request, so a list of dossiers costs one query, not one per row.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime

from django import template
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.calendars.selectors import announced_years, provisional_years_get

register = template.Library()
_REQUEST_CACHE = "_motcua_announced_years"


def _announced(context: template.Context) -> Collection[int]:
    request: HttpRequest | None = context.get("request")
    if request is None:
        return announced_years()
    cached: Collection[int] | None = getattr(request, _REQUEST_CACHE, None)
    if cached is None:
        cached = announced_years()
        setattr(request, _REQUEST_CACHE, cached)
    return cached


def provisional_label(years: Sequence[int]) -> SafeString | str:
    """The mark itself, with the years in its title; "" when ``years`` is empty."""
    if not years:
        return ""
    listed = ", ".join(str(year) for year in years)
    title = ngettext(
        "No official holiday announcement is imported for %(years)s yet: the date "
        "may change when it is.",
        "No official holiday announcements are imported for %(years)s yet: the "
        "date may change when they are.",
        len(years),
    ) % {"years": listed}
    return format_html(
        '<span class="provisional" data-testid="provisional" title="{}">({})</span>',
        title,
        _("computed on the expected holiday calendar"),
    )


@register.simple_tag(takes_context=True)
def provisional_mark(
    context: template.Context,
    start_at: datetime | date | None,
    deadline_at: datetime | date | None,
) -> SafeString | str:
    """The mark for a count from ``start_at`` to ``deadline_at`` ("" if none)."""
    if start_at is None or deadline_at is None:
        return ""
    return provisional_label(
        provisional_years_get(
            start_at=start_at, deadline_at=deadline_at, announced=_announced(context)
        )
    )


@register.simple_tag
def provisional_note(years: Sequence[int] | None) -> SafeString | str:
    """The mark for a computed deadline's ``provisional_years``."""
    return provisional_label(years or ())
