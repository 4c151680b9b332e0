"""Template filters of the notice banner (in memory: the notices are cached)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from motcua.notices.selectors import NoticeBanner

register = template.Library()


@register.simple_tag
def notices_for_board(
    notices: Iterable[NoticeBanner] | None, subject: object
) -> list[NoticeBanner]:
    """Keep the notices about a board's service point (or published by its agency);
    with no board subject, keep them all. A tag, not a filter: on pages without
    a board, a missing ``board`` must not fail."""
    found = list(notices or ())
    scope = getattr(subject, "scope", None)
    if scope == "service_point":
        code = getattr(subject, "code", "")
        return [n for n in found if code in n.service_point_codes]
    if scope == "agency":
        pk = getattr(subject, "pk", None)
        return [n for n in found if n.agency_id == pk]
    return found
