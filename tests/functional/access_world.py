"""The world of the access matrix: the demo seed, plus what another agency and
another citizen own, so that every page and endpoint is tried on an object of the
reader's own agency (and own account) and on one of someone else's."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import RequestFactory

from motcua.accounts.models import User
from motcua.accounts.tokens import api_token_issue
from motcua.agencies.models import Agency, ServicePoint, StaffAssignment, StaffRole
from motcua.citizens.services import stored_paper_upload
from motcua.citizens.tests.factories import citizen as citizen_make
from motcua.demo.seeding import DEMO_CITIZEN_ID, DEMO_PASSWORD, demo_seed
from motcua.dossiers.inputs import ApplicantInput, PaperTick
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_receive, dossier_register_online
from motcua.notices.services import notice_publish
from motcua.payments.services import payment_create
from motcua.procedures.models import Procedure
from motcua.queueing.models import DeviceKind, HallDevice, ServiceLine
from motcua.queueing.services import ticket_issue
from motcua.ratings.links import rating_token
from motcua.ratings.services import feedback_submit
from motcua.submissions.models import Submission
from motcua.submissions.tests.factories import pdf_bytes, pdf_upload

# The suite's fixed clock (conftest.FIXED_NOW): never the day the tests run.
SUITE_NOW = datetime(2026, 11, 17, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

# Who asks. Every staff member but the other ward's leader works for the demo
# ward (00004) or above it; "own" objects are that ward's and the demo citizen's.
ANONYMOUS = "anonymous"
CITIZEN = "citizen"
STAFF = (
    "reception",  # reception officer of the city's centre (receives for the ward)
    "specialist",
    "division_leader",
    "leader",
    "clerk",
    "agency_admin",
    "supervisor",  # city supervisor: every dossier of the city, personal data masked
    "police",  # specialist of the ward's police
    "other_leader",  # agency leader of another ward
    "superuser",
)
PRINCIPALS = (ANONYMOUS, CITIZEN, *STAFF)
OTHER_WARD = "ward:00070"


@dataclass
class Scope:
    """The objects a URL names, all of one side: own or other."""

    dossier: str
    draft: str
    paper: int
    feedback: int
    notice: int
    agency: str
    rating: str
    board_code: str
    assignee: int  # a specialist of the side's ward, to assign dossiers to
    assignee_name: str  # the same, by username (the API's way)


@dataclass
class AccessWorld:
    users: dict[str, User | None]
    own: Scope
    other: Scope
    procedure: str
    payment: str
    fresh: Callable[[str], str]  # side → the code of a new received dossier there
    ticket: str = ""  # a queue ticket's follow key (its QR): public, no owner
    kiosk: str = ""  # the key of that hall's kiosk (its address): no owner
    display: str = ""  # the key of that hall's display
    tokens: dict[str, str] = field(default_factory=dict)


def _paper(owner: User) -> int:
    return stored_paper_upload(
        owner=owner,
        name="Giấy khai sinh",
        upload=pdf_upload("giay-khai-sinh.pdf"),
        now=SUITE_NOW,
    ).pk


def _online_dossier(owner: User, agency: Agency, procedure: Procedure) -> Dossier:
    person = owner.citizen
    return dossier_register_online(
        now=SUITE_NOW,
        procedure=procedure,
        competent_agency=agency,
        applicant=ApplicantInput(
            name=owner.full_name,
            id_number=person.id_number,
            phone="0912345678",
            address="12 Hàng Bạc, Hà Nội",
        ),
        papers=[
            PaperTick(
                required_paper_id=d.pk,
                file=default_storage.save(
                    "papers/matrix.pdf", ContentFile(pdf_bytes())
                ),
            )
            for d in procedure.papers.filter(is_note=False)
        ],
        account=owner,
    )


def _received(owner: User, agency: Agency, procedure: Procedure, by: User) -> Dossier:
    """An online dossier, with a file per paper, received by the centre."""
    code = _online_dossier(owner, agency, procedure).code
    return dossier_receive(dossier_code=code, actor=by, now=SUITE_NOW)


def access_world() -> AccessWorld:
    """Seed the demo (its own small seed) and add the other side."""
    out = io.StringIO()
    demo_seed(use_shared=False, stdout=out, stderr=out)
    now = SUITE_NOW
    names = [s for s in STAFF if s not in {"other_leader", "superuser"}]
    users: dict[str, User | None] = {
        name: User.objects.get(username=name) for name in names
    }
    users["superuser"] = User.objects.get(username="admin")
    users[ANONYMOUS] = None
    citizen = User.objects.get(username=DEMO_CITIZEN_ID)
    users[CITIZEN] = citizen
    other_citizen = citizen_make(id_number="079190000123", full_name="Lê Văn Tám")

    ward = Agency.objects.get(assignments__user__username="specialist")
    other_ward = Agency.objects.exclude(pk=ward.pk).get(
        code__endswith=".00070", parent=ward.parent
    )
    other_leader = User.objects.create_user(
        username="other_leader",
        full_name="Lãnh đạo phường khác",
        password=DEMO_PASSWORD,
    )
    StaffAssignment.objects.create(
        user=other_leader, agency=other_ward, role=StaffRole.AGENCY_LEADER
    )
    users["other_leader"] = other_leader
    other_specialist = User.objects.create_user(
        username="other_specialist", full_name="Chuyên viên phường khác"
    )
    StaffAssignment.objects.create(
        user=other_specialist, agency=other_ward, role=StaffRole.SPECIALIST
    )

    procedure = (
        Procedure.objects.filter(agency_links__agency=ward)
        .filter(agency_links__agency=other_ward)
        .order_by("code")
        .first()
    )
    assert procedure is not None
    reception = users["reception"]
    assert reception is not None
    own_dossier = _received(citizen, ward, procedure, reception)
    other_dossier = _received(other_citizen, other_ward, procedure, reception)

    def draft(owner: User) -> str:
        return str(
            Submission.objects.create(
                account=owner,
                procedure=procedure,
                applicant={},
                created_at=now,
                updated_at=now,
            ).token
        )

    def notice(agency: Agency, actor: User) -> int:
        return notice_publish(
            actor=actor,
            agency=agency,
            title="Mất điện",
            description="Máy chủ dừng.",
            advice="Quay lại sau.",
            starts_at=now,
            ends_at=now + timedelta(hours=2),
            affects_online_portal=True,
            now=now,
        ).pk

    def feedback(code: str) -> int:
        return feedback_submit(
            kind="complaint", content="Chờ lâu quá.", now=now, dossier_code=code
        ).pk

    leader = users["leader"]
    assert leader is not None
    world = AccessWorld(
        users=users,
        own=Scope(
            dossier=own_dossier.code,
            draft=draft(citizen),
            paper=_paper(citizen),
            feedback=feedback(own_dossier.code),
            notice=notice(ward, leader),
            agency=ward.code,
            rating=rating_token(own_dossier.code),
            board_code=ward.code,
            assignee=User.objects.get(username="specialist").pk,
            assignee_name="specialist",
        ),
        other=Scope(
            dossier=other_dossier.code,
            draft=draft(other_citizen),
            paper=_paper(other_citizen),
            feedback=feedback(other_dossier.code),
            notice=notice(other_ward, other_leader),
            agency=other_ward.code,
            rating=rating_token(other_dossier.code),
            board_code=other_ward.code,
            assignee=other_specialist.pk,
            assignee_name=other_specialist.username,
        ),
        procedure=procedure.code,
        fresh=lambda side: (
            (
                _received(citizen, ward, procedure, reception)
                if side == "own"
                else _received(other_citizen, other_ward, procedure, reception)
            ).code
        ),
        payment=payment_create(
            purpose="access-matrix",
            description="Lệ phí",
            amount_vnd=10_000,
            return_url="/",
            now=now,
        ).reference,
    )
    world.ticket, world.kiosk, world.display = _ticket()
    for name in STAFF:
        world.tokens[name] = token_new(world, name)
    return world


def _ticket() -> tuple[str, str, str]:
    """A ticket of a hall of the demo, and the keys of the hall's kiosk and display."""
    point = ServicePoint.objects.order_by("pk").first()
    assert point is not None
    line = ServiceLine.objects.get_or_create(
        service_point=point, prefix="B", defaults={"name": "Tư pháp"}
    )[0]
    kiosk, display = (
        HallDevice.objects.create(service_point=point, kind=kind, name=kind)
        for kind in (DeviceKind.KIOSK, DeviceKind.HALL_DISPLAY)
    )
    return ticket_issue(line=line, now=SUITE_NOW).follow_key, kiosk.key, display.key


def token_new(world: AccessWorld, principal: str) -> str:
    """A new API token of staff member ``principal``."""
    user = world.users[principal]
    assert user is not None
    return api_token_issue(
        request=RequestFactory().post("/api/v1/auth/token"),
        username=user.username,
        password=DEMO_PASSWORD,
        now=SUITE_NOW,
    )[0]
