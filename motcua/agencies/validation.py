"""Checks on agency data shared by the services and the admin forms (via ``clean``).

Each function returns ``{field: message}``; an empty dict means the data is valid.
"""

from __future__ import annotations

from datetime import time

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Errors = dict[str, str | Promise]


def working_hours_errors(
    *,
    work_start: time,
    lunch_start: time,
    lunch_end: time,
    work_end: time,
    reception_cutoff: time,
) -> Errors:
    """Check that the day is in order and the cut-off falls within it.

    A lunch break that starts and ends at the same time means no break.
    """
    errors: Errors = {}
    if not work_start < lunch_start:
        errors["lunch_start"] = _("The lunch break must start after opening.")
    elif not lunch_start <= lunch_end:
        errors["lunch_end"] = _("The lunch break must end after it starts.")
    elif not lunch_end < work_end:
        errors["work_end"] = _("Closing must come after the lunch break ends.")
    if not work_start < reception_cutoff <= work_end:
        errors["reception_cutoff"] = _(
            "The reception cut-off must be after opening and not after closing."
        )
    return errors
