from __future__ import annotations

import io

from openpyxl import load_workbook  # type: ignore[import-untyped]

from motcua.printed_forms.spreadsheets import COLUMNS, HEADER_ROW, register_xlsx
from motcua.printed_forms.tests.conftest import local
from motcua.printed_forms.tests.test_rendering import register


def test_the_register_opens_back_with_a_header_row_and_every_row(header):
    workbook = load_workbook(io.BytesIO(register_xlsx(register(header, 25))))
    sheet = workbook.active

    assert sheet.title == "Sổ theo dõi hồ sơ"
    assert "SỔ THEO DÕI HỒ SƠ" in sheet["A1"].value
    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026" in sheet["A2"].value
    headings = [cell.value for cell in sheet[HEADER_ROW]]
    assert headings == [heading for heading, _ in COLUMNS]
    assert sheet.max_row == HEADER_ROW + 25
    first = [cell.value for cell in sheet[HEADER_ROW + 1]]
    assert first[:4] == [
        1,
        "000.00.00.H30-260305-0001",
        "Chứng thực bản sao từ bản chính",
        "Vũ Thị Ngọc Ánh 1",
    ]
    assert first[6] == "UBND phường Ba Đình"
    assert first[10] == "Trực tiếp"


def test_register_times_are_local_excel_datetimes(header):
    sheet = load_workbook(io.BytesIO(register_xlsx(register(header, 2)))).active
    row = sheet[HEADER_ROW + 1]

    # Excel has no time zones: the cells hold Hanoi wall-clock time.
    assert row[7].value == local(2026, 3, 5, 8, 0).replace(tzinfo=None)
    assert row[7].number_format == "dd/mm/yyyy hh:mm"
    assert row[9].value == local(2026, 3, 5, 16, 30).replace(tzinfo=None)
    assert sheet[HEADER_ROW + 2][9].value is None  # not returned yet


def test_the_register_freezes_the_header_and_sets_widths(header):
    sheet = load_workbook(io.BytesIO(register_xlsx(register(header, 3)))).active

    assert sheet.freeze_panes == f"C{HEADER_ROW + 1}"
    assert sheet.column_dimensions["B"].width == 28
    assert sheet.column_dimensions["C"].width == 45
