"""The API describes itself as OpenAPI 3.1, over real HTTP."""

import json
import urllib.request

import pytest


@pytest.mark.django_db(transaction=True)
def test_openapi_document_is_served_over_http(live_server):
    with urllib.request.urlopen(f"{live_server.url}/api/v1/openapi.json") as response:
        assert response.status == 200
        document = json.load(response)
    assert document["openapi"].startswith("3.1")
    paths = set(document["paths"])
    assert {
        "/api/v1/calendar/deadline",
        "/api/v1/units",
        "/api/v1/agencies",
        "/api/v1/agencies/{code}",
        "/api/v1/service-points",
        "/api/v1/procedures",
        "/api/v1/procedures/{code}",
    } <= paths


@pytest.mark.django_db(transaction=True)
def test_interactive_docs_page_loads(live_server):
    with urllib.request.urlopen(f"{live_server.url}/api/v1/docs") as response:
        assert response.status == 200
        assert b"openapi.json" in response.read()
