"""The staff menu's worklist counts and the calendar warning (settings: TEMPLATES
context_processors).

Both are lazy: only a page that shows them (the back office's ``base.html``) runs
their queries; a citizen's portal page, the admin and JSON run none.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from motcua.accounts.models import User
from motcua.calendars.selectors import calendar_coverage_gaps
from motcua.dossiers.selectors import WorklistKind, dossier_worklist_counts


def worklist_counts(request: HttpRequest) -> dict[str, object]:
    """Return ``worklists``: (kind, label, count) for the menu of a logged-in user.

    A fixed number of queries whatever the number of dossiers; nothing for
    anonymous users and for htmx partials (they have no menu).
    """
    user = getattr(request, "user", None)
    if (
        not isinstance(user, User)
        or not user.is_active
        or getattr(request, "htmx", False)
    ):
        return {}

    def rows() -> list[tuple[str, str, int]]:
        counts = dossier_worklist_counts(user=user, now=timezone.now())
        return [
            (kind, str(WorklistKind(kind).label), counts.get(kind, 0))
            for kind in WorklistKind.values
        ]

    return {"worklists": SimpleLazyObject(rows)}


def calendar_warning(request: HttpRequest) -> dict[str, object]:
    """Return ``calendar_gaps`` for a system administrator: the years whose
    official holiday announcement is due (this year; next year from the date
    ``MOTCUA_CALENDAR_ANNOUNCEMENT_DUE``) but not imported."""
    user = getattr(request, "user", None)
    if (
        not isinstance(user, User)
        or not user.is_superuser
        or getattr(request, "htmx", False)
    ):
        return {}
    return {
        "calendar_gaps": SimpleLazyObject(
            lambda: calendar_coverage_gaps(today=timezone.localdate())
        )
    }
