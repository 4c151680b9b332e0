"""Template filters for the official forms (see ``motcua.documents.formatting``)."""

from __future__ import annotations

from django import template

from motcua.documents import formatting

register = template.Library()

register.filter("long_date", formatting.long_date)
register.filter("short_date", formatting.short_date)
register.filter("spoken_datetime", formatting.spoken_datetime)
register.filter("short_datetime", formatting.short_datetime)
register.filter("judgement_label", formatting.judgement_label)
