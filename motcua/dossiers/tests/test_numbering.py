from __future__ import annotations

import contextlib

from django.db import transaction

from motcua.dossiers.models import CounterKind
from motcua.dossiers.numbering import dossier_code_allocate, yearly_number_allocate
from motcua.dossiers.tests.factories import vn


def test_codes_follow_the_circular_format_with_the_local_receipt_date(world):
    with transaction.atomic():
        # The date is the local (Vietnam) date of receipt.
        first = dossier_code_allocate(agency=world.agency, at=vn(2026, 3, 2, 6, 30))
        second = dossier_code_allocate(agency=world.agency, at=vn(2026, 3, 2, 23, 59))
        next_day = dossier_code_allocate(agency=world.agency, at=vn(2026, 3, 3, 0, 0))

    assert (first, second, next_day) == (
        "000.00.00.H01-260302-0001",
        "000.00.00.H01-260302-0002",
        "000.00.00.H01-260303-0001",
    )


def test_each_agency_counts_its_own_codes(world):
    with transaction.atomic():
        dossier_code_allocate(agency=world.agency, at=vn(2026, 3, 2, 9))
        other = dossier_code_allocate(agency=world.other, at=vn(2026, 3, 2, 9))

    assert other == "000.00.00.H02-260302-0001"


def test_a_sequence_past_9999_keeps_growing(world):
    from motcua.dossiers.models import DossierCodeSequence

    DossierCodeSequence.objects.create(
        agency=world.agency, day=vn(2026, 3, 2).date(), last_value=9999
    )
    with transaction.atomic():
        code = dossier_code_allocate(agency=world.agency, at=vn(2026, 3, 2, 9))

    assert code == "000.00.00.H01-260302-10000"


def test_a_failed_reception_gives_its_number_back(world):
    from motcua.core.errors import InvalidInput

    with contextlib.suppress(InvalidInput):
        world.receive(vn(2026, 3, 2, 9), papers=[])
    dossier = world.receive(vn(2026, 3, 2, 9))

    assert dossier.code.endswith("-0001")


def test_yearly_counters_restart_each_year_and_per_kind(world):
    with transaction.atomic():
        numbers = [
            yearly_number_allocate(
                agency=world.agency, year=2026, kind=CounterKind.RESULT
            ),
            yearly_number_allocate(
                agency=world.agency, year=2026, kind=CounterKind.RESULT
            ),
            yearly_number_allocate(
                agency=world.agency, year=2027, kind=CounterKind.RESULT
            ),
            yearly_number_allocate(
                agency=world.agency, year=2026, kind=CounterKind.REGISTER
            ),
        ]

    assert numbers == [1, 2, 1, 1]
