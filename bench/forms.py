"""Benchmark the official forms: form 01, the register (500 and 1,400 rows).

Run from the repository root: ``python bench/forms.py [RENDERS]``. The forms are
built from hand-made data; a throwaway SQLite file under var/bench/ holds only the
brand kit the slips read. Prints ``name: value`` lines.
"""

from __future__ import annotations

import io
import logging
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
_BENCH_DIR = Path(__file__).resolve().parent.parent / "var" / "bench"
_BENCH_DIR.mkdir(parents=True, exist_ok=True)
os.environ["DATABASE_URL"] = f"sqlite:///{_BENCH_DIR / 'forms.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)

from pypdf import PdfReader  # noqa: E402

from motcua.dossiers.printing import (  # noqa: E402
    register_part,
    register_rows_per_part,
)
from motcua.printed_forms.data import (  # noqa: E402
    Filer,
    FormHeader,
    PaperItem,
    Party,
    ReceiptData,
    RegisterData,
    RegisterRow,
)
from motcua.printed_forms.rendering import form_pdf  # noqa: E402
from motcua.printed_forms.spreadsheets import register_xlsx  # noqa: E402

T = TypeVar("T")
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
START = datetime(2026, 3, 2, 8, 0, tzinfo=HANOI)
HEADER = FormHeader(
    parent_agency="UBND Thành phố Hà Nội",
    unit="Trung tâm Phục vụ hành chính công",
    place="Hà Nội",
    issued_on=date(2026, 3, 5),
)


def receipt() -> ReceiptData:
    return ReceiptData(
        header=HEADER,
        dossier_code="000.00.00.H30-260305-0001",
        tracking_url="https://motcua.example.vn/tra-cuu/000.00.00.H30-260305-0001/",
        applicant=Party(
            name="Nguyễn Thị Ánh Tuyết",
            id_number="001190000123",
            address="Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
            phone="0912345678",
            email="tuyet@example.vn",
        ),
        filer=Filer(name="Lê Văn Đức", id_number="001085000456"),
        procedure_name="Cấp giấy phép xây dựng nhà ở riêng lẻ",
        received_at=START,
        appointment_at=START + timedelta(days=21),
        legal_time="15 ngày làm việc",
        papers=tuple(
            PaperItem(f"Giấy tờ số {n}: bản vẽ, đơn, giấy chứng nhận", 1, 1)
            for n in range(1, 7)
        ),
        receiving_officer="Trần Văn Bình",
    )


def register(count: int) -> RegisterData:
    rows = tuple(
        RegisterRow(
            code=f"000.00.00.H30-2603{2 + n // 100:02d}-{n:04d}",
            procedure_name="Chứng thực bản sao từ bản chính giấy tờ, văn bản",
            applicant_name=f"Vũ Thị Ngọc Ánh {n}",
            address="Số 1 phố Đinh Tiên Hoàng, phường Hoàn Kiếm, Hà Nội",
            phone="0901000000",
            lead_agency="UBND phường Hoàn Kiếm",
            received_at=START + timedelta(minutes=7 * n),
            appointment_at=START + timedelta(days=1, minutes=7 * n),
            returned_at=START + timedelta(hours=20, minutes=7 * n),
            return_method="Trực tiếp",
        )
        for n in range(1, count + 1)
    )
    return RegisterData(
        header=HEADER, start_on=date(2026, 3, 1), end_on=date(2026, 3, 31), rows=rows
    )


def timed(action: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> None:
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    renders = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    data = receipt()
    first, _ = timed(lambda: form_pdf(data))  # imports WeasyPrint, loads fonts
    print(f"form01_first_render_s: {first:.3f}")
    times = []
    pdf = b""
    for _n in range(renders):
        seconds, pdf = timed(lambda: form_pdf(data))
        times.append(seconds)
    print(f"form01_renders: {renders}")
    print(f"form01_pdf_median_ms: {statistics.median(times) * 1000:.1f}")
    print(f"form01_pdf_max_ms: {max(times) * 1000:.1f}")
    print(f"form01_pdf_bytes: {len(pdf)}")

    big = register(500)
    seconds, register_pdf = timed(lambda: form_pdf(big))
    pages = len(PdfReader(io.BytesIO(register_pdf)).pages)
    print(f"register500_pdf_s: {seconds:.3f}")
    print(f"register500_pdf_pages: {pages}")
    print(f"register500_pdf_bytes: {len(register_pdf)}")
    seconds, workbook = timed(lambda: register_xlsx(big))
    print(f"register500_xlsx_s: {seconds:.3f}")
    print(f"register500_xlsx_bytes: {len(workbook)}")

    # A busy centre's month, as the back office prints it: PDF parts of
    # MOTCUA_REGISTER_PDF_ROWS rows, each one request (gunicorn's 30 s timeout).
    month = register(1400)
    parts = register_part(month).parts
    part_times = []
    for number in range(1, parts + 1):
        part = register_part(month, number)
        seconds, _pdf = timed(lambda part=part: form_pdf(part))  # type: ignore[misc]
        part_times.append(seconds)
    print(f"register1400_rows_per_part: {register_rows_per_part()}")
    print(f"register1400_parts: {parts}")
    print(f"register_part_pdf_max_s: {max(part_times):.3f}")
    per_1000 = sum(part_times) / len(month.rows) * 1000
    print(f"register_pdf_s_per_1000_rows: {per_1000:.3f}")
    seconds, workbook = timed(lambda: register_xlsx(month))
    print(f"register1400_xlsx_s: {seconds:.3f}")


if __name__ == "__main__":
    main()
