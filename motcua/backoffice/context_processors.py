"""The staff menu's worklist counts (settings: TEMPLATES context_processors)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from motcua.accounts.models import User
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
    counts = dossier_worklist_counts(user=user, now=timezone.now())
    return {
        "worklists": [
            (kind, WorklistKind(kind).label, counts.get(kind, 0))
            for kind in WorklistKind.values
        ]
    }
