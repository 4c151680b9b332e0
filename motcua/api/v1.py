"""REST API v1 (django-ninja, OpenAPI 3.1 at /api/v1/openapi.json)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from motcua.core.errors import DomainError

api = NinjaAPI(
    title="motcua API",
    version="1",
    description="Một cửa số – REST API v1. Vietnamese first; errors carry a `detail`.",
    urls_namespace="api-v1",
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status_code)
