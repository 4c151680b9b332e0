"""The register (form 07, Sổ theo dõi hồ sơ) as an Excel workbook.

Circular 03/2025/TT-VPCP lets an electronic register replace the printed book if
it has every column of form 07 (LAW-NOTES §2).
"""

from __future__ import annotations

import io
import unicodedata
from datetime import datetime

from django.utils import timezone

# openpyxl ships no type hints (types-openpyxl would give them).
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import (  # type: ignore[import-untyped]
    Alignment,
    Border,
    Font,
    Side,
)
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from motcua.printed_forms.data import RegisterData, RegisterRow
from motcua.printed_forms.formatting import short_date

# (heading, width in characters) of each column of form 07.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("STT", 6),
    ("Mã hồ sơ", 28),
    ("Tên thủ tục hành chính", 45),
    ("Tên người nộp hồ sơ", 26),
    ("Địa chỉ", 36),
    ("Số điện thoại", 14),
    ("Cơ quan chủ trì giải quyết", 32),
    ("Nhận hồ sơ", 17),
    ("Hẹn trả kết quả", 17),
    ("Trả kết quả", 17),
    ("Phương thức nhận kết quả", 20),
    ("Ký nhận", 14),
)
HEADER_ROW = 4  # title, period and a blank line above it
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _text(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def _local_naive(value: datetime | None) -> datetime | None:
    # Excel has no time zones: write the local wall-clock time.
    if value is None:
        return None
    return timezone.localtime(value).replace(tzinfo=None)


def _row_values(number: int, row: RegisterRow) -> list[object]:
    return [
        number,
        row.code,
        _text(row.procedure_name),
        _text(row.applicant_name),
        _text(row.address),
        row.phone,
        _text(row.lead_agency),
        _local_naive(row.received_at),
        _local_naive(row.appointment_at),
        _local_naive(row.returned_at),
        _text(row.return_method),
        "",
    ]


def _write_heading(sheet: Worksheet, data: RegisterData) -> None:
    unit = data.header.unit or data.header.parent_agency
    sheet["A1"] = _text(f"SỔ THEO DÕI HỒ SƠ – {unit}".strip(" –"))
    sheet["A1"].font = Font(bold=True, size=14)
    period = f"Từ ngày {short_date(data.start_on)} đến ngày {short_date(data.end_on)}"
    if data.field_name:
        period = f"Lĩnh vực: {data.field_name} – {period}"
    sheet["A2"] = _text(period)
    sheet["A2"].font = Font(italic=True)
    for index, (heading, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=heading)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(
            horizontal="center", vertical="center", wrap_text=True
        )
        cell.border = BORDER
        sheet.column_dimensions[get_column_letter(index)].width = width


def _write_rows(sheet: Worksheet, rows: tuple[RegisterRow, ...]) -> None:
    for number, row in enumerate(rows, start=1):
        sheet.append(_row_values(number, row))
        for cell in sheet[HEADER_ROW + number]:
            cell.border = BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(cell.value, datetime):
                cell.number_format = DATETIME_FORMAT


def register_xlsx(data: RegisterData) -> bytes:
    """Return the register as an .xlsx: a header row, frozen panes, set widths."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sổ theo dõi hồ sơ"
    _write_heading(sheet, data)
    _write_rows(sheet, data.rows)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=3)
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(data.rows)}"
    sheet.print_options.gridLines = False
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
