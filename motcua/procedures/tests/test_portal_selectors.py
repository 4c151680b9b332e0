"""The portal's search: typo tolerance, life events, agencies, where to submit."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from motcua.agencies.models import ServicePoint
from motcua.core.errors import InvalidInput
from motcua.procedures.models import Procedure
from motcua.procedures.portal_selectors import (
    fields_with_procedures,
    form_template_url,
    life_events,
    procedure_public_page,
    procedure_search_public,
    procedure_where_to_submit,
    procedures_by_agency,
    time_amount_words,
)

BIRTH = "1.001193"
RESIDENCE = "1.004222"

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_trgm needs PostgreSQL"
)


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--own-seed", stdout=StringIO())


def codes(procedures) -> list[str]:
    return [procedure.code for procedure in procedures]


def test_plain_search_ignores_accents_and_ranks_the_birth_procedure_first(demo):
    found = codes(procedure_search_public(query="dang ky khai sinh"))
    assert found[0] == BIRTH


@needs_postgres
def test_a_typo_still_finds_the_birth_registration_on_postgresql(demo):
    found = codes(procedure_search_public(query="dang ky khai snh"))
    assert found and found[0] == BIRTH


@needs_postgres
def test_typo_tolerance_respects_the_field_filter(demo):
    birth = Procedure.objects.get(code=BIRTH)
    other_field = Procedure.objects.get(code=RESIDENCE).field_id
    assert codes(procedure_search_public(query="khai snh", field_id=birth.field_id))
    assert not codes(procedure_search_public(query="khai snh", field_id=other_field))


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite behaviour")
def test_a_typo_finds_nothing_on_sqlite_where_only_the_plain_search_runs(demo):
    assert codes(procedure_search_public(query="dang ky khai snh")) == []


def test_gibberish_finds_nothing(demo):
    assert codes(procedure_search_public(query="qwxz zzqv")) == []


def test_the_birth_life_event_lists_the_birth_registration_only(demo):
    found = codes(procedure_search_public(life_event="sinh-con"))
    assert found == [BIRTH]


def test_the_residence_life_event_lists_permanent_and_temporary_residence(demo):
    found = set(codes(procedure_search_public(life_event="cu-tru")))
    assert found == {RESIDENCE, "1.004194"}


def test_a_life_event_combines_with_the_query(demo):
    found = codes(procedure_search_public(query="tam tru", life_event="cu-tru"))
    assert found == ["1.004194"]


def test_an_unknown_life_event_is_refused():
    with pytest.raises(InvalidInput):
        procedure_search_public(life_event="du-lich")


def test_every_life_event_has_a_slug_a_label_and_keywords():
    slugs = [event.slug for event in life_events()]
    assert len(slugs) == len(set(slugs)) == 7
    assert all(event.keywords and str(event.label) for event in life_events())


def test_limit_cuts_the_list(demo):
    assert len(procedure_search_public(limit=3)) == 3


def test_browse_by_agency_lists_agencies_with_their_procedure_counts(demo):
    agencies = {a.code: a.procedure_count for a in procedures_by_agency()}
    assert agencies["H26.00004.CA"] == 2  # permanent and temporary residence
    found = codes(procedure_search_public(agency_code="H26.00004.CA"))
    assert set(found) == {RESIDENCE, "1.004194"}


def test_fields_list_only_fields_with_procedures(demo):
    names = [field.name for field in fields_with_procedures()]
    assert "Hộ tịch" in names
    assert names == sorted(names)


def test_where_to_submit_lists_every_point_receiving_for_the_agencies(demo):
    birth = Procedure.objects.get(code=BIRTH)
    points = list(procedure_where_to_submit(birth))
    assert [p.code for p in points] == [f"HN-CN0{n}" for n in range(1, 6)]
    assert all(p.address and p.opening_hours for p in points)


def test_where_to_submit_skips_closed_points(demo):
    ServicePoint.objects.filter(code="HN-CN01").update(is_active=False)
    birth = Procedure.objects.get(code=BIRTH)
    assert "HN-CN01" not in [p.code for p in procedure_where_to_submit(birth)]


def test_a_procedure_without_agencies_has_nowhere_listed(demo):
    birth = Procedure.objects.get(code=BIRTH)
    birth.agency_links.all().delete()
    assert list(procedure_where_to_submit(birth)) == []


def test_the_public_page_groups_papers_by_case(demo):
    page = procedure_public_page(code=BIRTH)
    assert len(page.cases) == 1
    names = [paper.document.name for paper in page.cases[0].papers]
    assert names == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    assert len(page.service_points) == 5
    assert page.channels and page.results


def test_a_form_template_links_only_when_its_file_is_stored(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path
    assert form_template_url(procedure_code=BIRTH, form_template="TK1.doc") is None
    default_storage.save(f"form_templates/{BIRTH}/TK1.doc", ContentFile(b"doc"))
    url = form_template_url(procedure_code=BIRTH, form_template="TK1.doc")
    assert url is not None and url.endswith("/form_templates/1.001193/TK1.doc")
    assert form_template_url(procedure_code=BIRTH, form_template="../x.doc") is None


def test_time_amounts_read_in_plain_vietnamese_numbers():
    from decimal import Decimal

    assert time_amount_words(Decimal("5.00")) == "5"
    assert time_amount_words(Decimal("0.50")) == "0,5"
    assert time_amount_words(Decimal("10")) == "10"
    assert time_amount_words(None) == ""
