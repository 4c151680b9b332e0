"""Template filters of the citizen portal."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def vnd(amount: int) -> str:
    """Format an amount in Vietnamese đồng: ``1200000`` → ``1.200.000 đ``."""
    return f"{int(amount):,} đ".replace(",", ".")
