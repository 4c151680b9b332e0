"""The public page of the brand kit: its values and every component drawn with it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from motcua.core.brand import brand_get, brand_swatches


@require_GET
def brand(request: HttpRequest) -> HttpResponse:
    """Show the kit: names, logo, colours with their contrast, sizes, components."""
    kit = brand_get()
    context = {"kit": kit, "swatches": brand_swatches(kit)}
    return render(request, "portal/brand.html", context)
