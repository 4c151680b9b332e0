"""Access, proven everywhere: every page and endpoint × every principal × an object
of the reader's own agency (and own account) and of another's.

The rows are read from the URL configuration and the OpenAPI document: a URL or
an operation without a row here fails the test, so a new page cannot ship without
saying who may open it. An answer is reduced to an outcome:

- ``in``: let in (2xx, a redirect elsewhere than a login, or 400/409/422: the
  input was refused after the access check passed);
- ``login``: sent to a login page (the staff, citizen or admin one);
- ``401``, ``403``, ``404``, ``405``: refused as such (404 where the object's
  existence is not told to those who may not see it).

The admin's redirect to its home page for an object outside the reader's
queryset counts as ``404``. Set ``ACCESS_MATRIX_PRINT=1`` to print the answers
seen, row by row.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

import pytest
from django.contrib import admin
from django.http import HttpResponseBase
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from motcua.accounts.models import User
from motcua.api.v1 import api
from motcua.dossiers.models import Dossier
from tests.functional.access_world import (
    ANONYMOUS,
    CITIZEN,
    PRINCIPALS,
    STAFF,
    AccessWorld,
    Scope,
    access_world,
    token_new,
)

pytestmark = pytest.mark.django_db

IN = "in"
LOGIN = "login"
FORM = "form"  # a download refused: the form came back with its error
INVALID = "invalid"  # 400/422: let in, and the (empty) input refused
LOGIN_PATHS = ("/login/", "/cong-dan/dang-nhap/", "/admin/login/")
ADMIN_HOME = "/admin/"


def outcome(response: HttpResponseBase, *, download: bool = False) -> str:
    status = response.status_code
    if download and status == 200:
        attached = response.get("Content-Disposition", "").startswith("attachment")
        return IN if attached else FORM
    if status in (301, 302, 303, 307, 308):
        where = (response.get("Location", "") or response.get("HX-Redirect", "")).split(
            "?"
        )[0]
        if where == ADMIN_HOME:  # the admin's way to say an object is not there
            return "404"
        return LOGIN if where in LOGIN_PATHS else IN
    if 200 <= status < 300:
        hx = response.get("HX-Redirect", "")
        return LOGIN if hx.split("?")[0] in LOGIN_PATHS else IN
    if status in (400, 422):
        return INVALID
    return str(status)


# -- expectations --------------------------------------------------------------

Expect = Mapping[str, str]  # principal → outcome


def every(default: str, **only: str) -> dict[str, str]:
    """``default`` for every principal but those named (``staff=`` sets all staff)."""
    table = dict.fromkeys(PRINCIPALS, default)
    if "staff" in only:
        table.update(dict.fromkeys(STAFF, only.pop("staff")))
    table.update(only)
    return table


def staff(default: str, **only: str) -> dict[str, str]:
    """A back-office answer: the anonymous and citizens are sent to the staff login."""
    return every(default, anonymous=LOGIN, citizen=LOGIN, **only)


def bearer(default: str, **only: str) -> dict[str, str]:
    """An API answer: no token (a citizen's session is none) is a 401."""
    return every(default, anonymous="401", citizen="401", **only)


PUBLIC = every(IN)
STAFF_ONLY = staff(IN)
CITIZEN_ONLY = every("403", anonymous=LOGIN, citizen=IN)
# Another citizen's draft, paper or dossier: not there for this citizen.
CITIZEN_OTHER = every("403", anonymous=LOGIN, citizen="404")
COUNTER = staff("403", reception=IN)
# A dossier of the ward: every role of the ward, the centre that received it and
# the city (masked); not the police without a police leg, not another ward.
SEE_OWN = staff(IN, police="404", other_leader="404")
SEE_OTHER = staff("404", reception=IN, supervisor=IN, other_leader=IN, superuser=IN)
# Assigning: the ward's division and agency leaders; the other ward's leader there.
ASSIGN_OWN = staff(
    "403", division_leader=IN, leader=IN, police="404", other_leader="404"
)
ASSIGN_OTHER = staff(
    "404", reception="403", supervisor="403", superuser="403", other_leader=IN
)
# Uploaded papers hold personal data: never for the masked city supervisor (nor
# the superuser, who has no role in an agency).
PAPER_OWN = {**SEE_OWN, "supervisor": "403", "superuser": "403"}
PAPER_OTHER = {**SEE_OTHER, "supervisor": "403", "superuser": "403"}
API_SEE_OWN = bearer(IN, police="404", other_leader="404")
API_SEE_OTHER = bearer(
    "404", reception=IN, supervisor=IN, other_leader=IN, superuser=IN
)
# Admin: the agency administrator sees its own agency's people, places and
# procedures; everything else (and every citizen) only the superuser.
TABLET = staff("403", reception=IN, superuser=IN)
HALL_FIGURES = staff("403", supervisor=IN, superuser=IN)  # the counter's rating tablet
# Notices of the ward: its staff read them; the centre and police are elsewhere.
NOTICE_OWN = staff(IN, reception="404", police="404", other_leader="404")
NOTICE_OTHER = staff("404", supervisor=IN, other_leader=IN, superuser=IN)
# The register (form 07): the ward's leaders, its clerk, the city; the
# specialist and the administrator are told no (403), others not shown (404).
REGISTER_OWN = bearer(
    "404",
    specialist="403",
    agency_admin="403",
    division_leader=IN,
    leader=IN,
    clerk=IN,
    supervisor=IN,
    superuser=IN,
)
REGISTER_OTHER = bearer("404", supervisor=IN, other_leader=IN, superuser=IN)
ADMIN_NONE = every(LOGIN, agency_admin="403", superuser=IN)
ADMIN_AGENCY = every(LOGIN, agency_admin=IN, superuser=IN)
ADMIN_HIDDEN = every(LOGIN, agency_admin="404", superuser=IN)


@dataclass(frozen=True)
class Row:
    """How to ask for a URL, and the outcome per principal on own and other objects.

    ``kwargs`` builds the URL's parameters from one side's objects; ``other`` is
    ``None`` when the URL names nothing that belongs to an agency or an account.
    """

    method: str
    own: Expect
    other: Expect | None = None
    kwargs: Callable[[AccessWorld, Scope], dict[str, Any]] = lambda w, s: {}
    query: Callable[[AccessWorld, Scope], str] = lambda w, s: ""
    download: bool = False  # let in means a file came back, not the form again
    data: Callable[[AccessWorld, Scope], dict[str, Any]] = lambda w, s: {}
    fresh: bool = False  # a new dossier per principal: the request changes it


def pages_table() -> dict[str, Row]:
    def dossier(w: AccessWorld, s: Scope) -> dict[str, Any]:
        return {"code": s.dossier}

    def draft(w: AccessWorld, s: Scope) -> dict[str, Any]:
        return {"token": s.draft}

    def hall(w: AccessWorld, s: Scope) -> dict[str, Any]:
        return {"code": "HN-CN01"}

    def booking(w: AccessWorld, s: Scope) -> dict[str, Any]:
        return {"code": "K7M2Q9XA"}  # asks for the phone; the code tells nothing

    def kiosk_ticket(w: AccessWorld, s: Scope) -> dict[str, Any]:
        return {"key": w.kiosk, "follow": w.ticket}

    def procedure(w: AccessWorld, s: Scope) -> dict[str, Any]:
        return {"code": w.procedure}

    def board(w: AccessWorld, s: Scope) -> dict[str, Any]:
        return {"scope": "agency", "code": s.board_code}

    P = PUBLIC
    return {
        # the public site
        "set_language": Row("POST", P),
        # server to server: every caller gets 200 with the gateway's code (97)
        "payments:notification": Row("POST", P),
        "payments:demo_page": Row(
            "GET", P, kwargs=lambda w, s: {"reference": w.payment}
        ),
        "portal:home": Row("GET", P),
        "portal:procedures": Row("GET", P),
        "portal:procedure_detail": Row("GET", P, kwargs=procedure),
        "portal:ticket_follow": Row("GET", P, kwargs=lambda w, s: {"key": w.ticket}),
        # A hall's kiosk and displays: whoever has the device's address.
        "portal:hall_device": Row("GET", P, kwargs=lambda w, s: {"key": w.kiosk}),
        "portal:kiosk_take": Row(
            "POST", every(INVALID), kwargs=lambda w, s: {"key": w.kiosk}
        ),
        "portal:kiosk_ticket": Row("GET", P, kwargs=kiosk_ticket),
        "portal:kiosk_ticket_pdf": Row("GET", P, kwargs=kiosk_ticket),
        "portal:hall_board": Row("GET", P, kwargs=lambda w, s: {"key": w.display}),
        "portal:hall_chime": Row("GET", P, kwargs=lambda w, s: {"key": w.display}),
        # A call the hall has not made is not read out, to anyone.
        "portal:hall_voice": Row(
            "GET",
            every("404"),
            kwargs=lambda w, s: {"key": w.display, "ticket": 999_999},
        ),
        "portal:kiosk_check_in": Row(
            "POST", every(INVALID), kwargs=lambda w, s: {"key": w.kiosk}
        ),
        # Booking a time: anyone; a booking shows only with its phone.
        "portal:booking_index": Row("GET", P),
        "portal:booking_find": Row("GET", P),
        "portal:booking_hall": Row("GET", P, kwargs=lambda w, s: {"code": "HN-CN01"}),
        "portal:booking_detail": Row("GET", P, kwargs=booking),
        "portal:booking_cancel": Row("POST", P, kwargs=booking),
        "portal:booking_move": Row("POST", P, kwargs=booking),
        "portal:tracking": Row("GET", P),
        "portal:tracking_detail": Row("GET", P, P, kwargs=dossier),
        "portal:tracking_rate": Row("POST", every("403"), every("403"), kwargs=dossier),
        "portal:rating_thanks": Row("GET", P),
        "portal:rating_link": Row("GET", P, P, kwargs=lambda w, s: {"token": s.rating}),
        "portal:feedback": Row("GET", P),
        "portal:brand": Row("GET", P),
        "portal:boards": Row("GET", P),
        "portal:board": Row("GET", P, P, kwargs=board),
        "portal:board_tv": Row("GET", P, P, kwargs=board),
        "portal:board_figures": Row("GET", P, P, kwargs=board),
        "portal:board_data_csv": Row("GET", P, P, kwargs=board),
        "portal:board_data_json": Row("GET", P, P, kwargs=board),
        # filing online and the citizen's account
        "portal:submit_start": Row("GET", P, kwargs=procedure),
        "portal:submit_form": Row("GET", CITIZEN_ONLY, CITIZEN_OTHER, kwargs=draft),
        "portal:submit_review": Row("GET", CITIZEN_ONLY, CITIZEN_OTHER, kwargs=draft),
        "portal:submit_paid": Row("GET", CITIZEN_OTHER, CITIZEN_OTHER, kwargs=draft),
        "portal:submit_done": Row("GET", CITIZEN_ONLY, CITIZEN_OTHER, kwargs=draft),
        "portal:supplement_send": Row(
            "GET", CITIZEN_ONLY, CITIZEN_OTHER, kwargs=dossier
        ),
        "portal:fees_pay": Row("GET", CITIZEN_ONLY, CITIZEN_OTHER, kwargs=dossier),
        "portal:withdraw": Row("GET", CITIZEN_ONLY, CITIZEN_OTHER, kwargs=dossier),
        # The gateway's return without its parameters: refused as bad input.
        "portal:fees_paid": Row(
            "GET", {**CITIZEN_ONLY, CITIZEN: INVALID}, CITIZEN_OTHER, kwargs=dossier
        ),
        "portal:citizen_signup": Row("GET", P),
        # Without a sign-up or reset under way: sent back to its first page.
        "portal:citizen_signup_confirm": Row("GET", P),
        "portal:citizen_login": Row("GET", P),
        "portal:citizen_password_forgot": Row("GET", P),
        "portal:citizen_password_reset": Row("GET", P),
        "portal:citizen_logout": Row("POST", every(LOGIN)),
        "portal:my_dossiers": Row("GET", CITIZEN_ONLY),
        "portal:citizen_password": Row("GET", CITIZEN_ONLY),
        "portal:my_papers": Row("GET", CITIZEN_ONLY),
        "portal:my_data": Row("GET", CITIZEN_ONLY),
        "portal:my_data_download": Row("GET", CITIZEN_ONLY),
        "portal:my_account_erase": Row("GET", CITIZEN_ONLY),
        "portal:my_paper_file": Row(
            "GET", CITIZEN_ONLY, CITIZEN_OTHER, kwargs=lambda w, s: {"pk": s.paper}
        ),
        "portal:my_paper_delete": Row(
            "POST", CITIZEN_ONLY, CITIZEN_OTHER, kwargs=lambda w, s: {"pk": s.paper}
        ),
        "portal:vneid_login": Row("GET", every("404")),
        "portal:vneid_callback": Row("GET", every("404")),
        # the back office
        "backoffice:home": Row("GET", STAFF_ONLY),
        "backoffice:login": Row("GET", P),
        "backoffice:logout": Row("POST", every(LOGIN)),
        "backoffice:second_factor": Row("GET", STAFF_ONLY),
        "backoffice:second_factor_setup": Row("GET", STAFF_ONLY),
        "backoffice:account_security": Row("GET", STAFF_ONLY),
        "backoffice:recovery_codes_new": Row("POST", STAFF_ONLY),
        "backoffice:catalogue": Row("GET", STAFF_ONLY),
        "backoffice:procedure": Row("GET", STAFF_ONLY, kwargs=procedure),
        "backoffice:deadline": Row("GET", STAFF_ONLY),
        "backoffice:holidays": Row("GET", STAFF_ONLY),
        "backoffice:counter": Row("GET", COUNTER),
        "backoffice:counter_procedures": Row("GET", COUNTER),
        "backoffice:counter_checklist": Row("GET", COUNTER),
        "backoffice:counter_citizen": Row("GET", COUNTER),
        "backoffice:counter_deadline": Row("GET", COUNTER),
        "backoffice:queue_console": Row("GET", COUNTER),
        "backoffice:queue_panel": Row("GET", COUNTER),
        "backoffice:queue_open": Row("POST", COUNTER),
        "backoffice:queue_next": Row("POST", COUNTER),
        "backoffice:queue_act": Row("POST", COUNTER),
        "backoffice:queue_pause": Row("POST", COUNTER),
        "backoffice:queue_close": Row("POST", COUNTER),
        # A hall's figures: the leaders of its agency (the demo's halls are the
        # city centre's) and the supervisors above it.
        "backoffice:hall_list": Row("GET", HALL_FIGURES),
        "backoffice:hall_stats": Row("GET", HALL_FIGURES, kwargs=hall),
        "backoffice:hall_stats_csv": Row("GET", HALL_FIGURES, kwargs=hall),
        "backoffice:hall_now": Row("GET", HALL_FIGURES, kwargs=hall),
        "backoffice:hall_now_part": Row("GET", HALL_FIGURES, kwargs=hall),
        "backoffice:rating_tablet": Row("GET", TABLET, TABLET, kwargs=dossier),
        "backoffice:dossier": Row("GET", SEE_OWN, SEE_OTHER, kwargs=dossier),
        # A valid assignment, each principal on a dossier of its own: who may
        # assign there does (a redirect), who may not is refused.
        "backoffice:dossier_act": Row(
            "POST",
            ASSIGN_OWN,
            ASSIGN_OTHER,
            kwargs=lambda w, s: {"code": s.dossier, "action": "assign"},
            data=lambda w, s: {"assign-assignee": s.assignee},
            fresh=True,
        ),
        "backoffice:dossier_form": Row(
            "GET",
            SEE_OWN,
            SEE_OTHER,
            kwargs=lambda w, s: {"code": s.dossier, "number": "01"},
        ),
        "backoffice:dossier_paper": Row(
            "GET",
            PAPER_OWN,
            PAPER_OTHER,
            kwargs=lambda w, s: {"code": s.dossier, "position": 1},
        ),
        "backoffice:worklist": Row(
            "GET", STAFF_ONLY, kwargs=lambda w, s: {"kind": "unit"}
        ),
        "backoffice:overview": Row(
            "GET",
            # A superuser holds every role (agencies.access): every agency.
            staff(
                "403",
                division_leader=IN,
                leader=IN,
                supervisor=IN,
                other_leader=IN,
                superuser=IN,
            ),
        ),
        "backoffice:search": Row("GET", STAFF_ONLY),
        "backoffice:register": Row(
            "GET",
            staff(
                FORM,
                division_leader=IN,
                leader=IN,
                clerk=IN,
                supervisor=IN,
                superuser=IN,
            ),
            staff(FORM, supervisor=IN, other_leader=IN, superuser=IN),
            query=lambda w, s: f"agency={s.agency}&format=xlsx",
            download=True,
        ),
        "backoffice:feedback_list": Row("GET", STAFF_ONLY),
        "backoffice:feedback_detail": Row(
            "GET",
            staff(
                "404",
                division_leader=IN,
                leader=IN,
                agency_admin=IN,
                supervisor=IN,
                superuser=IN,
            ),
            staff("404", supervisor=IN, other_leader=IN, superuser=IN),
            kwargs=lambda w, s: {"feedback_id": s.feedback},
        ),
        "backoffice:notice_list": Row("GET", STAFF_ONLY),
        "backoffice:notice_new": Row(
            "GET",
            staff("403", leader=IN, agency_admin=IN, other_leader=IN, superuser=IN),
        ),
        "backoffice:notice_detail": Row(
            "GET", NOTICE_OWN, NOTICE_OTHER, kwargs=lambda w, s: {"notice_id": s.notice}
        ),
        "backoffice:notice_notify": Row(
            "POST",
            staff(
                "403",
                reception="404",
                police="404",
                other_leader="404",
                leader=IN,
                agency_admin=IN,
                superuser=IN,
            ),
            staff("404", supervisor="403", other_leader=IN, superuser=IN),
            kwargs=lambda w, s: {"notice_id": s.notice},
        ),
        "backoffice:notice_extend": Row(
            "POST",
            {
                **NOTICE_OWN,
                **dict.fromkeys(
                    (
                        "specialist",
                        "division_leader",
                        "leader",
                        "clerk",
                        "agency_admin",
                        "supervisor",
                        "superuser",
                    ),
                    INVALID,
                ),
            },
            {
                **NOTICE_OTHER,
                **dict.fromkeys(("supervisor", "other_leader", "superuser"), INVALID),
            },
            kwargs=lambda w, s: {"notice_id": s.notice},
        ),
    }


# -- asking --------------------------------------------------------------------


def client_for(world: AccessWorld, principal: str, number: int) -> Client:
    client = Client(REMOTE_ADDR=f"10.9.{number // 250}.{number % 250 + 1}")
    user = world.users[principal]
    if user is not None:
        client.force_login(user)
    return client


def ask(
    client: Client, method: str, path: str, data: dict[str, Any] | None = None
) -> HttpResponseBase:
    if method == "GET":
        return client.get(path)
    return client.post(path, data or {})


def url_names() -> Iterator[str]:
    """Every named URL outside the admin (whose pages are tried model by model)."""

    def walk(resolver: URLResolver, namespace: str) -> Iterator[str]:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = (
                    f"{namespace}{pattern.namespace}:"
                    if pattern.namespace
                    else namespace
                )
                yield from walk(pattern, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield namespace + pattern.name

    yield from walk(get_resolver(), "")


@dataclass(frozen=True)
class ApiRow:
    """An operation of the API: as ``Row``, with a JSON body where it takes one."""

    own: Expect
    other: Expect | None = None
    path: Callable[[AccessWorld, Scope], dict[str, Any]] = lambda w, s: {}
    query: str = ""
    body: Callable[[AccessWorld, Scope], dict[str, Any]] | None = None
    fresh: bool = False  # a new dossier per principal: the request changes it
    throwaway_token: bool = False  # the request spends the token (revokes it)


def api_table() -> dict[str, ApiRow]:
    def dossier(w: AccessWorld, s: Scope) -> dict[str, Any]:
        return {"code": s.dossier}

    def agency(w: AccessWorld, s: Scope) -> dict[str, Any]:
        return {"agency_code": s.agency}

    P = PUBLIC
    return {
        "POST /api/v1/auth/token": ApiRow(every(INVALID), body=lambda w, s: {}),
        "DELETE /api/v1/auth/token": ApiRow(bearer(IN), throwaway_token=True),
        "GET /api/v1/calendar/deadline": ApiRow(
            P, query="received_at=2026-03-02T09:00&amount=5&unit=working_days"
        ),
        "GET /api/v1/units": ApiRow(P),
        "GET /api/v1/units/{generation}/{level}/{code}": ApiRow(
            P,
            path=lambda w, s: {"generation": "2025", "level": "province", "code": "01"},
        ),
        "GET /api/v1/agencies": ApiRow(P),
        "GET /api/v1/agencies/{code}": ApiRow(
            P, P, path=lambda w, s: {"code": s.agency}
        ),
        "GET /api/v1/service-points": ApiRow(P),
        "GET /api/v1/procedures": ApiRow(P),
        "GET /api/v1/procedures/fields": ApiRow(P),
        "GET /api/v1/procedures/delegation-report": ApiRow(P, query="province=01"),
        "GET /api/v1/procedures/{code}": ApiRow(
            P, path=lambda w, s: {"code": w.procedure}
        ),
        "POST /api/v1/dossiers": ApiRow(bearer(INVALID), body=lambda w, s: {}),
        "GET /api/v1/dossiers": ApiRow(bearer(IN)),
        "GET /api/v1/dossiers/{code}": ApiRow(API_SEE_OWN, API_SEE_OTHER, path=dossier),
        "GET /api/v1/dossiers/{code}/events": ApiRow(
            API_SEE_OWN, API_SEE_OTHER, path=dossier
        ),
        "GET /api/v1/dossiers/{code}/forms/{number}.pdf": ApiRow(
            API_SEE_OWN,
            API_SEE_OTHER,
            path=lambda w, s: {"code": s.dossier, "number": "01"},
        ),
        "POST /api/v1/dossiers/{code}/transitions": ApiRow(
            bearer(
                "403", division_leader=IN, leader=IN, police="404", other_leader="404"
            ),
            bearer(
                "404",
                reception="403",
                supervisor="403",
                superuser="403",
                other_leader=IN,
            ),
            path=dossier,
            body=lambda w, s: {
                "action": "assign",
                "assignee": s.assignee_name,
                "expected_version": Dossier.objects.get(code=s.dossier).version,
            },
            fresh=True,
        ),
        "GET /api/v1/registers/{agency_code}.pdf": ApiRow(
            REGISTER_OWN, REGISTER_OTHER, path=agency
        ),
        "GET /api/v1/registers/{agency_code}.xlsx": ApiRow(
            REGISTER_OWN, REGISTER_OTHER, path=agency
        ),
        "GET /api/v1/worklists": ApiRow(bearer(IN)),
        "GET /api/v1/worklists/{kind}": ApiRow(
            bearer(IN), path=lambda w, s: {"kind": "unit"}
        ),
        "GET /api/v1/public/dossiers/{code}": ApiRow(P, P, path=dossier),
        "GET /api/v1/public/boards/{scope}/{code}": ApiRow(
            P, P, path=lambda w, s: {"scope": "agency", "code": s.board_code}
        ),
    }


def api_operations() -> set[str]:
    document = api.get_openapi_schema()
    return {
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method in operations
    }


def api_answers(world: AccessWorld, key: str, row: ApiRow, side: str) -> dict[str, str]:
    method, template = key.split(" ", 1)
    seen = {}
    for number, principal in enumerate(PRINCIPALS):
        scope = world.own if side == "own" else world.other
        if row.fresh:
            scope = replace(scope, dossier=world.fresh(side))
        path = template.format(**row.path(world, scope))
        if row.query:
            path = f"{path}?{row.query}"
        client = Client(REMOTE_ADDR=f"10.8.{number // 250}.{number % 250 + 1}")
        headers = {}
        if principal == CITIZEN:  # a citizen's session is no API credential
            client.force_login(world.users[CITIZEN])  # type: ignore[arg-type]
        elif principal != ANONYMOUS:
            token = (
                token_new(world, principal)
                if row.throwaway_token
                else world.tokens[principal]
            )
            headers["Authorization"] = f"Bearer {token}"
        body = row.body(world, scope) if row.body else None
        answer = client.generic(
            method,
            path,
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            headers=headers,
        )
        seen[principal] = outcome(answer)
    return seen


# -- the tests -----------------------------------------------------------------


def answers(world: AccessWorld, name: str, row: Row, side: str) -> dict[str, str]:
    seen = {}
    for number, principal in enumerate(PRINCIPALS):
        scope = world.own if side == "own" else world.other
        if row.fresh:
            scope = replace(scope, dossier=world.fresh(side))
        path = reverse(name, kwargs=row.kwargs(world, scope))
        query = row.query(world, scope)
        if query:
            path = f"{path}?{query}"
        client = client_for(world, principal, number)
        answer = ask(client, row.method, path, row.data(world, scope))
        seen[principal] = outcome(answer, download=row.download)
    return seen


def table_diff(expected: Expect, seen: Mapping[str, str]) -> list[str]:
    return [
        f"{who}: expected {expected[who]}, got {seen[who]}"
        for who in PRINCIPALS
        if expected[who] != seen[who]
    ]


def compact(seen: Mapping[str, str]) -> str:
    groups: dict[str, list[str]] = {}
    for who, answer in seen.items():
        groups.setdefault(answer, []).append(who)
    return "; ".join(f"{answer}: {' '.join(who)}" for answer, who in groups.items())


def test_every_page_has_a_row():
    names = {n for n in url_names() if not n.startswith("api-v1:")}
    table = set(pages_table())
    assert names - table == set(), "pages without a row in the access matrix"
    assert table - names == set(), "rows of pages that no longer exist"


@pytest.mark.parametrize("area", ["backoffice", "public site"])
def test_every_page_answers_each_principal_as_the_table_says(db, area):
    world = access_world()
    show = os.environ.get("ACCESS_MATRIX_PRINT")
    wrong = []
    for name, row in pages_table().items():
        if name.startswith("backoffice:") != (area == "backoffice"):
            continue
        sides = [("own", row.own)] + ([("other", row.other)] if row.other else [])
        for side, expected in sides:
            seen = answers(world, name, row, side)
            if show:
                print(f"{name} [{side}] {compact(seen)}")
            wrong += [f"{name} [{side}] {line}" for line in table_diff(expected, seen)]
    assert wrong == []


def test_every_api_operation_has_a_row():
    operations, table = api_operations(), set(api_table())
    assert operations - table == set(), "operations without a row in the access matrix"
    assert table - operations == set(), "rows of operations that no longer exist"


def test_every_api_operation_answers_each_principal_as_the_table_says(db):
    world = access_world()
    show = os.environ.get("ACCESS_MATRIX_PRINT")
    wrong = []
    for key, row in api_table().items():
        sides = [("own", row.own)] + ([("other", row.other)] if row.other else [])
        for side, expected in sides:
            seen = api_answers(world, key, row, side)
            if show:
                print(f"{key} [{side}] {compact(seen)}")
            wrong += [f"{key} [{side}] {line}" for line in table_diff(expected, seen)]
    assert wrong == []


# -- the admin: every registered model's list, and the change pages of people -----


ADMIN_OF_AGENCY = {
    "agencies.AdministrativeUnit",
    "agencies.Agency",
    "agencies.ServicePoint",
    "agencies.StaffAssignment",
    "accounts.User",
    "procedures.Procedure",
    "procedures.InternalProcess",
    "dossiers.AssignmentRule",
    "queueing.ServiceLine",
    "queueing.HallDevice",
    "queueing.PriorityCategory",
    "queueing.DayPolicy",
}
ADMIN_SUPERUSER_ONLY = {
    "auth.Group",
    "axes.AccessAttempt",
    "axes.AccessLog",
    "axes.AccessFailureLog",
    "core.BrandKit",
    "agencies.UnitSuccession",
    "procedures.ProcedureField",
    "procedures.DelegationRecord",
    "procedures.DelegationTarget",
    "citizens.Citizen",
    "citizens.StoredPaper",
    "dossiers.Dossier",
    "ratings.Rating",
    "ratings.Feedback",
    "notices.ServiceNotice",
    "notices.ServiceNoticeRecipient",
    "notifications.OutboxMessage",
    "payments.Payment",
    "calendars.HolidayEntry",
    "privacy.ErasureRequest",
}


def admin_table() -> dict[str, Expect]:
    """Each registered model's list page."""
    table: dict[str, Expect] = dict.fromkeys(ADMIN_OF_AGENCY, ADMIN_AGENCY)
    table.update(dict.fromkeys(ADMIN_SUPERUSER_ONLY, ADMIN_NONE))
    return table


def admin_change_table() -> dict[str, Expect]:
    """Change pages of one object each: a user of the ward, of another ward, a
    citizen; the ward's and the other ward's dossier."""
    return {
        "ward staff": ADMIN_AGENCY,
        "other ward staff": ADMIN_HIDDEN,
        "citizen": ADMIN_HIDDEN,  # never reached by staff administration
        "own dossier": ADMIN_NONE,
        "other dossier": ADMIN_NONE,
    }


def admin_change_url(world: AccessWorld, what: str) -> str:
    user = User.objects.get
    targets = {
        "ward staff": ("accounts_user", user(username="clerk").pk),
        "other ward staff": ("accounts_user", user(username="other_specialist").pk),
        "citizen": ("accounts_user", world.users[CITIZEN].pk),  # type: ignore[union-attr]
        "own dossier": (
            "dossiers_dossier",
            Dossier.objects.get(code=world.own.dossier).pk,
        ),
        "other dossier": (
            "dossiers_dossier",
            Dossier.objects.get(code=world.other.dossier).pk,
        ),
    }
    name, pk = targets[what]
    return reverse(f"admin:{name}_change", args=[pk])


def test_every_admin_model_has_a_row():
    registered = {m._meta.label for m in admin.site._registry}
    assert registered == set(admin_table())


def test_the_admin_answers_each_principal_as_the_table_says(db):
    world = access_world()
    show = os.environ.get("ACCESS_MATRIX_PRINT")
    wrong = []
    pages = [
        (
            label,
            reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist"),
            expected,
        )
        for m in admin.site._registry
        for label, expected in [(m._meta.label, admin_table()[m._meta.label])]
    ]
    pages += [
        (what, admin_change_url(world, what), expected)
        for what, expected in admin_change_table().items()
    ]
    pages.append(("index", reverse("admin:index"), admin_index()))
    for label, path, expected in pages:
        seen = {
            who: outcome(ask(client_for(world, who, n), "GET", path))
            for n, who in enumerate(PRINCIPALS)
        }
        if show:
            print(f"admin {label} {compact(seen)}")
        wrong += [f"admin {label}: {line}" for line in table_diff(expected, seen)]
    assert wrong == []


def admin_index() -> Expect:
    return ADMIN_AGENCY
