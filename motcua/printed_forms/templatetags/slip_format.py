"""Template filters for the official forms (see ``motcua.printed_forms.formatting``)."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from motcua.printed_forms import formatting

register = template.Library()

register.filter("long_date", formatting.long_date)
register.filter("short_date", formatting.short_date)
register.filter("spoken_datetime", formatting.spoken_datetime)
register.filter("short_datetime", formatting.short_datetime)
register.filter("judgement_label", formatting.judgement_label)


@register.filter
def unbroken(value: object) -> SafeString | str:
    """Keep a code, number or date on one line, whatever the font's width.

    A dossier code split across two lines can be neither found nor copied from
    the PDF; the wrap happens between values, never inside one.
    """
    if value is None or value == "":
        return ""
    return format_html('<span class="unbroken">{}</span>', value)


@register.filter
def cell_datetime(value: datetime | None) -> SafeString | str:
    """ "08:30 05/03/2026" for a narrow table cell: it may wrap between the time
    and the date, never inside either."""
    if value is None:
        return ""
    time_part, date_part = formatting.short_datetime(value).split(" ")
    return format_html(
        '<span class="unbroken">{}</span> <span class="unbroken">{}</span>',
        time_part,
        date_part,
    )
