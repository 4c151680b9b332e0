"""Build the demo setup. DEMO DATA: invented e-IDs, addresses, people and passwords."""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import TextIOBase
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.agencies.models import (
    AdministrativeUnit,
    Agency,
    AgencyKind,
    AgencyLevel,
    Counter,
    ServicePoint,
    ServicePointKind,
    StaffAssignment,
    StaffRole,
    UnitGeneration,
    UnitLevel,
)
from motcua.citizens.services import citizen_sign_up
from motcua.core.text import fold
from motcua.demo import dossier_scenarios
from motcua.demo.hall import DEMO_HALL, demo_hall_seed
from motcua.dossiers.choices import DossierChannel
from motcua.dossiers.models import AssignmentRule, AssignmentStrategy, Dossier
from motcua.population.adapters import citizen_lookup
from motcua.procedures.models import Procedure
from motcua.procedures.selectors import procedure_search
from motcua.procedures.services import catalogue_import, procedure_agencies_link

SEED_FILE = Path(__file__).resolve().parent / "seed" / "demo_seed.json"
DEMO_PASSWORD = "demo12345"  # noqa: S105 - published demo password, README lists it
HANOI = "01"
# Wards of the demo (real 2025 codes); the first one hosts the demo staff.
DEMO_WARDS = ["00004", "00070", "00082", "00008", "00025"]
COUNTER_LABELS = ["Hộ tịch – Chứng thực", "Cư trú", "Đất đai – Xây dựng", "Kinh doanh"]


def shared_dir() -> Path:
    return Path(settings.SHARED_DATA_DIR)


def has_shared_data() -> bool:
    return (shared_dir() / "admin_units" / "wards_2025.csv").is_file()


def demo_seed(*, use_shared: bool, stdout: TextIOBase, stderr: TextIOBase) -> list[str]:
    """Seed everything; return summary lines. Safe to run again."""
    shared = use_shared and has_shared_data()
    seed = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    if shared:
        call_command("import_units", stdout=stdout, stderr=stderr)
        call_command("import_holidays", stdout=stdout, stderr=stderr)
    else:
        _seed_units(seed)
    with transaction.atomic():
        agencies = _seed_agencies()
        _seed_service_points(agencies)
        _seed_staff(agencies)
    report = catalogue_import(records=list(_procedure_records(seed, shared=shared)))
    linked = _link_procedures(agencies)
    dossiers = _seed_dossiers(agencies)
    tickets = demo_hall_seed()
    citizen = _seed_citizen()
    source = "shared data" if shared else "the demo seed"
    return [
        f"Source: {source}",
        f"Agencies: {Agency.objects.count()}",
        f"Service points: {ServicePoint.objects.count()}",
        f"Staff users: {User.objects.count()}",
        f"Procedures: {report.total} imported, {linked} agency links",
        f"Dossiers: {dossiers} demo dossiers",
        f"Front hall ({DEMO_HALL}): {tickets} tickets today;"
        " kiosk /sanh/demo-kiosk-cn01/, display /sanh/demo-display-cn01/",
        f"Citizen account: {citizen.username} / {DEMO_CITIZEN_PASSWORD}",
    ]


# The demo citizen: the applicant of the demo's first online dossier.
DEMO_CITIZEN_ID = "001090100001"
DEMO_CITIZEN_PASSWORD = "congdan-demo-2026"  # noqa: S105 - published, README lists it


def _seed_citizen() -> User:
    """A citizen account (password login) owning the demo's online dossiers."""
    existing = User.objects.filter(username=DEMO_CITIZEN_ID).first()
    if existing is None:
        person = citizen_lookup(personal_id=DEMO_CITIZEN_ID)
        existing = citizen_sign_up(
            full_name=person.full_name if person else "Công dân (demo)",
            id_number=DEMO_CITIZEN_ID,
            phone="0900100001",
            email="congdan.demo@example.invalid",
            password=DEMO_CITIZEN_PASSWORD,
            birth_date=person.birth_date if person else None,
            now=timezone.now(),
        )
    # "My dossiers": the demo's online dossiers of this applicant were filed by it.
    Dossier.objects.filter(
        applicant_id_number=DEMO_CITIZEN_ID, channel=DossierChannel.ONLINE
    ).update(account=existing)
    return existing


def _seed_units(seed: dict[str, Any]) -> None:
    for row in seed["provinces"]:
        AdministrativeUnit.objects.update_or_create(
            generation=UnitGeneration.TWO_LEVEL,
            level=UnitLevel.PROVINCE,
            code=row["code"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "search_text": fold(row["name"]),
            },
        )
    for row in seed["communes"]:
        province = AdministrativeUnit.objects.get(
            generation=UnitGeneration.TWO_LEVEL,
            level=UnitLevel.PROVINCE,
            code=row["province"],
        )
        AdministrativeUnit.objects.update_or_create(
            generation=UnitGeneration.TWO_LEVEL,
            level=UnitLevel.COMMUNE,
            code=row["code"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "parent": province,
                "search_text": fold(row["name"]),
            },
        )


def _unit(level: str, code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(
        generation=UnitGeneration.TWO_LEVEL, level=level, code=code
    )


def _agency(code: str, **fields: Any) -> Agency:
    fields["search_text"] = fold(f"{fields['name']} {code}")
    agency, _ = Agency.objects.update_or_create(code=code, defaults=fields)
    return agency


def _seed_agencies() -> dict[str, Agency]:
    city = _unit(UnitLevel.PROVINCE, HANOI)
    agencies = {
        "city": _agency(
            "H26",
            name="Ủy ban nhân dân Thành phố Hà Nội (demo)",
            short_name="UBND TP Hà Nội",
            kind=AgencyKind.PEOPLES_COMMITTEE,
            level=AgencyLevel.PROVINCE,
            unit=city,
        ),
    }
    agencies["centre"] = _agency(
        "H26.TTPVHCC",
        name="Trung tâm Phục vụ hành chính công Thành phố Hà Nội (demo)",
        short_name="TTPVHCC Hà Nội",
        kind=AgencyKind.ONE_LEVEL_CENTRE,
        level=AgencyLevel.PROVINCE,
        unit=city,
        parent=agencies["city"],
    )
    agencies["justice"] = _agency(
        "H26.STP",
        name="Sở Tư pháp Thành phố Hà Nội (demo)",
        short_name="Sở Tư pháp",
        kind=AgencyKind.DEPARTMENT,
        level=AgencyLevel.PROVINCE,
        unit=city,
        parent=agencies["city"],
    )
    agencies["construction"] = _agency(
        "H26.SXD",
        name="Sở Xây dựng Thành phố Hà Nội (demo)",
        short_name="Sở Xây dựng",
        kind=AgencyKind.DEPARTMENT,
        level=AgencyLevel.PROVINCE,
        unit=city,
        parent=agencies["city"],
    )
    agencies["police"] = _agency(
        "H26.CA",
        name="Công an Thành phố Hà Nội (demo)",
        short_name="Công an TP",
        kind=AgencyKind.POLICE,
        level=AgencyLevel.PROVINCE,
        unit=city,
    )
    for ward_code in DEMO_WARDS:
        ward = _unit(UnitLevel.COMMUNE, ward_code)
        agencies[f"ward:{ward_code}"] = _agency(
            f"H26.{ward_code}",
            name=f"Ủy ban nhân dân {ward.name} (demo)",
            short_name=f"UBND {ward.name}",
            kind=AgencyKind.PEOPLES_COMMITTEE,
            level=AgencyLevel.COMMUNE,
            unit=ward,
            parent=agencies["city"],
        )
        agencies[f"police:{ward_code}"] = _agency(
            f"H26.{ward_code}.CA",
            name=f"Công an {ward.name} (demo)",
            short_name=f"CA {ward.name}",
            kind=AgencyKind.POLICE,
            level=AgencyLevel.COMMUNE,
            unit=ward,
            parent=agencies["police"],
        )
    return agencies


def _seed_service_points(agencies: dict[str, Agency]) -> None:
    city_wide = [agencies[k] for k in ("justice", "construction", "police")]
    ward_bodies = [a for k, a in agencies.items() if k.startswith(("ward:", "police:"))]
    for number, ward_code in enumerate(DEMO_WARDS, start=1):
        ward_agency = agencies[f"ward:{ward_code}"]
        point, _ = ServicePoint.objects.update_or_create(
            code=f"HN-CN{number:02d}",
            defaults={
                "name": f"Chi nhánh số {number} – TTPVHCC Hà Nội ({ward_agency.unit})",
                "kind": ServicePointKind.BRANCH,
                "agency": agencies["centre"],
                "unit": ward_agency.unit,
                "address": f"Số {number} phố Mẫu (demo), {ward_agency.unit}, Hà Nội",
                "phone": f"024 0000 00{number:02d}",
            },
        )
        # Decree 118/2025 Art. 14: any point in the province receives for every body.
        point.receives_for.set([*ward_bodies, *city_wide])
        for counter_number, label in enumerate(COUNTER_LABELS, start=1):
            Counter.objects.update_or_create(
                service_point=point, number=counter_number, defaults={"label": label}
            )


STAFF = [
    # Hanoi runs a one-level centre: reception officers belong to its branches.
    ("reception", "Nguyễn Thị Lan", StaffRole.RECEPTION_OFFICER, "centre"),
    ("specialist", "Trần Văn Minh", StaffRole.SPECIALIST, "ward:00004"),
    ("division_leader", "Lê Thị Hoa", StaffRole.DIVISION_LEADER, "ward:00004"),
    ("leader", "Phạm Quốc Hùng", StaffRole.AGENCY_LEADER, "ward:00004"),
    ("clerk", "Đỗ Thị Mai", StaffRole.CLERK, "ward:00004"),
    ("agency_admin", "Vũ Đức Anh", StaffRole.AGENCY_ADMIN, "ward:00004"),
    ("supervisor", "Hoàng Thu Trang", StaffRole.CITY_SUPERVISOR, "city"),
    ("police", "Bùi Văn Toàn", StaffRole.SPECIALIST, "police:00004"),
    ("police_leader", "Đặng Quốc Việt", StaffRole.AGENCY_LEADER, "police:00004"),
]


def _user(
    username: str, full_name: str, *, staff: bool = False, superuser: bool = False
) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"full_name": full_name, "is_staff": staff, "is_superuser": superuser},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _seed_staff(agencies: dict[str, Agency]) -> None:
    _user("admin", "Quản trị hệ thống (demo)", staff=True, superuser=True)
    for username, full_name, role, agency_key in STAFF:
        user = _user(
            username, f"{full_name} (demo)", staff=role == StaffRole.AGENCY_ADMIN
        )
        StaffAssignment.objects.get_or_create(
            user=user, agency=agencies[agency_key], role=role
        )


def _procedure_records(
    seed: dict[str, Any], *, shared: bool
) -> Iterator[dict[str, Any]]:
    path = shared_dir() / "procedures" / "tthc_catalog_cap_xa.jsonl"
    if shared and path.is_file():
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield json.loads(line)
    else:
        yield from seed["procedures"]


def _link_procedures(agencies: dict[str, Agency]) -> int:
    """Commune-level procedures to every demo ward; residence ones to ward police."""
    commune = procedure_search(level="commune")
    residence = [
        p.code for p in commune if p.field and "cư trú" in p.field.name.lower()
    ]
    others = [p.code for p in commune if p.code not in set(residence)]
    wards = [a for key, a in agencies.items() if key.startswith("ward:")]
    police = [a for key, a in agencies.items() if key.startswith("police:")]
    provincial = [p.code for p in procedure_search(level="province")]
    return (
        procedure_agencies_link(procedure_codes=others, agencies=wards)
        + procedure_agencies_link(procedure_codes=residence, agencies=police)
        + procedure_agencies_link(
            procedure_codes=provincial, agencies=[agencies["construction"]]
        )
    )


DEMO_PROCEDURES = {
    "birth": "1.001193",
    "marriage": "1.000894",
    "status": "1.004873",
    "residence": "1.004222",
}


def _seed_dossiers(agencies: dict[str, Agency]) -> int:
    """Demo dossiers in every status (once; a second run keeps them)."""
    if dossier_scenarios.demo_dossiers_exist():
        return Dossier.objects.filter(
            summary__endswith=dossier_scenarios.DEMO_MARK
        ).count()
    users = {
        u.username: u for u in User.objects.filter(username__in=[s[0] for s in STAFF])
    }
    cast = dossier_scenarios.Cast(
        reception=users["reception"],
        specialist=users["specialist"],
        division_leader=users["division_leader"],
        leader=users["leader"],
        clerk=users["clerk"],
        police=users["police"],
        police_leader=users["police_leader"],
        ward=agencies["ward:00004"],
        ward_police=agencies["police:00004"],
        point=ServicePoint.objects.get(code="HN-CN01"),
    )
    procedures = {
        key: Procedure.objects.get(code=code) for key, code in DEMO_PROCEDURES.items()
    }
    AssignmentRule.objects.get_or_create(
        agency=cast.ward_police,
        name="Cư trú: chuyên viên ít hồ sơ nhất (demo)",
        defaults={"strategy": AssignmentStrategy.LEAST_LOAD},
    )
    with transaction.atomic():
        codes = dossier_scenarios.build(cast, procedures, timezone.localdate())
    return len(codes)
