"""Demo dossiers in every status, with full histories. DEMO DATA: invented people.

Every dossier is made through the same services the pages and the API call, with
``now`` set in the past, so histories, deadlines and lateness are real: some are
late, some paused, some went to a second agency.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from motcua.accounts.models import User
from motcua.agencies.models import Agency, ServicePoint
from motcua.calendars.selectors import work_calendar_get
from motcua.dossiers import services
from motcua.dossiers.choices import AgencyRequestMode, DossierChannel
from motcua.dossiers.inputs import ApplicantInput, FeeLine, PaperTick
from motcua.dossiers.intake import checklist_items
from motcua.dossiers.models import Dossier
from motcua.population.adapters import citizen_lookup
from motcua.procedures.models import Procedure
from motcua.procedures.selectors import case_headings

DEMO_MARK = "(dữ liệu mẫu)"  # every demo dossier's summary says it is demo data


@dataclass
class Cast:
    """The demo staff and places a scenario needs."""

    reception: User
    specialist: User
    division_leader: User
    leader: User
    clerk: User
    police: User
    police_leader: User
    ward: Agency
    ward_police: Agency
    point: ServicePoint


def working_day_back(today: date, days: int) -> date:
    """The working day ``days`` working days before ``today`` (0 = today or before)."""
    calendar = work_calendar_get()
    day = today
    counted = 0
    while counted < days or not calendar.is_working_day(day):
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def applicant(personal_id: str) -> ApplicantInput:
    citizen = citizen_lookup(personal_id=personal_id)
    if citizen is None:  # the demo adapter knows every demo ID
        raise RuntimeError(f"demo citizen {personal_id} not found")
    return ApplicantInput(
        name=citizen.full_name,
        id_number=citizen.personal_id,
        birth_date=citizen.birth_date,
        address=citizen.address,
        phone="0900" + personal_id[-6:],
    )


def ticks(
    procedure: Procedure,
    case_heading: str = "",
    channel: int = DossierChannel.IN_PERSON,
) -> list[PaperTick]:
    """Every paper of the checklist but the conditional ones (they do not apply)."""
    return [
        PaperTick(required_paper_id=d.pk)
        for d in checklist_items(procedure, case_heading, channel=channel)
        if not d.condition
    ]


def first_case(procedure: Procedure) -> str:
    cases = case_headings(procedure)
    return cases[0] if cases else ""


class Scenario:
    """Build one demo dossier: receive it, then apply steps in order."""

    def __init__(self, cast: Cast, procedure: Procedure, personal_id: str) -> None:
        self.cast = cast
        self.procedure = procedure
        self.personal_id = personal_id
        self.code = ""

    def counter(self, when: datetime) -> Scenario:
        case = first_case(self.procedure)
        dossier = services.dossier_create_at_counter(
            actor=self.cast.reception,
            now=when,
            procedure=self.procedure,
            service_point=self.cast.point,
            applicant=applicant(self.personal_id),
            papers=ticks(self.procedure, case),
            case_heading=case,
            summary=f"{self.procedure.name} {DEMO_MARK}",
            competent_agency=self.competent(),
        )
        self.code = dossier.code
        return self

    def online(self, when: datetime) -> Scenario:
        case = first_case(self.procedure)
        dossier = services.dossier_register_online(
            now=when,
            procedure=self.procedure,
            competent_agency=self.competent(),
            applicant=applicant(self.personal_id),
            papers=ticks(self.procedure, case, DossierChannel.ONLINE),
            case_heading=case,
            summary=f"{self.procedure.name} {DEMO_MARK}",
        )
        self.code = dossier.code
        return self

    def competent(self) -> Agency:
        if self.procedure.agencies.filter(pk=self.cast.ward.pk).exists():
            return self.cast.ward
        return self.cast.ward_police

    def through_result(
        self,
        *,
        assigned: datetime,
        reviewed: tuple[datetime, datetime],
        approved: datetime,
        issued: datetime,
    ) -> Scenario:
        """Assign, forward to review and approval, approve and issue the result."""
        c, s = self.cast, services
        return (
            self.then(
                s.dossier_assign,
                assigned,
                actor=c.division_leader,
                assignee=c.specialist,
            )
            .then(
                s.dossier_forward,
                reviewed[0],
                actor=c.specialist,
                to_step=None,
                to_user=None,
            )
            .then(
                s.dossier_forward,
                reviewed[1],
                actor=c.division_leader,
                to_step=None,
                to_user=None,
            )
            .then(s.dossier_approve, approved, actor=c.leader)
            .then(s.dossier_issue_result, issued, actor=c.clerk)
        )

    def then(
        self, action: Callable[..., Dossier], when: datetime, **fields: object
    ) -> Scenario:
        action(dossier_code=self.code, now=when, **fields)
        return self


def build(cast: Cast, procedures: dict[str, Procedure], today: date) -> list[str]:
    """Make the demo dossiers; return their codes."""
    c, s = cast, services
    birth, marriage, status = (
        procedures["birth"],
        procedures["marriage"],
        procedures["status"],
    )
    residence = procedures["residence"]

    def d(days_back: int) -> date:
        return working_day_back(today, days_back)

    made = [
        # 1 registered online, waiting for the reception check
        Scenario(c, birth, "001090100001").online(at(d(0), 8, 5)),
        # 3 refused at reception
        Scenario(c, status, "001185100002")
        .online(at(d(2), 9))
        .then(
            s.dossier_refuse,
            at(d(2), 10),
            actor=c.reception,
            reasons="Hồ sơ không thuộc thẩm quyền giải quyết của phường.",
        ),
        # 2 received, waiting to be assigned
        Scenario(c, status, "001090100003").counter(at(d(0), 8, 30)),
        # 4 processing, on time
        Scenario(c, status, "001185100004")
        .counter(at(d(1), 9))
        .then(
            s.dossier_assign,
            at(d(1), 10),
            actor=c.division_leader,
            assignee=c.specialist,
        ),
        # 4 processing, late; an apology with a new date was sent in time
        Scenario(c, status, "001090100005")
        .counter(at(d(6), 9))
        .then(
            s.dossier_assign,
            at(d(6), 10),
            actor=c.division_leader,
            assignee=c.specialist,
        )
        .then(
            s.dossier_apologise,
            at(d(4), 9),
            actor=c.leader,
            reason="Cần xác minh thêm thông tin với nơi cư trú trước đây.",
            new_deadline_at=at(d(0), 17),
        ),
        # 4 at another agency: the ward police verifies the residence
        Scenario(c, marriage, "001185100006")
        .counter(at(d(1), 14))
        .then(
            s.dossier_assign,
            at(d(1), 14, 30),
            actor=c.division_leader,
            assignee=c.specialist,
        )
        .then(
            s.dossier_send_to_agency,
            at(d(0), 8, 30),
            actor=c.specialist,
            agencies=[c.ward_police],
            mode=AgencyRequestMode.PARALLEL,
            request_note="Đề nghị xác minh nơi cư trú của người yêu cầu.",
            due_at=None,
        ),
        # 5 supplement requested during processing (clock paused)
        Scenario(c, status, "001090100007")
        .counter(at(d(2), 9))
        .then(
            s.dossier_assign,
            at(d(2), 9, 30),
            actor=c.division_leader,
            assignee=c.specialist,
        )
        .then(
            s.dossier_request_supplement,
            at(d(1), 10),
            actor=c.specialist,
            items=["Bản sao trích lục ly hôn"],
            reason="Thiếu giấy tờ chứng minh tình trạng hôn nhân trước đây.",
        ),
        # 6 waiting for the fee (clock paused)
        Scenario(c, residence, "001185100008")
        .counter(at(d(2), 10))
        # (assigned automatically to the police specialist by the agency's rule)
        .then(
            s.dossier_request_payment,
            at(d(1), 9),
            actor=c.police,
            fees=[FeeLine(name="Lệ phí đăng ký thường trú", amount_vnd=20000)],
            note="",
        ),
        # 7 withdrawn at the applicant's request
        Scenario(c, birth, "001090100009")
        .counter(at(d(3), 9))
        .then(
            s.dossier_withdraw,
            at(d(3), 11),
            actor=c.reception,
            reason="Công dân xin rút hồ sơ.",
        ),
        # 8 stopped
        Scenario(c, status, "001185100010")
        .counter(at(d(5), 9))
        .then(
            s.dossier_stop,
            at(d(4), 9),
            actor=c.leader,
            reason="Công dân đề nghị dừng giải quyết.",
        ),
        # 9 processed, result ready at the counter (with review and approval)
        Scenario(c, status, "001090100011")
        .counter(at(d(3), 8, 30))
        .through_result(
            assigned=at(d(3), 9),
            reviewed=(at(d(2), 9), at(d(2), 14)),
            approved=at(d(1), 9),
            issued=at(d(1), 10),
        ),
        # 10 returned early
        Scenario(c, birth, "001185100012")
        .counter(at(d(4), 8, 15))
        .through_result(
            assigned=at(d(4), 8, 30),
            reviewed=(at(d(4), 9, 30), at(d(4), 10)),
            approved=at(d(4), 10, 30),
            issued=at(d(4), 11),
        )
        .then(s.dossier_return_result, at(d(3), 9), actor=c.reception, method=None),
        # 10 returned late
        Scenario(c, status, "001090100013")
        .counter(at(d(9), 9))
        .through_result(
            assigned=at(d(8), 9),
            reviewed=(at(d(5), 9), at(d(5), 10)),
            approved=at(d(4), 10),
            issued=at(d(4), 11),
        )
        .then(s.dossier_return_result, at(d(3), 15), actor=c.reception, method=None),
    ]
    return [scenario.code for scenario in made]


def demo_dossiers_exist() -> bool:
    return Dossier.objects.filter(summary__endswith=DEMO_MARK).exists()
