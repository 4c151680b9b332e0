"""``{{ value|moment }}``: an instant as the product shows it, ``HH:MM dd/mm/yyyy``;
``{{ value|moment_iso }}``: the same instant for a ``<time datetime>`` attribute.

Dates read dd/mm/yyyy in both languages, in Vietnam's time (the site's zone).
The same text as ``|date:"H:i d/m/Y"``, made with ``strftime``: Django's date
filter costs about ten times as much, and the tracking page shows a dozen
instants (``bench/tracking.py``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.template.defaultfilters import date as date_filter

register = template.Library()
FORMAT = "H:i d/m/Y"


# ``expects_localtime``: as for ``|date``, the template engine hands the filter
# an aware instant already in the current time zone (unless ``{% localtime off %}``).
@register.filter(expects_localtime=True)
def moment(value: Any) -> str:
    """Return ``value`` as ``HH:MM dd/mm/yyyy``, or "" when it is not a time."""
    if isinstance(value, datetime):
        return f"{value:%H:%M %d/%m/%Y}"
    return str(date_filter(value, FORMAT))


@register.filter(expects_localtime=True)
def moment_iso(value: Any) -> str:
    """Return ``value`` in ISO 8601 (``|date:"c"``), or "" when it is not a time."""
    if isinstance(value, datetime):
        return value.isoformat()
    return str(date_filter(value, "c"))
