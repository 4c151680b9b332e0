"""Read queries behind the citizen portal's "find a procedure" pages.

The plain search (``selectors.procedure_search``) ignores diacritics and case; here
it gains typo tolerance on PostgreSQL (pg_trgm, enabled by core's first migration),
browsing by life event, and the facts a citizen needs on one procedure page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.files.storage import default_storage
from django.db import connections
from django.db.models import Count, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency, ServicePoint
from motcua.core.errors import InvalidInput
from motcua.core.text import fold
from motcua.procedures.models import (
    Procedure,
    ProcedureChannel,
    ProcedureField,
    ProcedureResult,
    RequiredPaper,
)
from motcua.procedures.selectors import procedure_get, procedure_search


class CountAnnotations(TypedDict):
    procedure_count: int


if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    # A field or agency of the browse lists, with how many procedures it holds.
    CountedAgency = WithAnnotations[Agency, CountAnnotations]
    CountedField = WithAnnotations[ProcedureField, CountAnnotations]

# pg_trgm word similarity between the folded query and the folded name; 0.3 is
# pg_trgm's own default threshold and lets one wrong letter per word through.
TYPO_THRESHOLD = 0.3
# Downloadable form files live in the default storage under this folder, one
# sub-folder per procedure code; a template with no file there is shown by name.
FORM_TEMPLATE_DIR = "form_templates"


@dataclass(frozen=True, slots=True)
class LifeEvent:
    """A life situation and the folded words that find its procedures."""

    slug: str
    label: str | Promise
    keywords: tuple[str, ...]


# Each keyword is matched (folded) against the field name and the procedure's
# folded name + code; a procedure matching any keyword belongs to the event.
# Keywords are whole phrases so that "sinh" alone does not catch "sinh hoạt".
LIFE_EVENTS: tuple[LifeEvent, ...] = (
    LifeEvent("sinh-con", _("Having a baby"), ("khai sinh", "nhan cha", "chung sinh")),
    LifeEvent("ket-hon", _("Getting married"), ("ket hon", "tinh trang hon nhan")),
    LifeEvent("qua-doi", _("A death in the family"), ("khai tu", "mai tang")),
    LifeEvent("cu-tru", _("Where you live"), ("cu tru", "thuong tru", "tam tru")),
    LifeEvent("xay-nha", _("Building a house"), ("xay dung", "nha o")),
    LifeEvent("kinh-doanh", _("Running a business"), ("kinh doanh", "doanh nghiep")),
    LifeEvent("dat-dai", _("Land"), ("dat dai", "su dung dat")),
)


def life_events() -> tuple[LifeEvent, ...]:
    """The fixed list of life events, in the order the home page shows them."""
    return LIFE_EVENTS


def life_event_get(slug: str) -> LifeEvent:
    """Return the life event ``slug``; raise InvalidInput for an unknown one."""
    for event in LIFE_EVENTS:
        if event.slug == slug:
            return event
    raise InvalidInput(
        _("Unknown life event %(slug)s; choose one from the list.") % {"slug": slug},
        field_errors={"life_event": _("Choose a listed life event.")},
    )


def _in_life_event(
    procedures: QuerySet[Procedure], event: LifeEvent
) -> QuerySet[Procedure]:
    matches = Q()
    for keyword in event.keywords:
        matches |= Q(search_text__contains=keyword)
        matches |= Q(field__name_folded__contains=keyword)
    return procedures.filter(matches)


def procedure_search_public(
    *,
    query: str = "",
    field_id: int | None = None,
    life_event: str | None = None,
    agency_code: str | None = None,
    limit: int | None = None,
) -> QuerySet[Procedure]:
    """Search as ``procedure_search`` does, narrowed to a life event, typo-tolerant.

    When the plain search finds nothing and the database is PostgreSQL, return the
    procedures whose folded name is similar to the query (best first). Raises
    InvalidInput for an unknown life event.
    """
    event = life_event_get(life_event) if life_event else None
    procedures = procedure_search(
        query=query, field_id=field_id, agency_code=agency_code
    )
    if event is not None:
        procedures = _in_life_event(procedures, event)
    folded = fold(query)
    if folded and _has_trigrams(procedures) and not procedures.exists():
        procedures = _similar(folded, field_id, agency_code, event)
    return procedures[:limit] if limit is not None else procedures


def _has_trigrams(procedures: QuerySet[Procedure]) -> bool:
    return connections[procedures.db].vendor == "postgresql"


def _similar(
    folded: str, field_id: int | None, agency_code: str | None, event: LifeEvent | None
) -> QuerySet[Procedure]:
    procedures = procedure_search(field_id=field_id, agency_code=agency_code)
    if event is not None:
        procedures = _in_life_event(procedures, event)
    return (
        procedures.annotate(similarity=TrigramWordSimilarity(folded, "name_folded"))
        .filter(similarity__gte=TYPO_THRESHOLD)
        .order_by("-similarity", "code", "id")
    )


def fields_with_procedures() -> QuerySet[CountedField]:
    """Fields that hold at least one procedure, by name, with ``procedure_count``."""
    return (
        ProcedureField.objects.annotate(procedure_count=Count("procedures"))
        .filter(procedure_count__gt=0)
        .order_by("name", "id")
    )


def procedures_by_agency() -> QuerySet[CountedAgency]:
    """Active agencies carrying out procedures, by name, with ``procedure_count``.

    The procedures of one agency are ``procedure_search_public(agency_code=...)``.
    """
    return (
        Agency.objects.filter(is_active=True)
        .annotate(procedure_count=Count("procedure_links"))
        .filter(procedure_count__gt=0)
        .order_by("name", "code", "id")
    )


def procedure_where_to_submit(procedure: Procedure) -> QuerySet[ServicePoint]:
    """Active service points receiving for any agency that carries out ``procedure``.

    Decree 118/2025 Art. 14: a point may receive for agencies beyond its own area,
    so this follows ``ServicePoint.receives_for``, not the point's unit.
    """
    agency_ids = procedure.agency_links.values("agency_id")
    return (
        ServicePoint.objects.filter(is_active=True, receives_for__in=agency_ids)
        .distinct()
        .select_related("unit")
        .order_by("code", "id")
    )


@dataclass(frozen=True, slots=True)
class Paper:
    """One required paper (or a note) with its form template, if any."""

    document: RequiredPaper
    template_url: str | None


@dataclass(slots=True)
class PaperCase:
    """The papers of one case (trường hợp); ``heading`` is empty for a single case."""

    heading: str
    papers: list[Paper] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ProcedurePage:
    """Everything the public page of one procedure shows."""

    procedure: Procedure
    channels: list[ProcedureChannel]
    cases: list[PaperCase]
    results: list[ProcedureResult]
    service_points: list[ServicePoint]


def form_template_url(*, procedure_code: str, form_template: str) -> str | None:
    """The download URL of a form template file, or None when no file is stored."""
    if not form_template or "/" in form_template or "\\" in form_template:
        return None
    path = f"{FORM_TEMPLATE_DIR}/{procedure_code}/{form_template}"
    return default_storage.url(path) if default_storage.exists(path) else None


def _cases(procedure: Procedure) -> list[PaperCase]:
    cases: list[PaperCase] = []
    for document in procedure.papers.order_by("position", "id"):
        if not cases or cases[-1].heading != document.case_heading:
            cases.append(PaperCase(heading=document.case_heading))
        url = form_template_url(
            procedure_code=procedure.code, form_template=document.form_template
        )
        cases[-1].papers.append(Paper(document=document, template_url=url))
    return cases


def procedure_public_page(*, code: str) -> ProcedurePage:
    """Gather the public page of procedure ``code``; raise NotFound otherwise."""
    procedure = procedure_get(code=code)
    return ProcedurePage(
        procedure=procedure,
        channels=list(procedure.channels.order_by("position", "id")),
        cases=_cases(procedure),
        results=list(procedure.results.order_by("position", "id")),
        service_points=list(procedure_where_to_submit(procedure)),
    )


def time_amount_words(amount: Decimal | None) -> str:
    """Write an amount as Vietnamese does: ``5.00`` → ``"5"``, ``0.50`` → ``"0,5"``."""
    if amount is None:
        return ""
    text = format(amount.normalize(), "f")
    return text.replace(".", ",")
