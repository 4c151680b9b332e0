"""The dossier-level rule of lateness beyond the dates (SPEC §4.4).

Decision 766/QĐ-TTg (2022), method of the service index (F766 §2.1): a dossier
for which more than one supplement was requested during processing counts as
late, whatever its dates. The number is a setting
(``MOTCUA_LATE_AFTER_SUPPLEMENT_REQUESTS``; 0 turns the rule off) because the
method may change.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q


def _threshold() -> int:
    return int(settings.MOTCUA_LATE_AFTER_SUPPLEMENT_REQUESTS)


def late_for_supplements(supplement_count: int) -> bool:
    """Whether that many supplement requests make a dossier count as late."""
    threshold = _threshold()
    return threshold > 0 and supplement_count >= threshold


def late_for_supplements_q() -> Q:
    """The same rule as a query condition on dossiers."""
    threshold = _threshold()
    if threshold <= 0:
        return Q(pk__in=[])
    return Q(supplement_count__gte=threshold)
