import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from motcua.procedures.choices import OnlineLevel, TimeUnit
from motcua.procedures.models import InternalProcess, Procedure, ProcessStep
from motcua.procedures.services import catalogue_import
from motcua.procedures.sources import catalogue_records
from motcua.procedures.tests.conftest import make_record

pytestmark = pytest.mark.django_db


def test_import_creates_procedures_with_children_and_a_default_process(small_catalogue):
    report = catalogue_import(records=small_catalogue)
    assert (report.created, report.updated, report.unchanged) == (5, 0, 0)
    procedure = Procedure.objects.get(code="1.001193")
    assert procedure.field is not None and procedure.field.name == "Hộ tịch"
    assert procedure.level_commune and not procedure.level_province
    assert (procedure.legal_time_amount, procedure.legal_time_unit) == (
        Decimal(3),
        TimeUnit.WORKING_DAYS,
    )
    assert procedure.online_level == OnlineLevel.NONE
    assert procedure.raw_record["ma_thu_tuc"] == "1.001193"
    documents = list(procedure.papers.order_by("position"))
    assert [(d.name, d.form_template, d.is_note) for d in documents] == [
        ("Tờ khai.", "TK01.docx", False),
        ("Lưu ý: xuất trình căn cước", "", True),
    ]
    assert [r.code for r in procedure.results.all()] == ["KQ.G01.000001"]
    steps = ProcessStep.objects.filter(process__procedure=procedure)
    assert sum(s.quota_half_days for s in steps) == 6


def test_a_one_hour_online_procedure_is_no_wait_and_fully_online(small_catalogue):
    catalogue_import(records=small_catalogue)
    procedure = Procedure.objects.get(code="1.004227")
    assert procedure.is_no_wait and procedure.is_same_day
    assert procedure.online_level == OnlineLevel.FULL
    assert "process_quota_inexact" in [i["kind"] for i in procedure.parse_issues]


def test_reimport_is_idempotent_and_updates_changed_records(small_catalogue):
    catalogue_import(records=small_catalogue)
    again = catalogue_import(records=small_catalogue)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    small_catalogue[0]["ten_thu_tuc"] = "Đăng ký khai sinh (sửa)"
    changed = catalogue_import(records=small_catalogue)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 4)
    assert Procedure.objects.get(code="1.001193").name == "Đăng ký khai sinh (sửa)"
    assert InternalProcess.objects.filter(procedure__code="1.001193").count() == 1


def test_a_procedure_without_time_gets_no_process_and_an_issue():
    record = make_record(
        "1.000232",
        "Cấp thị thực",
        cach_thuc_thuc_hien_raw="Hình thức nộpThời gianPhí, lệ phíMô tả"
        "Trực tiếpKhông có thông tinKhông có thông tin",
    )
    catalogue_import(records=[record])
    procedure = Procedure.objects.get(code="1.000232")
    assert not procedure.processes.exists()
    assert "no_processing_time" in [i["kind"] for i in procedure.parse_issues]


def test_bad_lines_are_reported_with_their_line_number(tmp_path):
    path = tmp_path / "catalogue.jsonl"
    good = json.dumps(make_record("1.000001", "Thủ tục A"), ensure_ascii=False)
    no_code = json.dumps(make_record("", "Không mã"), ensure_ascii=False)
    path.write_text(f"{good}\n{{not json\n\n{no_code}\n{good}\n", encoding="utf-8")
    report = catalogue_import(records=catalogue_records(path))
    assert report.created == 1
    assert [(r.line, r.reason.split(" ")[0]) for r in report.rejected] == [
        (2, "invalid"),
        (4, "no"),
        (5, "duplicate"),
    ]


def test_the_command_imports_the_commune_subset(shared_data):
    path = shared_data / "procedures" / "tthc_catalog_cap_xa.jsonl"
    # The README says 580 records; the file holds 584 (every "Cấp xã" record).
    expected = sum(1 for line in path.open(encoding="utf-8") if line.strip())
    out = io.StringIO()
    call_command("import_procedures", str(path), stdout=out, stderr=io.StringIO())
    assert Procedure.objects.count() == expected >= 580
    assert Procedure.objects.filter(level_commune=True).count() == expected
    assert f"{expected} imported ({expected} created" in out.getvalue()
    assert "time_without_unit" in out.getvalue()
    residence = Procedure.objects.get(code="1.004222")
    assert residence.results.filter(code="KQ.G01.000064").exists()


def test_the_command_honours_the_limit(shared_data):
    path = shared_data / "procedures" / "tthc_catalog_cap_xa.jsonl"
    call_command(
        "import_procedures",
        str(path),
        "--limit",
        "10",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert Procedure.objects.count() == 10


@pytest.mark.slow
def test_the_full_catalogue_imports_every_record_twice_without_change(shared_data):
    path = shared_data / "procedures" / "tthc_catalog.jsonl.gz"
    first = catalogue_import(records=catalogue_records(path))
    assert (first.created, len(first.rejected)) == (2627, 0)
    assert Procedure.objects.count() == 2627
    second = catalogue_import(records=catalogue_records(path))
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2627)
