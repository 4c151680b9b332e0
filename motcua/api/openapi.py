"""The error answers every operation can give, documented in one place.

The edge (``core.edge``), the authentication and the domain errors answer the same
way on every endpoint, so their status codes are added to the OpenAPI document by
rule rather than repeated in each decorator; a code an endpoint declares itself
keeps its own description and model. ``bash .ci/run`` fuzzes the API against this
document (schemathesis) and fails on an answer it does not describe.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    """A refusal: a message, and one per field for invalid input."""

    detail: str
    errors: dict[str, str] = {}


ERROR_SCHEMA_NAME = "ErrorOut"
ERROR_SCHEMA: dict[str, Any] = {
    "title": ERROR_SCHEMA_NAME,
    "description": "A refusal: a message, and one per field for invalid input.",
    "type": "object",
    "properties": {
        "detail": {"title": "Detail", "type": "string"},
        "errors": {
            "title": "Errors",
            "type": "object",
            "additionalProperties": {"type": "string"},
            "default": {},
        },
    },
    "required": ["detail"],
}
DESCRIPTIONS = {
    400: "Input refused at the edge (control characters, a number out of range).",
    401: "No valid bearer token (log in with POST /auth/token).",
    403: "The account's role or agency does not allow this.",
    404: "No such object, or not visible to the caller.",
    409: "The action clashes with the current state.",
    411: "A body sent in chunks without Content-Length.",
    413: "The request body is larger than the server accepts.",
    414: "The request line is longer than the web server accepts (answered by "
    "gunicorn or the proxy in front, as a short HTML page).",
    422: "Invalid input: `errors` says why, per field.",
    429: "Too many requests from this client: see Retry-After.",
}
PUBLIC_PREFIX = "/api/v1/public/"


def _codes_for(path: str, operation: dict[str, Any]) -> list[int]:
    parameters = operation.get("parameters", [])
    codes = [400, 414]
    if parameters or "requestBody" in operation:
        codes.append(422)
    if "requestBody" in operation:
        codes += [411, 413]
    if operation.get("security"):
        codes += [401, 403]
        if "requestBody" in operation:
            codes.append(409)  # a change that clashes with the current state
    if any(p.get("in") == "path" for p in parameters):
        codes.append(404)
    if path.startswith(PUBLIC_PREFIX):
        codes.append(429)
    return codes


def add_error_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """Add to each operation of ``schema`` the error answers it can give."""
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault(ERROR_SCHEMA_NAME, ERROR_SCHEMA)
    reference = {"$ref": f"#/components/schemas/{ERROR_SCHEMA_NAME}"}
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code in _codes_for(path, operation):
                if code in responses or str(code) in responses:
                    continue  # the endpoint's own description and model
                content = (
                    {"text/html": {"schema": {"type": "string"}}}
                    if code == 414
                    else {"application/json": {"schema": reference}}
                )
                responses[code] = {
                    "description": DESCRIPTIONS[code],
                    "content": content,
                }
    return schema
