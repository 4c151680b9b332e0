from datetime import date

import pytest

from motcua.agencies.models import Agency, AgencyKind, AgencyLevel
from motcua.core.errors import InvalidInput, NotFound
from motcua.procedures.choices import DelegationKind
from motcua.procedures.models import Procedure, ProcedureAgency
from motcua.procedures.selectors import (
    field_list,
    internal_process_for,
    procedure_get,
    procedure_search,
)
from motcua.procedures.services import (
    catalogue_import,
    delegation_record,
    internal_process_copy_for_agency,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(small_catalogue):
    catalogue_import(records=small_catalogue)


def _agency(code: str) -> Agency:
    return Agency.objects.create(
        code=code,
        name=f"UBND {code}",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        level=AgencyLevel.COMMUNE,
    )


def codes(queryset):
    return [p.code for p in queryset]


@pytest.mark.parametrize(
    "query",
    [
        "dang ky khai sinh",
        "ĐĂNG KÝ KHAI SINH",
        "Đăng ký khai sinh",
        "  dang   KY khai sinh ",
    ],
)
def test_search_ignores_diacritics_and_case_and_ranks_the_exact_title_first(
    imported, query
):
    found = codes(procedure_search(query=query))
    # NFD data: the exact title, then "starts with", then "contains", then all words.
    assert found == ["1.001193", "1.000894", "1.004222", "2.000001"]


def test_search_finds_a_procedure_by_code(imported):
    assert codes(procedure_search(query="1.004227")) == ["1.004227"]
    assert codes(procedure_search(query="004222")) == ["1.004222"]


def test_search_filters_by_level_field_and_agency(imported):
    assert codes(procedure_search(level="province")) == ["1.004227"]
    residence = next(f for f in field_list() if f.name == "Cư trú")
    assert codes(procedure_search(query="khai sinh", field_id=residence.pk)) == [
        "1.004222"
    ]
    agency = _agency("000.00.00.H38")
    ProcedureAgency.objects.create(
        procedure=Procedure.objects.get(code="1.004227"), agency=agency
    )
    assert codes(procedure_search(agency_code="000.00.00.H38")) == ["1.004227"]
    with pytest.raises(InvalidInput):
        procedure_search(level="district")


def test_an_empty_query_lists_by_code(imported):
    assert codes(procedure_search()) == sorted(codes(procedure_search()))


def test_procedure_get_raises_not_found_for_an_unknown_code(imported):
    assert procedure_get(code="1.001193").code == "1.001193"
    with pytest.raises(NotFound):
        procedure_get(code="9.999999")


def test_an_agency_copy_of_the_default_process_is_used_for_that_agency(imported):
    procedure = Procedure.objects.get(code="1.001193")
    agency = _agency("000.00.00.H01")
    copy = internal_process_copy_for_agency(procedure=procedure, agency=agency)
    assert internal_process_for(procedure=procedure, agency_id=agency.pk) == copy
    default = internal_process_for(procedure=procedure)
    assert default is not None and default.agency is None
    assert [s.quota_half_days for s in copy.steps.order_by("position")] == [1, 3, 1, 1]


def test_a_delegation_to_the_same_agency_or_with_reversed_dates_is_refused(imported):
    agency = _agency("000.00.00.H04")
    with pytest.raises(InvalidInput) as error:
        delegation_record(
            procedure=Procedure.objects.get(code="1.001193"),
            kind=DelegationKind.AUTHORISATION,
            from_agency=agency,
            to_agency=agency,
            legal_instrument="",
            valid_from=date(2025, 7, 1),
            valid_to=date(2025, 1, 1),
        )
    assert set(error.value.field_errors) == {
        "to_agency",
        "legal_instrument",
        "valid_to",
    }
