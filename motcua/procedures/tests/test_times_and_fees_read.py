"""Times and fees read from the catalogue as the law means them: same-day
civil-status registrations, bare numbers, fees set by the provincial council and
times that differ by case (ADR 0009)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from motcua.procedures.choices import Channel, TimeUnit
from motcua.procedures.records import parse_record
from motcua.procedures.statutory import statutory_time
from motcua.procedures.tests.conftest import HEADER, make_record

_FILE = ("procedures", "tthc_catalog_cap_xa.jsonl")


@pytest.fixture(scope="module")
def catalogue(shared_data: Path) -> dict[str, dict[str, Any]]:
    with shared_data.joinpath(*_FILE).open(encoding="utf-8") as lines:
        records = (json.loads(line) for line in lines if line.strip())
        return {r["ma_thu_tuc"]: r for r in records}


def _kinds(issues: list[Any]) -> set[str]:
    return {issue.kind for issue in issues}


@pytest.mark.parametrize(
    ("code", "article"),
    [
        ("1.001193", "Điều 16"),  # birth
        ("1.000894", "Điều 18"),  # marriage
        ("1.000656", "Điều 34"),  # death
    ],
)
def test_the_civil_status_registrations_the_law_makes_same_day_are_same_day(
    catalogue, code, article
):
    parsed = parse_record(catalogue[code])

    assert parsed.channels
    for channel in parsed.channels:
        assert (channel.time_amount, channel.time_unit) == (
            Decimal(1),
            TimeUnit.SAME_DAY,
        )
        assert "time_without_unit" not in _kinds(channel.issues)
        [basis] = [i.detail for i in channel.issues if i.kind == "time_from_law"]
        assert article in basis
    assert parsed.values["legal_time_unit"] == TimeUnit.SAME_DAY


def test_a_bare_number_without_a_law_behind_it_stays_bare_and_reported():
    record = make_record(
        "1.004746",
        "Đăng ký lại khai sinh",
        cach_thuc_thuc_hien_raw=HEADER + "Trực tiếp3Miễn phí",
    )

    [channel] = parse_record(record).channels

    assert (channel.time_amount, channel.time_unit) == (Decimal(3), None)
    assert "time_without_unit" in _kinds(channel.issues)


def test_a_unit_the_catalogue_gives_is_never_replaced_by_the_law():
    record = make_record(
        "1.001193",
        "Đăng ký khai sinh",
        cach_thuc_thuc_hien_raw=HEADER + "Trực tiếp3 Ngày làm việcMiễn phí",
    )

    [channel] = parse_record(record).channels

    assert (channel.time_amount, channel.time_unit) == (
        Decimal(3),
        TimeUnit.WORKING_DAYS,
    )
    assert "time_from_law" not in _kinds(channel.issues)


def test_the_law_is_found_under_an_agency_suffix_of_the_code():
    law = statutory_time("1.001193.000.00.00.H26")

    assert law is not None and law.unit == TimeUnit.SAME_DAY
    assert statutory_time("1.004746") is None


def test_a_fee_the_provincial_council_sets_is_not_read_as_free(catalogue):
    parsed = parse_record(catalogue["1.001266"])  # cell: "Miễn phí(Mức lệ phí … HĐND)"

    assert parsed.channels
    for channel in parsed.channels:
        assert channel.fee_set_locally
        assert channel.fee_amount_vnd is None
        assert "fee_set_locally" in _kinds(channel.issues)


def test_a_free_procedure_stays_free(catalogue):
    parsed = parse_record(catalogue["1.001193"])

    assert {(c.fee_set_locally, c.fee_amount_vnd) for c in parsed.channels} == {
        (False, 0)
    }


def test_a_channel_with_one_time_for_each_case_is_tied_to_its_case(catalogue):
    # Khai báo tạm vắng: one day in the case of points c and d of Art. 31(1) of
    # the Residence Law, two working days otherwise.
    parsed = parse_record(catalogue["1.003677"])
    online = [c for c in parsed.channels if c.channel == Channel.ONLINE]

    by_case = {c.case_heading: (c.time_amount, c.time_unit) for c in online}
    [case] = [heading for heading in by_case if heading]
    assert "điểm c, điểm d khoản 1 Điều 31" in case
    assert by_case[case] == (Decimal(1), TimeUnit.WORKING_DAYS)
    assert by_case[""] == (Decimal(2), TimeUnit.WORKING_DAYS)
    assert case in {d.case_heading for d in parsed.documents}


def test_a_description_that_only_names_a_case_ties_nothing(catalogue):
    # One time per channel; the description names a case only to say where the
    # dossier is handed in.
    parsed = parse_record(catalogue["1.011441"])

    assert parsed.channels
    assert {c.case_heading for c in parsed.channels} == {""}
