"""What a citizen may know of their own personal data (Decree 13/2023/NĐ-CP
Art. 9 §1 and §3, Art. 14: the data subject is told how their data is processed
and given a copy of it).

Two reads, both for the logged-in citizen only: who looked at the personal data
in their dossiers (:func:`data_views_of`), and everything the system holds about
them, as one document to download (:func:`personal_data_of`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from motcua.accounts.models import User
from motcua.agencies.models import StaffAssignment
from motcua.citizens.models import CitizenAccountAccess
from motcua.citizens.selectors import citizen_of, papers_of
from motcua.dossiers.models import Dossier, PersonalDataAccess, PublicLookup
from motcua.dossiers.owners import dossiers_filed_by
from motcua.dossiers.workflow import DossierAction
from motcua.submissions.selectors import drafts_of

# At most this many views are listed and exported (the newest).
VIEWS_LIMIT = 500


class Viewer:
    """Who looked, as the citizen is told (never the officer's name)."""

    STAFF = "staff"  # an officer of an agency handling the dossier
    PUBLIC = "public"  # someone on public tracking who knew the 4 check digits
    ADMIN = "admin"  # a system administrator opened the account
    SELF = "self"  # the citizen themself


@dataclass(frozen=True)
class DataView:
    """One look at the citizen's personal data."""

    at: datetime
    viewer: str  # a Viewer value
    dossier_code: str  # "" when the account itself was opened
    agency: str  # the agency the officer works for, "" when not staff
    role: str  # the officer's role, translated, "" when not staff
    purpose: str  # what they did, translated


_PURPOSES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(view|api view)$"), gettext_noop("opened the dossier")),
    (re.compile(r"^api create$"), gettext_noop("registered the dossier")),
    (re.compile(r"^api history$"), gettext_noop("read the dossier's history")),
    (
        re.compile(r"^(act: |api )(?P<what>.+)$"),
        gettext_noop("acted on the dossier: %(what)s"),
    ),
    (re.compile(r"^print form (?P<what>\S+)$"), gettext_noop("printed form %(what)s")),
    (re.compile(r"^open paper (?P<what>\d+)$"), gettext_noop("opened paper %(what)s")),
    (re.compile(r"^register 07$"), gettext_noop("listed it in the register (form 07)")),
    (re.compile(r"^owner: "), gettext_noop("you opened it")),
    (re.compile(r"^admin "), gettext_noop("opened your account in the administration")),
)


def purpose_label(purpose: str) -> str:
    """The purpose written in the access log, said in plain words."""
    for pattern, label in _PURPOSES:
        match = pattern.match(purpose)
        if match:
            what = match.groupdict().get("what")
            if what is None:
                return _(label)
            if what in DossierAction.values:
                what = str(DossierAction(what).label)
            return _(label) % {"what": what}
    return purpose


def _staff_places(
    user_ids: set[int], agencies_of: dict[str, set[int]]
) -> dict[tuple[int, str], tuple[str, str]]:
    """(user id, dossier code) → (agency name, role label) of the officer.

    The assignment at an agency handling the dossier wins; otherwise any of the
    officer's assignments (they may have moved since).
    """
    rows = (
        StaffAssignment.objects.filter(user_id__in=user_ids)
        .select_related("agency")
        .order_by("-is_active", "pk")
    )
    by_user: dict[int, list[StaffAssignment]] = {}
    for row in rows:
        by_user.setdefault(row.user_id, []).append(row)
    places: dict[tuple[int, str], tuple[str, str]] = {}
    for code, agency_ids in agencies_of.items():
        for user_id in user_ids:
            held = by_user.get(user_id, [])
            best = next((a for a in held if a.agency_id in agency_ids), None)
            best = best or (held[0] if held else None)
            if best is not None:
                places[(user_id, code)] = (best.agency.name, best.get_role_display())
    return places


def data_views_of(account: User, *, limit: int = VIEWS_LIMIT) -> list[DataView]:
    """Who looked at the personal data of ``account``'s dossiers and account,
    newest first (at most ``limit``).

    Staff openings (``PersonalDataAccess``) name the agency and the role, not the
    officer; public lookups that matched the check digits say so; openings of
    the account by a system administrator (``CitizenAccountAccess``) too. The
    citizen's own openings are listed as theirs.
    """
    dossiers = list(
        dossiers_filed_by(account).values_list(
            "pk", "code", "receiving_agency_id", "competent_agency_id"
        )
    )
    codes = {pk: code for pk, code, _r, _c in dossiers}
    agencies_of = {code: {r, c} - {None} for _pk, code, r, c in dossiers}
    accesses = list(
        PersonalDataAccess.objects.filter(dossier_id__in=codes)
        .order_by("-at", "-pk")
        .values_list("at", "user_id", "dossier_id", "purpose")[:limit]
    )
    staff_ids = {user_id for _at, user_id, _d, _p in accesses if user_id != account.pk}
    places = _staff_places(staff_ids, agencies_of)
    views = []
    for at, user_id, dossier_id, purpose in accesses:
        code = codes[dossier_id]
        own = user_id == account.pk
        agency, role = ("", "") if own else places.get((user_id, code), ("", ""))
        views.append(
            DataView(
                at=at,
                viewer=Viewer.SELF if own else Viewer.STAFF,
                dossier_code=code,
                agency=agency,
                role=role,
                purpose=purpose_label(purpose),
            )
        )
    lookups = (
        PublicLookup.objects.filter(code__in=codes.values(), check_ok=True)
        .order_by("-at", "-pk")
        .values_list("at", "code")[:limit]
    )
    views.extend(
        DataView(
            at=at,
            viewer=Viewer.PUBLIC,
            dossier_code=code,
            agency="",
            role="",
            purpose=_("looked it up on public tracking with the 4 check digits"),
        )
        for at, code in lookups
    )
    citizen = citizen_of(account)
    if citizen is not None:
        opened = (
            CitizenAccountAccess.objects.filter(citizen=citizen)
            .order_by("-at", "-pk")
            .values_list("at", "purpose")[:limit]
        )
        views.extend(
            DataView(
                at=at,
                viewer=Viewer.ADMIN,
                dossier_code="",
                agency="",
                role=_("system administrator"),
                purpose=purpose_label(purpose),
            )
            for at, purpose in opened
        )
    views.sort(key=lambda view: view.at, reverse=True)
    return views[:limit]


def _iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def _dossier_data(dossier: Dossier) -> dict[str, Any]:
    return {
        "code": dossier.code,
        "procedure": {"code": dossier.procedure.code, "name": dossier.procedure.name},
        "status": dossier.get_status_display(),
        "received_at": _iso(dossier.received_at),
        "deadline_at": _iso(dossier.effective_deadline_at),
        "returned_at": _iso(dossier.returned_at),
        "applicant": {
            "kind": dossier.applicant_kind,
            "name": dossier.applicant_name,
            "id_number": dossier.applicant_id_number,
            "birth_date": _iso(dossier.applicant_birth_date),
            "address": dossier.applicant_address,
            "phone": dossier.applicant_phone,
            "email": dossier.applicant_email,
        },
        "filer": {
            "name": dossier.filer_name,
            "id_number": dossier.filer_id_number,
            "phone": dossier.filer_phone,
        },
        "papers": [
            {
                "name": paper.name,
                "provided": paper.is_provided,
                "file": bool(paper.file),
            }
            for paper in dossier.papers.order_by("position")
        ],
    }


def personal_data_of(account: User, *, now: datetime) -> dict[str, Any]:
    """Everything held about citizen ``account``, as one JSON-ready document.

    The account and its profile, the dossiers it may call its own (with the
    applicant data they hold), the papers of its data store (what each is; the
    files themselves are downloaded from "my papers"), its drafts not filed, and
    who looked at its data.
    """
    citizen = citizen_of(account)
    profile = None
    if citizen is not None:
        profile = {
            "id_number": citizen.id_number,
            "birth_date": _iso(citizen.birth_date),
            "address": citizen.address,
            "id_verified_through_vneid": citizen.is_id_verified,
            "verified_at": _iso(citizen.verified_at),
            "created_at": _iso(citizen.created_at),
        }
    dossiers = dossiers_filed_by(account).select_related("procedure")
    return {
        "exported_at": _iso(now),
        "account": {
            "username": account.username,
            "full_name": account.full_name,
            "email": account.email,
            "phone": account.phone,
            "joined_at": _iso(account.date_joined),
            "last_login_at": _iso(account.last_login),
        },
        "citizen": profile,
        "dossiers": [_dossier_data(dossier) for dossier in dossiers],
        "stored_papers": [
            {
                "name": paper.name,
                "kind": paper.kind,
                "content_type": paper.content_type,
                "size": paper.size,
                "sha256": paper.sha256,
                "dossier_code": paper.dossier_code,
                "number": paper.number,
                "issued_by": paper.issued_by,
                "issued_at": _iso(paper.issued_at),
                "kept_since": _iso(paper.created_at),
            }
            for paper in papers_of(account)
        ],
        "drafts": [
            {
                "procedure": draft.procedure.name,
                "applicant": draft.applicant,
                "summary": draft.summary,
                "created_at": _iso(draft.created_at),
                "updated_at": _iso(draft.updated_at),
            }
            for draft in drafts_of(account)
        ],
        "views": [
            {
                "at": _iso(view.at),
                "viewer": view.viewer,
                "dossier_code": view.dossier_code,
                "agency": view.agency,
                "role": view.role,
                "what": view.purpose,
            }
            for view in data_views_of(account)
        ],
    }
