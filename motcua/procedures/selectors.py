"""Read queries of the catalogue; every list is explicitly ordered."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import (
    AdministrativeUnit,
    Agency,
    UnitGeneration,
    UnitLevel,
)
from motcua.agencies.selectors import unit_descendant_ids
from motcua.core.errors import InvalidInput, NotFound
from motcua.core.text import fold
from motcua.procedures.choices import ChannelScope, ProcedureLevel
from motcua.procedures.models import (
    DelegationRecord,
    DelegationTarget,
    InternalProcess,
    Procedure,
    ProcedureAgency,
    ProcedureField,
    RequiredPaper,
)
from motcua.procedures.records import level_flag

_WORD_EDGES = re.compile(r"^[^\w.]+|[^\w.]+$")


def _query_words(folded: str) -> list[str]:
    words = (_WORD_EDGES.sub("", word) for word in folded.split())
    return [word for word in words if word]


def procedure_search(
    *,
    query: str = "",
    field_id: int | None = None,
    level: str | None = None,
    agency_code: str | None = None,
) -> QuerySet[Procedure]:
    """Find procedures by name or code, ignoring diacritics and case.

    Ranked: the code itself, the exact name, names starting with the query,
    names containing it as a phrase, names containing every word; then shorter
    names first, then by code. Raises InvalidInput for an unknown level.
    """
    procedures = Procedure.objects.select_related("field")
    if field_id is not None:
        procedures = procedures.filter(field_id=field_id)
    if level:
        if level not in ProcedureLevel.values:
            raise InvalidInput(
                _("Unknown level."), field_errors={"level": _("Choose a listed level.")}
            )
        procedures = procedures.filter(**{level_flag(level): True})
    if agency_code:
        procedures = procedures.filter(
            Exists(
                ProcedureAgency.objects.filter(
                    procedure=OuterRef("pk"), agency__code=agency_code
                )
            )
        )
    phrase = " ".join(_query_words(fold(query)))
    if not phrase:
        return procedures.order_by("code", "id")
    for word in phrase.split():
        procedures = procedures.filter(search_text__contains=word)
    return procedures.annotate(
        rank=Case(
            When(code__iexact=query.strip(), then=Value(0)),
            When(name_folded=phrase, then=Value(1)),
            When(name_folded__startswith=phrase, then=Value(2)),
            When(name_folded__contains=phrase, then=Value(3)),
            default=Value(4),
            output_field=IntegerField(),
        ),
        name_length=Length("name"),
    ).order_by("rank", "name_length", "code", "id")


def procedure_get(*, code: str) -> Procedure:
    """Return the procedure with ``code``; raise NotFound otherwise."""
    try:
        return Procedure.objects.select_related("field").get(code=code.strip())
    except Procedure.DoesNotExist as error:
        raise NotFound(
            _("No procedure has the code %(code)s.") % {"code": code}
        ) from error


def _papers(
    procedure: Procedure, case_heading: str, *, online: bool, shown: bool
) -> list[RequiredPaper]:
    items = RequiredPaper.objects.filter(
        procedure=procedure, is_note=False, is_shown=shown
    )
    if case_heading:
        items = items.filter(Q(case_heading=case_heading) | Q(case_heading=""))
    other_channel = ChannelScope.PAPER if online else ChannelScope.ONLINE
    return list(items.exclude(channel_scope=other_channel).order_by("position", "id"))


def papers_to_hand_in(
    procedure: Procedure, case_heading: str, *, online: bool = False
) -> list[RequiredPaper]:
    """The checklist: the papers of ``case_heading`` and those common to every
    case (all cases' when empty), as asked on the channel (online or on paper).
    Notes and papers only shown are not on it; conditional papers are, with
    their condition (never required by default)."""
    return _papers(procedure, case_heading, online=online, shown=False)


def papers_to_show(
    procedure: Procedure, case_heading: str, *, online: bool = False
) -> list[RequiredPaper]:
    """The papers the applicant shows and takes back (giấy tờ phải xuất trình)."""
    return _papers(procedure, case_heading, online=online, shown=True)


def case_headings(procedure: Procedure) -> list[str]:
    """The cases (trường hợp) of the checklist in the catalogue's order; [] when
    the procedure has a single case (its papers have no heading)."""
    headings: list[str] = []
    for heading in (
        RequiredPaper.objects.filter(procedure=procedure, is_note=False)
        .exclude(case_heading="")
        .order_by("position", "id")
        .values_list("case_heading", flat=True)
    ):
        if heading not in headings:
            headings.append(heading)
    return headings


def field_list() -> QuerySet[ProcedureField]:
    """Every field of the catalogue, by name."""
    return ProcedureField.objects.order_by("name", "id")


def internal_process_for(
    *, procedure: Procedure, agency_id: int | None = None
) -> InternalProcess | None:
    """The agency's own process for ``procedure``, else the default one."""
    processes = InternalProcess.objects.filter(procedure=procedure).order_by("id")
    if agency_id is not None:
        own = processes.filter(agency_id=agency_id).first()
        if own is not None:
            return own
    return processes.filter(agency__isnull=True).first()


# A local variant's code carries its agency's e-ID after the national code
# (2.001218.000.00.00.H38 is 2.001218 of agency 000.00.00.H38): it belongs to
# that agency's province, never to every province.
_LOCAL_VARIANT_CODE = r"^[^.]+\.[^.]+\."


@dataclass(frozen=True, slots=True)
class DelegationReport:
    """The province's delegated procedures ÷ its procedures of ``levels``.

    ``target`` is the target in force on ``on_date``; None: none is set, and
    the ratio is not judged (``meets_target`` is None).
    """

    province: AdministrativeUnit
    levels: tuple[str, ...]
    on_date: date
    total: int
    delegated: int
    ratio: Decimal  # a fraction, 0.3917 for 39.17 %
    target: DelegationTarget | None

    @property
    def ratio_percent(self) -> Decimal:
        return _percent(self.ratio)

    @property
    def target_percent(self) -> Decimal | None:
        return None if self.target is None else _percent(self.target.target_ratio)

    @property
    def meets_target(self) -> bool | None:
        if self.target is None:
            return None
        return self.ratio >= self.target.target_ratio


def _percent(fraction: Decimal) -> Decimal:
    return (fraction * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _report_province(*, code: str, generation: str) -> AdministrativeUnit:
    province = AdministrativeUnit.objects.filter(
        generation=generation, level=UnitLevel.PROVINCE, code=code.strip()
    ).first()
    if province is None:
        raise InvalidInput(
            _("Choose a province by its code."),
            field_errors={
                "province": _("No province has the code %(code)s.") % {"code": code}
            },
        )
    return province


def procedures_of_province(
    *, province: AdministrativeUnit, levels: Sequence[str]
) -> QuerySet[Procedure]:
    """The procedures carried out at ``levels`` in ``province`` (unordered).

    In the province: linked to an agency of the province, or a national
    procedure linked to no agency at all (carried out everywhere, as the
    competence rule of ``dossiers.competence`` reads it). A local variant
    linked to no agency, or a procedure linked only to agencies of other
    provinces, is not the province's.
    """
    in_levels = Q()
    for level in levels:
        in_levels |= Q(**{level_flag(level): True})
    local_agencies = Agency.objects.filter(unit_descendant_ids(province.pk))
    linked_here = ProcedureAgency.objects.filter(
        procedure=OuterRef("pk"), agency__in=local_agencies
    )
    linked = ProcedureAgency.objects.filter(procedure=OuterRef("pk"))
    national_everywhere = ~Exists(linked) & ~Q(code__regex=_LOCAL_VARIANT_CODE)
    return Procedure.objects.filter(in_levels).filter(
        Exists(linked_here) | national_everywhere
    )


def delegation_target_in_force(
    *, province: AdministrativeUnit, on_date: date
) -> DelegationTarget | None:
    """The province's target whose period holds ``on_date``, or None."""
    return (
        DelegationTarget.objects.filter(province=province, valid_from__lte=on_date)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on_date))
        .order_by("-valid_from", "id")
        .first()
    )


def delegation_report(
    *,
    province_code: str,
    levels: Sequence[str],
    on_date: date,
    generation: str = UnitGeneration.TWO_LEVEL,
) -> DelegationReport:
    """Report the share of the province's procedures delegated on ``on_date``.

    SPEC §2: delegated ÷ all procedures of the levels concerned, in the
    province concerned (``procedures_of_province``). Delegated: with a record
    in force on the date given by an agency of the province. Judged against
    the target in force on the date, if one is set. Raises InvalidInput for
    an unknown level or province.
    """
    unknown = [level for level in levels if level not in ProcedureLevel.values]
    if unknown or not levels:
        raise InvalidInput(
            _("Choose one or more listed levels."),
            field_errors={"levels": _("Unknown: %(levels)s") % {"levels": unknown}},
        )
    province = _report_province(code=province_code, generation=generation)
    procedures = procedures_of_province(province=province, levels=levels)
    in_force = DelegationRecord.objects.filter(
        procedure=OuterRef("pk"),
        from_agency__in=Agency.objects.filter(unit_descendant_ids(province.pk)),
        valid_from__lte=on_date,
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on_date))
    total = procedures.count()
    delegated = procedures.filter(Exists(in_force)).count()
    ratio = Decimal(delegated) / Decimal(total) if total else Decimal(0)
    return DelegationReport(
        province=province,
        levels=tuple(levels),
        on_date=on_date,
        total=total,
        delegated=delegated,
        ratio=ratio.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP),
        target=delegation_target_in_force(province=province, on_date=on_date),
    )
