"""The legal time a dossier gets: the channel's row for its case, and a bare
number counted as working days and said so on the receipt (ADR 0009)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from motcua.dossiers.choices import DossierChannel
from motcua.dossiers.intake import (
    deadline_preview,
    legal_time_for,
    procedure_listed_free,
)
from motcua.dossiers.printing import NO_LEGAL_TIME_WORDS, receipt_data
from motcua.dossiers.tests.factories import all_ticks, vn
from motcua.procedures.choices import Channel, TimeUnit
from motcua.procedures.models import ProcedureChannel, RequiredPaper

pytestmark = pytest.mark.django_db

MONDAY_9 = vn(2026, 3, 2, 9)
CASE_A = "Trường hợp công dân thuộc điểm a, điểm b khoản 1 Điều 31"
CASE_C = "Trường hợp thuộc quy định tại điểm c, điểm d khoản 1 Điều 31"


def _channel(procedure, position, amount, unit, *, case="", **extra):
    return ProcedureChannel.objects.create(
        procedure=procedure,
        position=position,
        channel=Channel.IN_PERSON,
        time_amount=amount,
        time_unit=unit,
        time_text=str(amount),
        case_heading=case,
        **extra,
    )


@pytest.fixture
def two_cases(world):
    procedure = world.procedure
    procedure.papers.all().delete()
    for position, case in enumerate((CASE_A, CASE_C), start=1):
        RequiredPaper.objects.create(
            procedure=procedure,
            position=position,
            case_heading=case,
            name=f"Tờ khai {position}",
            originals=1,
        )
    _channel(procedure, 1, Decimal(1), TimeUnit.WORKING_DAYS, case=CASE_C)
    _channel(procedure, 2, Decimal(2), TimeUnit.WORKING_DAYS)
    return procedure


def test_the_time_of_the_dossiers_case_is_counted(world, two_cases):
    assert legal_time_for(two_cases, DossierChannel.IN_PERSON, CASE_C) == (
        Decimal(1),
        TimeUnit.WORKING_DAYS,
    )
    assert legal_time_for(two_cases, DossierChannel.IN_PERSON, CASE_A) == (
        Decimal(2),
        TimeUnit.WORKING_DAYS,
    )

    case_c = world.receive(
        MONDAY_9,
        case_heading=CASE_C,
        papers=all_ticks(two_cases)[1:],
    )
    case_a = world.receive(
        MONDAY_9,
        case_heading=CASE_A,
        papers=all_ticks(two_cases)[:1],
    )

    assert case_c.deadline_at == vn(2026, 3, 3, 9)
    assert case_a.deadline_at == vn(2026, 3, 4, 9)
    preview = deadline_preview(
        procedure=two_cases,
        agency=world.agency,
        channel=DossierChannel.IN_PERSON,
        now=MONDAY_9,
        case_heading=CASE_C,
    )
    assert preview is not None and preview.deadline_at == case_c.deadline_at


def test_a_bare_number_is_counted_in_working_days_and_the_receipt_says_so(world):
    _channel(world.procedure, 1, Decimal(3), None)

    dossier = world.receive(MONDAY_9)

    assert dossier.legal_time_unit == TimeUnit.WORKING_DAYS
    assert dossier.legal_time_unit_assumed
    assert dossier.deadline_at == vn(2026, 3, 5, 9)
    line = receipt_data(dossier=dossier, tracking_url="https://x.vn/t").legal_time
    assert line == "3 ngày làm việc (danh mục chỉ ghi “3”, không ghi đơn vị)"


def test_a_published_unit_is_not_said_to_be_assumed(world):
    dossier = world.receive(MONDAY_9)

    assert not dossier.legal_time_unit_assumed
    line = receipt_data(dossier=dossier, tracking_url="https://x.vn/t").legal_time
    assert line == "5 ngày làm việc"


def test_an_untimed_procedure_says_so_on_the_receipt(world):
    world.procedure.legal_time_amount = None
    world.procedure.legal_time_unit = None
    world.procedure.save()

    dossier = world.receive(MONDAY_9)

    assert dossier.deadline_at is None
    line = receipt_data(dossier=dossier, tracking_url="https://x.vn/t").legal_time
    assert line == NO_LEGAL_TIME_WORDS


def test_a_fee_set_by_the_provincial_council_is_not_free(world):
    procedure = world.procedure
    row = _channel(procedure, 1, Decimal(1), TimeUnit.WORKING_DAYS, fee_amount_vnd=0)
    assert procedure_listed_free(procedure, DossierChannel.IN_PERSON)

    row.fee_set_locally, row.fee_amount_vnd = True, None
    row.save()

    assert row.fee_unknown
    assert not procedure_listed_free(procedure, DossierChannel.IN_PERSON)
    row.fee_amount_vnd = 0  # entered by the agency: "free" again, and known
    row.save()
    assert not row.fee_unknown
    assert procedure_listed_free(procedure, DossierChannel.IN_PERSON)
