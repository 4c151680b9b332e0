"""Template filters of the payment pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def vnd(amount: int) -> str:
    """Format đồng as Vietnamese prices are written: ``150000`` → ``150.000 ₫``.

    A no-break space keeps the sign on the line of the number on narrow screens.
    """
    return f"{int(amount):,}".replace(",", ".") + "\u00a0₫"
