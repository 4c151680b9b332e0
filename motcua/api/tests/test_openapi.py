"""The OpenAPI document describes every answer the API gives (one rule)."""

from __future__ import annotations

import inspect

import pytest
from ninja import Schema

import motcua.api.agencies
import motcua.api.auth
import motcua.api.boards
import motcua.api.calendar
import motcua.api.dossiers.schemas_in
import motcua.api.dossiers.schemas_out
import motcua.api.procedures
import motcua.api.public
import motcua.api.units
import motcua.api.worklists
from motcua.api.v1 import api

MODULES = (
    motcua.api.agencies,
    motcua.api.auth,
    motcua.api.boards,
    motcua.api.calendar,
    motcua.api.dossiers.schemas_in,
    motcua.api.dossiers.schemas_out,
    motcua.api.procedures,
    motcua.api.public,
    motcua.api.units,
    motcua.api.worklists,
)


@pytest.fixture(scope="module")
def document():
    return api.get_openapi_schema()


def responses(document, path, method):
    return {str(code) for code in document["paths"][path][method]["responses"]}


def test_every_operation_documents_the_edges_refusals(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            codes = {str(code) for code in operation["responses"]}
            assert {"400", "414"} <= codes, (method, path)
            if operation.get("parameters") or "requestBody" in operation:
                assert "422" in codes, (method, path)


def test_staff_operations_document_authentication_and_conflicts(document):
    assert {"401", "403", "404"} <= responses(
        document, "/api/v1/dossiers/{code}", "get"
    )
    assert {"401", "403", "404", "409", "411", "413", "422"} <= responses(
        document, "/api/v1/dossiers/{code}/transitions", "post"
    )
    assert "429" in responses(document, "/api/v1/public/dossiers/{code}", "get")
    assert {"403", "429"} <= responses(document, "/api/v1/auth/token", "post")


def test_errors_share_one_schema(document):
    error = document["components"]["schemas"]["ErrorOut"]
    content = document["paths"]["/api/v1/dossiers"]["get"]["responses"][401]
    assert error["required"] == ["detail"]
    assert content["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"
    }


def test_no_two_schemas_share_a_name():
    """The document names components by class: two of one name overwrite each
    other (a procedure's papers were once described as a dossier's)."""
    seen: dict[str, str] = {}
    for module in MODULES:
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, Schema)
                and value.__module__ == module.__name__
            ):
                assert name not in seen, (name, seen.get(name), module.__name__)
                seen[name] = module.__name__
    assert "ProcedureDocumentOut" in seen


def test_office_hours_are_described_as_local_clock_times(document):
    hours = document["components"]["schemas"]["AgencyOut"]["properties"]["work_start"]
    assert "format" not in hours
    assert hours["pattern"].startswith("^[0-2][0-9]:")
