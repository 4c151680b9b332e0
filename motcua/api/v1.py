"""REST API v1 (django-ninja, OpenAPI 3.1 at /api/v1/openapi.json).

Every endpoint calls the same services and selectors as the back-office pages and maps
domain errors to JSON: ``{"detail": "...", "errors": {"field": "..."}}``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.openapi.schema import OpenAPISchema

from motcua.api import (
    agencies,
    auth,
    boards,
    calendar,
    dossiers,
    procedures,
    public,
    units,
    worklists,
)
from motcua.api.openapi import add_error_responses
from motcua.api.published_names import published_errors
from motcua.core.errors import DomainError


class MotcuaAPI(NinjaAPI):
    def get_openapi_schema(
        self,
        *,
        path_prefix: str | None = None,
        path_params: dict[str, Any] | None = None,
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(
            path_prefix=path_prefix, path_params=path_params
        )
        add_error_responses(schema)
        return schema


api = MotcuaAPI(
    title="motcua API",
    version="1",
    description=(
        "Một cửa số – REST API v1. Vietnamese first. Errors are JSON with a `detail` "
        "message and, for invalid input, `errors` per field (HTTP 422)."
    ),
    urls_namespace="api-v1",
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    body = exc.as_dict()
    errors = body.get("errors")
    if isinstance(errors, dict):
        body["errors"] = published_errors(errors)
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, str] = {}
    for error in exc.errors:
        location = [
            str(part)
            for part in error.get("loc", ())
            if part not in {"query", "body", "path"}
        ]
        errors[".".join(location) or "input"] = str(error.get("msg", ""))
    body = {
        "detail": _("Invalid input."),
        "errors": errors,
    }
    return api.create_response(request, body, status=422)


api.add_router("/auth", auth.router, tags=["auth"])
api.add_router("/calendar", calendar.router, tags=["calendar"])
api.add_router("/units", units.router, tags=["units"])
api.add_router("/agencies", agencies.router, tags=["agencies"])
api.add_router(
    "/service-points", agencies.service_point_router, tags=["service points"]
)
api.add_router("/procedures", procedures.router, tags=["procedures"])
api.add_router("/dossiers", dossiers.router, tags=["dossiers"])
api.add_router("/registers", dossiers.register_router, tags=["dossiers"])
api.add_router("/worklists", worklists.router, tags=["worklists"])
api.add_router("/public", public.router, tags=["public"])
api.add_router("/public/boards", boards.router, tags=["public"])
