"""Import the statistics office's administrative-unit lists and old→new table.

Sources (see the shared data README): Công văn 915/CTK-CSCL and 1027/CTK-CSCL of
2025 for the two-level structure in force since 1 July 2025 (Resolution
202/2025/QH15), the NSO three-level list of 2025-01-04, and the NSO conversion
table from old communes to new ones.

The import is idempotent: rows are matched on (generation, level, code) and on
(old unit, new unit); only differences are written. A row that cannot be taken
is reported with its file and line and skipped; it never stops the import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.agencies.models import (
    AdministrativeUnit,
    UnitGeneration,
    UnitLevel,
    UnitSuccession,
)
from motcua.core.errors import InvalidInput
from motcua.core.progress import Progress
from motcua.core.text import fold, nfc

PROVINCES_FILE = "provinces_2025.csv"
WARDS_FILE = "wards_2025.csv"
PRE2025_FILE = "units_pre2025.csv"
MAPPING_FILE = "ward_mapping_2025_new_old.csv"

# The parts in the order they must run: communes need their province, the
# mapping needs both structures.
PARTS = ("provinces", "wards", "pre2025", "mapping")

_BATCH = 500
_NOTE_MAX = UnitSuccession._meta.get_field("note").max_length or 100
_DISTRICT_KINDS = ("thành phố", "thị xã", "quận", "huyện")


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row the import could not take, and why."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass(frozen=True, slots=True)
class TableCounts:
    """What happened to one kind of row (e.g. the 2025 communes)."""

    key: str
    label: str
    created: int
    updated: int
    unchanged: int


@dataclass
class UnitImportReport:
    """Counts per kind of row and every row that was skipped."""

    tables: list[TableCounts] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return sum(t.created + t.updated for t in self.tables)

    def counts(self, key: str) -> TableCounts:
        return next(t for t in self.tables if t.key == key)


@dataclass(frozen=True, slots=True)
class _Unit:
    name: str
    kind: str
    parent_id: int | None


class _Context:
    """What every part needs: where the files are, the report, the progress stream."""

    def __init__(
        self, directory: Path, report: UnitImportReport, stream: TextIO | None
    ) -> None:
        self.directory = directory
        self.report = report
        self.stream = stream if stream is not None else io.StringIO()

    def problem(self, file: str, line: int, reason: str) -> None:
        self.report.problems.append(RowProblem(file, line, reason))

    def rows(
        self, file: str, columns: Collection[str]
    ) -> Iterator[tuple[int, dict[str, str]]]:
        """Yield (line, cleaned row) of ``file``; report a missing file or column."""
        path = self.directory / file
        if not path.is_file():
            self.problem(file, 0, _("file not found: %(path)s") % {"path": path})
            return
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = sorted(set(columns) - set(reader.fieldnames or ()))
            if missing:
                reason = _("missing columns: %(columns)s") % {
                    "columns": ", ".join(missing)
                }
                self.problem(file, 1, reason)
                return
            rows = [(reader.line_num, row) for row in reader]
        progress = Progress(file, len(rows), stream=self.stream, every=2000)
        for line, row in rows:
            yield line, {k: nfc(v or "") for k, v in row.items() if k is not None}
            progress.step()
        progress.finish()


def units_import(
    *,
    directory: Path,
    only: Collection[str] | None = None,
    stream: TextIO | None = None,
) -> UnitImportReport:
    """Import the unit files of ``directory``; return what changed and was skipped.

    ``only`` restricts the import to some of ``PARTS``; ``stream`` receives progress.
    Raises InvalidInput for an unknown part or a directory that does not exist.
    """
    parts = _parts(only)
    if not directory.is_dir():
        raise InvalidInput(
            _("The directory %(path)s does not exist.") % {"path": directory},
            field_errors={"directory": _("not a directory")},
        )
    context = _Context(directory, UnitImportReport(), stream)
    steps = {
        "provinces": _import_provinces,
        "wards": _import_wards,
        "pre2025": _import_pre2025,
        "mapping": _import_mapping,
    }
    with transaction.atomic():
        for part in parts:
            steps[part](context)
    return context.report


def _parts(only: Collection[str] | None) -> list[str]:
    if not only:
        return list(PARTS)
    unknown = sorted(set(only) - set(PARTS))
    if unknown:
        raise InvalidInput(
            _("Unknown part(s) %(parts)s; choose among %(known)s.")
            % {"parts": ", ".join(unknown), "known": ", ".join(PARTS)},
            field_errors={"only": _("unknown part")},
        )
    return [part for part in PARTS if part in only]


def _code_problem(code: str, digits: int, name: str) -> str | None:
    if not (code.isdigit() and len(code) == digits):
        return _("code %(code)r is not %(digits)d digits") % {
            "code": code,
            "digits": digits,
        }
    if not name:
        return _("the unit %(code)s has no name") % {"code": code}
    return None


def _upsert_units(
    *,
    generation: str,
    level: str,
    wanted: dict[str, _Unit],
    key: str,
    label: str,
    report: UnitImportReport,
) -> dict[str, int]:
    """Create or update ``wanted``; return the ids of all units of the level by code."""
    scope = AdministrativeUnit.objects.filter(generation=generation, level=level)
    existing = {unit.code: unit for unit in scope}
    to_create: list[AdministrativeUnit] = []
    to_update: list[AdministrativeUnit] = []
    for code, row in wanted.items():
        unit = existing.get(code)
        if unit is None:
            unit = AdministrativeUnit(generation=generation, level=level, code=code)
            to_create.append(unit)
        elif (unit.name, unit.kind, unit.parent_id, unit.search_text) == (
            row.name,
            row.kind,
            row.parent_id,
            fold(row.name),
        ):
            continue
        else:
            to_update.append(unit)
        unit.name, unit.kind, unit.parent_id = row.name, row.kind, row.parent_id
        unit.search_text = fold(row.name)
    AdministrativeUnit.objects.bulk_create(to_create, batch_size=_BATCH)
    AdministrativeUnit.objects.bulk_update(
        to_update, ["name", "kind", "parent", "search_text"], batch_size=_BATCH
    )
    unchanged = len(wanted) - len(to_create) - len(to_update)
    report.tables.append(
        TableCounts(key, label, len(to_create), len(to_update), unchanged)
    )
    return dict(scope.values_list("code", "id"))


def _unit_ids(generation: str, level: str) -> dict[str, int]:
    scope = AdministrativeUnit.objects.filter(generation=generation, level=level)
    return dict(scope.values_list("code", "id"))


def _import_provinces(context: _Context) -> None:
    wanted: dict[str, _Unit] = {}
    columns = ("province_code", "province_name", "province_type")
    for line, row in context.rows(PROVINCES_FILE, columns):
        code, name = row["province_code"], row["province_name"]
        problem = _code_problem(code, 2, name)
        if problem is None and code in wanted:
            problem = _("duplicate province code %(code)s") % {"code": code}
        if problem:
            context.problem(PROVINCES_FILE, line, problem)
            continue
        wanted[code] = _Unit(name, row["province_type"], None)
    _upsert_units(
        generation=UnitGeneration.TWO_LEVEL,
        level=UnitLevel.PROVINCE,
        wanted=wanted,
        key="provinces_2025",
        label=_("provinces (2025)"),
        report=context.report,
    )


def _import_wards(context: _Context) -> None:
    provinces = _unit_ids(UnitGeneration.TWO_LEVEL, UnitLevel.PROVINCE)
    wanted: dict[str, _Unit] = {}
    columns = ("ward_code", "ward_name", "ward_type", "province_code")
    for line, row in context.rows(WARDS_FILE, columns):
        code, name = row["ward_code"], row["ward_name"]
        problem = _code_problem(code, 5, name)
        province_id = provinces.get(row["province_code"])
        if problem is None and code in wanted:
            problem = _("duplicate commune code %(code)s") % {"code": code}
        if problem is None and province_id is None:
            problem = _("unknown province code %(code)r") % {
                "code": row["province_code"]
            }
        if problem:
            context.problem(WARDS_FILE, line, problem)
            continue
        wanted[code] = _Unit(name, row["ward_type"], province_id)
    _upsert_units(
        generation=UnitGeneration.TWO_LEVEL,
        level=UnitLevel.COMMUNE,
        wanted=wanted,
        key="communes_2025",
        label=_("communes (2025)"),
        report=context.report,
    )


@dataclass
class _Pre2025Rows:
    provinces: dict[str, str] = field(default_factory=dict)  # code → name
    districts: dict[str, tuple[str, str]] = field(default_factory=dict)  # → name, prov
    communes: dict[str, tuple[str, str, str]] = field(default_factory=dict)


def _province_kind(name: str) -> str:
    return (
        "thành phố trực thuộc trung ương"
        if fold(name).startswith("thanh pho")
        else "tỉnh"
    )


def _district_kind(name: str) -> str:
    folded = fold(name)
    return next((k for k in _DISTRICT_KINDS if folded.startswith(fold(k))), "")


def _take_pre2025_row(rows: _Pre2025Rows, row: dict[str, str]) -> str | None:
    """Add one line of the three-level list to ``rows``; return why it was refused."""
    province, district = row["province_code"], row["district_code"]
    problem = _code_problem(province, 2, row["province_name"]) or _code_problem(
        district, 3, row["district_name"]
    )
    if problem:
        return problem
    rows.provinces.setdefault(province, row["province_name"])
    rows.districts.setdefault(district, (row["district_name"], province))
    code = row["ward_code"]
    if not code and fold(row["ward_level"]) == "huyen":
        # Island districts without communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn,
        # Côn Đảo) have one line with the district only.
        return None
    problem = _code_problem(code, 5, row["ward_name"])
    if problem is None and code in rows.communes:
        problem = _("duplicate commune code %(code)s") % {"code": code}
    if problem is None:
        rows.communes[code] = (row["ward_name"], row["ward_level"].lower(), district)
    return problem


def _import_pre2025(context: _Context) -> None:
    rows = _Pre2025Rows()
    columns = (
        "province_code",
        "province_name",
        "district_code",
        "district_name",
        "ward_code",
        "ward_name",
        "ward_level",
    )
    for line, row in context.rows(PRE2025_FILE, columns):
        problem = _take_pre2025_row(rows, row)
        if problem:
            context.problem(PRE2025_FILE, line, problem)
    old = UnitGeneration.THREE_LEVEL
    province_ids = _upsert_units(
        generation=old,
        level=UnitLevel.PROVINCE,
        wanted={
            c: _Unit(n, _province_kind(n), None) for c, n in rows.provinces.items()
        },
        key="provinces_pre2025",
        label=_("provinces (pre-2025)"),
        report=context.report,
    )
    district_ids = _upsert_units(
        generation=old,
        level=UnitLevel.DISTRICT,
        wanted={
            c: _Unit(n, _district_kind(n), province_ids[p])
            for c, (n, p) in rows.districts.items()
        },
        key="districts_pre2025",
        label=_("districts (pre-2025)"),
        report=context.report,
    )
    _upsert_units(
        generation=old,
        level=UnitLevel.COMMUNE,
        wanted={
            c: _Unit(n, k, district_ids[d]) for c, (n, k, d) in rows.communes.items()
        },
        key="communes_pre2025",
        label=_("communes (pre-2025)"),
        report=context.report,
    )


class _MappingLookup:
    """Ids of the units the conversion table may name."""

    def __init__(self) -> None:
        self.new = _unit_ids(UnitGeneration.TWO_LEVEL, UnitLevel.COMMUNE)
        self.old = _unit_ids(UnitGeneration.THREE_LEVEL, UnitLevel.COMMUNE)
        self.old_districts = _unit_ids(UnitGeneration.THREE_LEVEL, UnitLevel.DISTRICT)

    def pair(self, row: dict[str, str]) -> tuple[int, int] | str:
        """Return (old unit id, new unit id) of ``row`` or why it cannot be taken."""
        new_code, old_code = row["new_ward_code"], row["old_ward_code"]
        new_id = self.new.get(new_code)
        if new_id is None:
            return _("unknown new commune code %(code)r") % {"code": new_code}
        if old_code:
            old_id = self.old.get(old_code)
            if old_id is None:
                return _("unknown old commune code %(code)r (%(name)s)") % {
                    "code": old_code,
                    "name": row["old_ward_name"],
                }
            return old_id, new_id
        if row["old_ward_name"]:
            return _("the old area %(name)r has no code") % {
                "name": row["old_ward_name"]
            }
        # A whole district became a special zone (đặc khu): the old unit is it.
        old_id = self.old_districts.get(row["old_district_code"])
        if old_id is None:
            return _("unknown old district code %(code)r") % {
                "code": row["old_district_code"]
            }
        return old_id, new_id


def _import_mapping(context: _Context) -> None:
    lookup = _MappingLookup()
    wanted: dict[tuple[int, int], str] = {}
    columns = ("new_ward_code", "old_ward_code", "old_ward_name", "old_district_code")
    for line, row in context.rows(MAPPING_FILE, (*columns, "note")):
        pair = lookup.pair(row)
        note = row["note"]
        if not isinstance(pair, str) and pair in wanted:
            pair = _("duplicate pair %(old)s → %(new)s") % {
                "old": row["old_ward_code"] or row["old_district_code"],
                "new": row["new_ward_code"],
            }
        if not isinstance(pair, str) and len(note) > _NOTE_MAX:
            pair = _("note longer than %(max)d characters") % {"max": _NOTE_MAX}
        if isinstance(pair, str):
            context.problem(MAPPING_FILE, line, pair)
            continue
        wanted[pair] = note
    _upsert_successions(wanted, context.report)


def _upsert_successions(
    wanted: dict[tuple[int, int], str], report: UnitImportReport
) -> None:
    existing = {(s.old_unit_id, s.new_unit_id): s for s in UnitSuccession.objects.all()}
    to_create: list[UnitSuccession] = []
    to_update: list[UnitSuccession] = []
    for (old_id, new_id), note in wanted.items():
        succession = existing.get((old_id, new_id))
        if succession is None:
            to_create.append(
                UnitSuccession(old_unit_id=old_id, new_unit_id=new_id, note=note)
            )
        elif succession.note != note:
            succession.note = note
            to_update.append(succession)
    UnitSuccession.objects.bulk_create(to_create, batch_size=_BATCH)
    UnitSuccession.objects.bulk_update(to_update, ["note"], batch_size=_BATCH)
    unchanged = len(wanted) - len(to_create) - len(to_update)
    report.tables.append(
        TableCounts(
            "successions",
            _("old→new successions"),
            len(to_create),
            len(to_update),
            unchanged,
        )
    )
