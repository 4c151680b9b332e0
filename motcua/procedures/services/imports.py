"""Import the national catalogue: every record, in bulk, idempotently."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.core.progress import Progress
from motcua.core.text import fold
from motcua.procedures.models import (
    InternalProcess,
    Procedure,
    ProcedureAgency,
    ProcedureChannel,
    ProcedureField,
    ProcedureResult,
    ProcessStep,
    RequiredPaper,
)
from motcua.procedures.papers import Paper
from motcua.procedures.parsing import ParseIssue
from motcua.procedures.process_plans import StepPlan
from motcua.procedures.records import (
    ERROR_KEY,
    LINE_KEY,
    ParsedProcedure,
    RecordError,
    parse_record,
    record_hash,
)
from motcua.procedures.services.processes import plan_default_process

BATCH_SIZE = 500
EXAMPLES_PER_ISSUE = 5
_WRITTEN_FIELDS = [
    "name",
    "field",
    "level_central",
    "level_province",
    "level_commune",
    "level_other",
    "kind",
    "subjects",
    "issuing_body",
    "competent_agency_text",
    "implementing_agency_text",
    "listed_agencies",
    "reception_address",
    "authorised_agency_text",
    "coordinating_agency_text",
    "related_procedures_text",
    "decision_number",
    "legal_basis_text",
    "legal_instruments",
    "conditions",
    "steps_text",
    "legal_time_amount",
    "legal_time_unit",
    "online_level",
    "is_no_wait",
    "is_same_day",
    "source_url",
    "source_group",
    "raw_record",
    "parse_issues",
    "source_hash",
    "name_folded",
    "search_text",
    "updated_at",
]


@dataclass(frozen=True, slots=True)
class RejectedRecord:
    line: int
    reason: str


@dataclass
class ImportReport:
    """What the import did; ``issue_counts`` counts records per issue kind."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RejectedRecord] = field(default_factory=list)
    issue_counts: Counter[str] = field(default_factory=Counter)
    issue_examples: dict[str, list[str]] = field(default_factory=dict)
    # (code, what) where staff corrected a value the new catalogue text changes.
    kept_staff_values: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Records imported (created, updated or already up to date)."""
        return self.created + self.updated + self.unchanged

    def note_issues(self, code: str, issues: Iterable[ParseIssue]) -> None:
        for kind in sorted({issue.kind for issue in issues}):
            self.issue_counts[kind] += 1
            examples = self.issue_examples.setdefault(kind, [])
            if len(examples) < EXAMPLES_PER_ISSUE:
                examples.append(code)

    def summary_lines(self) -> list[str]:
        lines = [
            _(
                "Procedures: %(total)d imported (%(created)d created, %(updated)d "
                "updated, %(unchanged)d unchanged), %(rejected)d rejected."
            )
            % {
                "total": self.total,
                "created": self.created,
                "updated": self.updated,
                "unchanged": self.unchanged,
                "rejected": len(self.rejected),
            }
        ]
        lines += [
            _("Rejected line %(line)d: %(reason)s")
            % {"line": r.line, "reason": r.reason}
            for r in self.rejected
        ]
        if self.kept_staff_values:
            lines.append(
                _("Kept as staff corrected them (the catalogue now says otherwise):")
            )
        lines += [f"  {code}: {what}" for code, what in self.kept_staff_values]
        if self.issue_counts:
            lines.append(_("Not parsed with certainty (records per kind, examples):"))
        for kind, count in sorted(self.issue_counts.items()):
            examples = ", ".join(self.issue_examples[kind])
            lines.append(f"  {kind}: {count} ({examples})")
        return lines


@dataclass(slots=True)
class _Item:
    record: dict[str, Any]
    parsed: ParsedProcedure
    steps: list[StepPlan] | None


def catalogue_import(
    *, records: Iterable[Mapping[str, Any]], progress: Progress | None = None
) -> ImportReport:
    """Create or update a procedure for every record; report what was not parsed.

    A record may carry ``_line`` (its line in the source file) and ``_error``
    (the reader could not read the line); such records are reported, not fatal.
    Re-importing the same records changes nothing (``unchanged``).
    """
    report = ImportReport()
    writer = _Writer(report)
    for batch in _batches(records, report, progress):
        with transaction.atomic():
            writer.write(batch)
    if progress is not None:
        progress.finish()
    return report


def _batches(
    records: Iterable[Mapping[str, Any]],
    report: ImportReport,
    progress: Progress | None,
) -> Iterator[list[_Item]]:
    seen: dict[str, int] = {}
    batch: list[_Item] = []
    for position, record in enumerate(records, start=1):
        if progress is not None:
            progress.step()
        item = _read(record, position, seen, report)
        if item is not None:
            batch.append(item)
        if len(batch) >= BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


def _read(
    record: Mapping[str, Any], position: int, seen: dict[str, int], report: ImportReport
) -> _Item | None:
    line = record.get(LINE_KEY, position) if isinstance(record, Mapping) else position
    if not isinstance(record, Mapping) or ERROR_KEY in record:
        reason = record.get(ERROR_KEY) if isinstance(record, Mapping) else None
        report.rejected.append(RejectedRecord(line, str(reason or _("not an object"))))
        return None
    clean = {k: v for k, v in record.items() if k not in (LINE_KEY, ERROR_KEY)}
    try:
        parsed = parse_record(clean)
    except RecordError as error:
        report.rejected.append(RejectedRecord(line, str(error)))
        return None
    if parsed.code in seen:
        reason = _("duplicate code %(code)s, first on line %(line)d") % {
            "code": parsed.code,
            "line": seen[parsed.code],
        }
        report.rejected.append(RejectedRecord(line, reason))
        return None
    seen[parsed.code] = line
    steps = plan_default_process(
        amount=parsed.values["legal_time_amount"],
        unit=parsed.values["legal_time_unit"],
        issues=parsed.issues,
    )
    report.note_issues(parsed.code, parsed.issues)
    return _Item(clean, parsed, steps)


class _Writer:
    """Writes batches; caches fields and agencies across batches."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.fields = dict(ProcedureField.objects.values_list("name", "id"))
        self.agencies = dict(Agency.objects.values_list("code", "id"))

    def write(self, batch: list[_Item]) -> None:
        self._ensure_fields({item.parsed.field_name for item in batch})
        existing = {
            p.code: p
            for p in Procedure.objects.filter(
                code__in=[item.parsed.code for item in batch]
            )
        }
        now = timezone.now()
        created: list[tuple[Procedure, _Item]] = []
        updated: list[tuple[Procedure, _Item]] = []
        for item in batch:
            digest = record_hash(item.record)
            procedure = existing.get(item.parsed.code)
            if procedure is not None and procedure.source_hash == digest:
                self.report.unchanged += 1
                continue
            target = updated if procedure is not None else created
            procedure = procedure or Procedure(code=item.parsed.code, created_at=now)
            self._assign(procedure, item, digest, now)
            target.append((procedure, item))
        Procedure.objects.bulk_create(
            [p for p, _item in created], batch_size=BATCH_SIZE
        )
        Procedure.objects.bulk_update(
            [p for p, _item in updated], _WRITTEN_FIELDS, batch_size=200
        )
        self._clear_children(updated)
        self._write_children(created + updated)
        self.report.created += len(created)
        self.report.updated += len(updated)

    def _ensure_fields(self, names: set[str]) -> None:
        missing = sorted(name for name in names if name and name not in self.fields)
        if missing:
            ProcedureField.objects.bulk_create(
                [ProcedureField(name=n, name_folded=fold(n)) for n in missing],
                ignore_conflicts=True,
            )
            self.fields.update(
                ProcedureField.objects.filter(name__in=missing).values_list(
                    "name", "id"
                )
            )

    def _assign(self, procedure: Procedure, item: _Item, digest: str, now: Any) -> None:
        kept = set(procedure.staff_edited or [])
        for name, value in item.parsed.values.items():
            if name not in kept:
                setattr(procedure, name, value)
            elif getattr(procedure, name) != value:
                self._kept(procedure, item, name)
        field_id = self.fields.get(item.parsed.field_name)
        if "field" not in kept:
            procedure.field_id = field_id
        elif procedure.field_id != field_id:
            self._kept(procedure, item, "field")
        procedure.raw_record = item.record
        procedure.parse_issues = [issue.as_dict() for issue in item.parsed.issues]
        procedure.source_hash = digest
        procedure.updated_at = now

    def _kept(self, procedure: Procedure, item: _Item, what: str) -> None:
        """Report a staff correction that the new catalogue text contradicts."""
        self.report.kept_staff_values.append((procedure.code, what))
        item.parsed.issues.append(ParseIssue("staff_value_kept", what))

    def _clear_children(self, updated: list[tuple[Procedure, _Item]]) -> None:
        """Drop the children the import rewrites (papers are matched, not dropped)."""
        ids = [p.pk for p, _item in updated]
        if not ids:
            return
        for model, group in (
            (ProcedureChannel, "channels"),
            (ProcedureResult, "results"),
        ):
            rewritten = [p.pk for p, _i in updated if group not in p.staff_edited]
            model.objects.filter(procedure_id__in=rewritten).delete()
        ProcessStep.objects.filter(
            process__procedure_id__in=ids, process__agency__isnull=True
        ).delete()
        InternalProcess.objects.filter(
            procedure_id__in=ids, agency__isnull=True
        ).delete()

    def _write_children(self, written: list[tuple[Procedure, _Item]]) -> None:
        channels, results, links = [], [], []
        papers: list[tuple[Procedure, _Item]] = []
        for procedure, item in written:
            edited = set(procedure.staff_edited or [])
            for group in sorted(edited & {"channels", "documents", "results"}):
                self._kept(procedure, item, group)
            if "channels" not in edited:
                channels += _channels(procedure, item.parsed)
            if "results" not in edited:
                results += _results(procedure, item.parsed)
            if "documents" not in edited:
                papers.append((procedure, item))
            agency_id = self.agencies.get(_local_agency_code(procedure.code))
            if agency_id is not None:
                links.append(ProcedureAgency(procedure=procedure, agency_id=agency_id))
        ProcedureChannel.objects.bulk_create(channels, batch_size=BATCH_SIZE)
        _papers_sync(papers)
        ProcedureResult.objects.bulk_create(results, batch_size=BATCH_SIZE)
        ProcedureAgency.objects.bulk_create(links, ignore_conflicts=True)
        _write_default_processes(written)


def _local_agency_code(code: str) -> str:
    """``2.001218.000.00.00.H38`` is procedure 2.001218 of agency 000.00.00.H38."""
    parts = code.split(".")
    return ".".join(parts[2:]) if len(parts) > 2 else ""


def _channels(procedure: Procedure, parsed: ParsedProcedure) -> list[ProcedureChannel]:
    return [
        ProcedureChannel(
            procedure=procedure,
            position=position,
            channel=c.channel,
            time_amount=c.time_amount,
            time_unit=c.time_unit,
            time_text=c.time_text[:100],
            fee_text=c.fee_text,
            fee_amount_vnd=c.fee_amount_vnd,
            fee_set_locally=c.fee_set_locally,
            case_heading=c.case_heading,
            description=c.description,
        )
        for position, c in enumerate(parsed.channels, start=1)
    ]


_PAPER_FIELDS = [
    "position",
    "case_heading",
    "name",
    "originals",
    "copies",
    "form_template",
    "is_note",
    "is_shown",
    "condition",
    "channel_scope",
]
# Positions are unique per procedure; matched rows pass through this range.
_PARKED_POSITION = 30000


def _paper_values(position: int, paper: Paper) -> dict[str, Any]:
    return {
        "position": position,
        "case_heading": paper.case_heading,
        "name": paper.name,
        "originals": paper.originals,
        "copies": paper.copies,
        "form_template": paper.form_template[:300],
        "is_note": paper.is_note,
        "is_shown": paper.is_shown,
        "condition": paper.condition,
        "channel_scope": paper.channel_scope,
    }


def _papers_sync(written: list[tuple[Procedure, _Item]]) -> None:
    """Write each procedure's papers, keeping the row of a paper that is still
    there (same case, same name): drafts and dossiers that point at it keep it.
    """
    old: dict[int, dict[tuple[str, str], RequiredPaper]] = {}
    for existing in RequiredPaper.objects.filter(
        procedure_id__in=[p.pk for p, _item in written]
    ).order_by("position"):
        key = (existing.case_heading, existing.name)
        old.setdefault(existing.procedure_id, {})[key] = existing
    created: list[RequiredPaper] = []
    kept: list[RequiredPaper] = []
    for procedure, item in written:
        rows = old.get(procedure.pk, {})
        for position, paper in enumerate(item.parsed.documents, start=1):
            values = _paper_values(position, paper)
            row = rows.pop((paper.case_heading, paper.name), None)
            if row is None:
                created.append(RequiredPaper(procedure=procedure, **values))
                continue
            for name, value in values.items():
                setattr(row, name, value)
            kept.append(row)
    gone = [row.pk for rows in old.values() for row in rows.values()]
    RequiredPaper.objects.filter(pk__in=gone).delete()
    final = {row.pk: row.position for row in kept}
    for row in kept:
        row.position = _PARKED_POSITION + final[row.pk]
    RequiredPaper.objects.bulk_update(kept, ["position"], batch_size=BATCH_SIZE)
    for row in kept:
        row.position = final[row.pk]
    RequiredPaper.objects.bulk_update(kept, _PAPER_FIELDS, batch_size=BATCH_SIZE)
    RequiredPaper.objects.bulk_create(created, batch_size=BATCH_SIZE)


def _results(procedure: Procedure, parsed: ParsedProcedure) -> list[ProcedureResult]:
    return [
        ProcedureResult(
            procedure=procedure, position=position, name=r.name, code=r.code[:60]
        )
        for position, r in enumerate(parsed.results, start=1)
    ]


def _write_default_processes(written: list[tuple[Procedure, _Item]]) -> None:
    planned = [(p, item.steps) for p, item in written if item.steps]
    processes = InternalProcess.objects.bulk_create(
        [InternalProcess(procedure=p) for p, _plan in planned], batch_size=BATCH_SIZE
    )
    steps = [
        ProcessStep(
            process=process,
            position=position,
            name=step.name,
            role=step.role,
            quota_half_days=step.quota_half_days,
        )
        for process, (_procedure, plan) in zip(processes, planned, strict=True)
        for position, step in enumerate(plan or [], start=1)
    ]
    ProcessStep.objects.bulk_create(steps, batch_size=BATCH_SIZE)
