"""API v1: units, agencies, service points and the procedure catalogue."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.agencies.models import (
    AdministrativeUnit,
    Agency,
    UnitGeneration,
    UnitLevel,
)
from motcua.procedures.choices import DelegationKind
from motcua.procedures.models import Procedure
from motcua.procedures.services import (
    catalogue_import,
    delegation_record,
    delegation_target_set,
)

SEED = Path(__file__).resolve().parents[2] / "demo" / "seed" / "demo_seed.json"

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--own-seed", verbosity=0)


def test_units_are_searchable_without_accents(client, demo):
    response = client.get("/api/v1/units", {"q": "ba dinh", "level": "commune"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert [unit["name"] for unit in items] == ["Phường Ba Đình"]
    assert items[0]["parent_code"] == "01"


def test_a_unit_detail_is_found_by_generation_level_and_code(client, demo):
    response = client.get("/api/v1/units/2025/commune/00004")
    assert response.status_code == 200
    assert response.json()["name"] == "Phường Ba Đình"
    assert client.get("/api/v1/units/2025/commune/99999").status_code == 404


def test_agencies_list_and_detail(client, demo):
    response = client.get("/api/v1/agencies", {"level": "commune", "kind": "police"})
    assert response.status_code == 200
    codes = [agency["code"] for agency in response.json()["items"]]
    assert "H26.00004.CA" in codes
    assert all(code.endswith(".CA") for code in codes)
    detail = client.get("/api/v1/agencies/H26.00004").json()
    assert detail["reception_cutoff"] == "15:00:00"
    assert detail["unit_code"] == "00004"
    assert client.get("/api/v1/agencies/NOPE.1").status_code == 404


def test_service_points_receive_for_agencies_across_boundaries(client, demo):
    response = client.get("/api/v1/service-points", {"receives_for": "H26.00070"})
    assert response.status_code == 200
    points = response.json()["items"]
    # Every demo branch in the city receives for Phường Hoàn Kiếm (Decree 118 Art. 14).
    assert len(points) == 5
    assert {c["number"] for c in points[0]["counters"]} == {1, 2, 3, 4}


def test_catalogue_search_ignores_accents_and_case(client, demo):
    for query in ("dang ky khai sinh", "ĐĂNG KÝ KHAI SINH"):
        response = client.get("/api/v1/procedures", {"q": query})
        assert response.status_code == 200
        assert response.json()["items"][0]["code"] == "1.001193"


def test_catalogue_search_by_code_and_filters(client, demo):
    assert (
        client.get("/api/v1/procedures", {"q": "1.004222"}).json()["items"][0]["name"]
        == "Đăng ký thường trú"
    )
    province = client.get("/api/v1/procedures", {"level": "province"}).json()
    assert [p["code"] for p in province["items"]] == ["1.003005"]
    police = client.get("/api/v1/procedures", {"agency": "H26.00004.CA"}).json()
    assert {p["code"] for p in police["items"]} == {"1.004222", "1.004194"}


def test_an_unknown_level_is_a_clear_422(client, demo):
    response = client.get("/api/v1/procedures", {"level": "galaxy"})
    assert response.status_code == 422
    assert response.json()["detail"]


def test_procedure_detail_has_channels_documents_and_default_process(client, demo):
    response = client.get("/api/v1/procedures/1.004222")
    assert response.status_code == 200
    body = response.json()
    assert {c["channel"] for c in body["channels"]} == {"in_person", "online"}
    assert Decimal(body["legal_time_amount"]) == 7
    assert body["legal_time_unit"] == "working_days"
    first_document = body["documents"][0]["name"]
    assert first_document == "Tờ khai thay đổi thông tin cư trú"
    quotas = sum(step["quota_half_days"] for step in body["default_process"])
    assert quotas == 14  # 7 working days in ½-day units
    assert client.get("/api/v1/procedures/9.999999").status_code == 404


def _delegation_report(client, **params):
    return client.get("/api/v1/procedures/delegation-report", params)


def test_delegation_report_without_a_target_gives_the_ratio_and_says_so(client, demo):
    # The old per-request target is not a parameter any more: it changes nothing.
    response = _delegation_report(
        client,
        province="01",
        levels="commune",
        on_date="2026-11-25",
        target_percent="20",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["province"], body["total"], body["delegated"]) == ("01", 9, 0)
    assert Decimal(body["ratio_percent"]) == 0
    assert body["target"] is None and body["meets_target"] is None
    assert body["target_note"]


def test_delegation_report_uses_the_provinces_stored_target(client, demo):
    city = Agency.objects.get(code="H26")
    ward = Agency.objects.get(code="H26.00004")
    for code in ("1.001193", "1.000894", "1.000656"):
        delegation_record(
            procedure=Procedure.objects.get(code=code),
            kind=DelegationKind.DELEGATION,
            from_agency=city,
            to_agency=ward,
            legal_instrument="Quyết định 1716/QĐ-UBND",
            valid_from=date(2025, 7, 1),
        )
    delegation_target_set(
        province=AdministrativeUnit.objects.get(
            generation=UnitGeneration.TWO_LEVEL, level=UnitLevel.PROVINCE, code="01"
        ),
        valid_from=date(2026, 1, 1),
        valid_to=date(2027, 1, 1),
        target_ratio=Decimal("0.20"),
        legal_basis="Quyết định 1/QĐ-TTg",
    )
    body = _delegation_report(client, province="01", on_date="2026-11-25").json()
    assert (body["total"], body["delegated"]) == (9, 3)
    assert Decimal(body["ratio_percent"]) == Decimal("33.33")
    assert Decimal(body["target"]["target_percent"]) == 20
    assert body["target"]["legal_basis"] == "Quyết định 1/QĐ-TTg"
    assert body["meets_target"] is True and body["target_note"] == ""
    before = _delegation_report(client, province="01", on_date="2025-12-31").json()
    assert before["delegated"] == 3 and before["target"] is None


def test_delegation_report_for_an_unknown_province_is_a_clear_422(client, demo):
    response = _delegation_report(client, province="99")
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"province"}
    assert _delegation_report(client).status_code == 422  # the province is needed


def test_the_procedure_list_uses_the_same_queries_for_5_or_50_rows(client, db):
    records = json.loads(SEED.read_text(encoding="utf-8"))["procedures"]
    catalogue_import(records=records[:5])
    client.get("/api/v1/procedures", {"limit": 50})  # warm once-per-process loads
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/procedures", {"limit": 50})
    many = [
        {**records[i % len(records)], "ma_thu_tuc": f"9.{i:06d}"} for i in range(50)
    ]
    catalogue_import(records=many)
    with CaptureQueriesContext(connection) as lots:
        response = client.get("/api/v1/procedures", {"limit": 50})
    assert response.json()["count"] == 55
    assert len(lots.captured_queries) == len(few.captured_queries)
