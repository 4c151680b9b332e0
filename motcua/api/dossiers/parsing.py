"""Reading a request: the staff caller, the JSON body, and references in it.

Request bodies are parsed here (not by django-ninja) so that a 422 names plain
fields (``applicant.id_number``, ``assignee``) rather than the parameter and the
union tag; :func:`body_doc` keeps their schemas in the OpenAPI document.
"""

import json
from collections.abc import Callable
from typing import Any, TypeVar

import pydantic
from django.http import HttpRequest
from django.utils.translation import gettext as _
from pydantic import TypeAdapter

from motcua.accounts.models import User
from motcua.agencies.models import Agency, ServicePoint
from motcua.agencies.selectors import agency_get
from motcua.core.errors import InvalidInput, NotFound

M = TypeVar("M", bound=pydantic.BaseModel)


def staff_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - staff_auth sets it
    return user


def _field_errors(error: pydantic.ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"]) or "input"
        errors.setdefault(key, item["msg"])
    return errors


def json_body(request: HttpRequest) -> object:
    try:
        return json.loads(request.body or b"null")
    except ValueError:
        raise InvalidInput(
            _("The request body is not valid JSON."),
            field_errors={"input": _("Send a JSON object.")},
        ) from None


def validate(model: type[M], raw: object) -> M:
    """Return ``raw`` as ``model``; raise InvalidInput with a message per field."""
    try:
        return model.model_validate(raw)
    except pydantic.ValidationError as error:
        raise InvalidInput(
            _("Invalid input."), field_errors=_field_errors(error)
        ) from None


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """Replace ``$ref``s to ``$defs`` by their schemas (no recursive types here)."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            return _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        inlined = {k: _inline_refs(v, defs) for k, v in node.items() if k != "$defs"}
        if isinstance(node.get("discriminator"), dict):
            # The mapping points into $defs, gone once inlined; the tag remains.
            inlined["discriminator"] = {
                "propertyName": node["discriminator"]["propertyName"]
            }
        return inlined
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    return node


def body_doc(kind: Any) -> dict[str, Any]:
    """Return ``openapi_extra`` documenting a JSON body of type ``kind``."""
    schema = TypeAdapter(kind).json_schema()
    inlined = _inline_refs(schema, schema.get("$defs", {}))
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": inlined}},
        }
    }


def resolve(field: str, lookup: Callable[[], Any]) -> Any:
    """Return ``lookup()``; a NotFound becomes a 422 on ``field`` (it is input)."""
    try:
        return lookup()
    except NotFound as error:
        raise InvalidInput(
            error.message, field_errors={field: _("unknown value")}
        ) from None


def user_named(field: str, username: str) -> User:
    user = User.objects.filter(username=username.strip(), is_active=True).first()
    if user is None:
        raise InvalidInput(
            _("No active staff member has the user name %(name)s.")
            % {"name": username},
            field_errors={field: _("unknown value")},
        )
    return user


def agency_coded(field: str, code: str) -> Agency:
    agency: Agency = resolve(field, lambda: agency_get(code=code))
    return agency


def service_point_coded(code: str) -> ServicePoint:
    point = ServicePoint.objects.select_related("agency").filter(code=code).first()
    if point is None:
        raise InvalidInput(
            _("No service point has the code %(code)s.") % {"code": code},
            field_errors={"service_point_code": _("unknown value")},
        )
    return point
