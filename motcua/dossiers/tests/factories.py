"""factory_boy factories for dossier tests (others may reuse them).

``procedure_with_process`` builds a procedure with a checklist and its default
internal process; ``dossier_in_state`` walks a dossier through the real services
to the state asked for, so every row and event is as production writes them.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from factory.declarations import LazyAttribute, Sequence, SubFactory
from factory.django import DjangoModelFactory

from motcua.accounts.models import User
from motcua.agencies.models import (
    Agency,
    AgencyKind,
    AgencyLevel,
    ServicePoint,
    ServicePointKind,
    StaffAssignment,
    StaffRole,
)
from motcua.core.text import fold
from motcua.dossiers.inputs import ApplicantInput, PaperTick
from motcua.dossiers.models import Dossier
from motcua.procedures.models import Procedure, RequiredPaper
from motcua.procedures.services.processes import internal_process_generate_default

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware datetime in Vietnam time: ``vn(2026, 3, 2, 9)``."""
    return datetime(year, month, day, hour, minute, tzinfo=VN)


class AgencyFactory(DjangoModelFactory[Agency]):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = Sequence(lambda n: f"000.00.{n:02d}.H01")
    name = Sequence(lambda n: f"Ủy ban nhân dân phường số {n}")
    kind = AgencyKind.PEOPLES_COMMITTEE
    level = AgencyLevel.COMMUNE
    search_text = LazyAttribute(lambda o: fold(f"{o.name} {o.code}"))


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = Sequence(lambda n: f"staff{n}")
    full_name = Sequence(lambda n: f"Nguyễn Văn {n}")


def staff(agency: Agency, *roles: str, username: str | None = None) -> User:
    """A user holding ``roles`` in ``agency``."""
    user = UserFactory.create(username=username) if username else UserFactory.create()
    for role in roles:
        StaffAssignment.objects.get_or_create(user=user, agency=agency, role=role)
    return user


class ServicePointFactory(DjangoModelFactory[ServicePoint]):
    class Meta:
        model = ServicePoint

    code = Sequence(lambda n: f"SP{n:03d}")
    name = Sequence(lambda n: f"Điểm tiếp nhận {n}")
    kind = ServicePointKind.CENTRE
    agency = SubFactory(AgencyFactory)
    address = "1 Tràng Tiền, Hà Nội"


def procedure_with_process(
    *,
    code: str = "1.004222",
    amount: Decimal | int = 5,
    unit: str | None = "working_days",
    papers: tuple[str, ...] = ("Tờ khai", "Giấy tờ chứng minh chỗ ở"),
) -> Procedure:
    """A procedure with a checklist and its default internal process."""
    procedure = Procedure.objects.create(
        code=code,
        name="Đăng ký thường trú",
        legal_time_amount=Decimal(amount),
        legal_time_unit=unit,
    )
    for position, name in enumerate(papers, start=1):
        RequiredPaper.objects.create(
            procedure=procedure, position=position, name=name, originals=1
        )
    internal_process_generate_default(procedure=procedure)
    return procedure


def applicant(**overrides: object) -> ApplicantInput:
    values: dict[str, object] = {
        "name": "Trần Thị Hương",
        "id_number": "001190012345",
        "phone": "0912345678",
        "email": "huong@example.vn",
        "address": "12 Hàng Bạc, Hoàn Kiếm, Hà Nội",
    }
    values.update(overrides)
    return ApplicantInput(**values)  # type: ignore[arg-type]


def all_ticks(procedure: Procedure) -> list[PaperTick]:
    return [
        PaperTick(required_paper_id=pk)
        # In the order they were added: tests take the first ones (no row order
        # is guaranteed without it, and PostgreSQL's differs from SQLite's).
        for pk in procedure.papers.filter(is_note=False, is_shown=False)
        .exclude(channel_scope="online")
        .order_by("pk")
        .values_list("pk", flat=True)
    ]


class World:
    """Two agencies with every role, a service point and a procedure."""

    def __init__(self, *, amount: Decimal | int = 5) -> None:
        self.agency = AgencyFactory.create(
            code="000.00.00.H01", name="UBND phường Ba Đình"
        )
        self.other = AgencyFactory.create(
            code="000.00.00.H02", name="Công an phường Ba Đình"
        )
        self.point = ServicePointFactory.create(agency=self.agency)
        self.procedure = procedure_with_process(amount=amount)
        self.officer = staff(
            self.agency, StaffRole.RECEPTION_OFFICER, username="officer"
        )
        self.division = staff(
            self.agency, StaffRole.DIVISION_LEADER, username="division"
        )
        self.leader = staff(self.agency, StaffRole.AGENCY_LEADER, username="leader")
        self.specialist = staff(
            self.agency, StaffRole.SPECIALIST, username="specialist"
        )
        self.clerk = staff(self.agency, StaffRole.CLERK, username="clerk")
        self.other_staff = staff(self.other, StaffRole.SPECIALIST, username="police")

    def receive(self, now: datetime, **overrides: object) -> Dossier:
        from motcua.dossiers.services import dossier_create_at_counter

        values: dict[str, object] = {
            "actor": self.officer,
            "now": now,
            "procedure": self.procedure,
            "service_point": self.point,
            "applicant": applicant(),
            "papers": all_ticks(self.procedure),
            "competent_agency": self.agency,
        }
        values.update(overrides)
        return dossier_create_at_counter(**values)  # type: ignore[arg-type]

    def processing(self, now: datetime) -> Dossier:
        """A dossier received at ``now`` and assigned to the specialist."""
        from motcua.dossiers.services import dossier_assign

        dossier = self.receive(now)
        return dossier_assign(
            dossier_code=dossier.code,
            actor=self.division,
            now=now,
            assignee=self.specialist,
        )


def dossier_in_state(world: World, step: str, now: datetime) -> Dossier:
    """A dossier of ``world`` brought to ``step`` through the services at ``now``."""
    from motcua.dossiers import services as s

    if step == "assignment":
        return world.receive(now)
    dossier = world.processing(now)
    code = dossier.code
    if step == "processing":
        return dossier
    if step in ("approval", "issuing", "result_ready"):
        s.dossier_forward(
            dossier_code=code, actor=world.specialist, now=now, to_step="approval"
        )
    if step in ("issuing", "result_ready"):
        s.dossier_approve(dossier_code=code, actor=world.leader, now=now)
    if step == "result_ready":
        s.dossier_issue_result(dossier_code=code, actor=world.clerk, now=now)
    return Dossier.objects.get(code=code)
