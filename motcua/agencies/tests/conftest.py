"""Small, hand-made organisation for the agencies tests (real 2025 codes)."""

from __future__ import annotations

import pytest

from motcua.accounts.models import User
from motcua.agencies.models import (
    AdministrativeUnit,
    Agency,
    AgencyKind,
    AgencyLevel,
    UnitGeneration,
    UnitLevel,
)
from motcua.core.text import fold


def make_unit(level, code, name, *, parent=None, generation=UnitGeneration.TWO_LEVEL):
    return AdministrativeUnit.objects.create(
        generation=generation,
        level=level,
        code=code,
        name=name,
        parent=parent,
        search_text=fold(name),
    )


def make_agency(code, name, *, level, unit=None, parent=None, kind=None):
    return Agency.objects.create(
        code=code,
        name=name,
        kind=kind or AgencyKind.PEOPLES_COMMITTEE,
        level=level,
        unit=unit,
        parent=parent,
        search_text=fold(f"{name} {code}"),
    )


@pytest.fixture
def hanoi(db):
    return make_unit(UnitLevel.PROVINCE, "01", "Thành phố Hà Nội")


@pytest.fixture
def hue(db):
    return make_unit(UnitLevel.PROVINCE, "46", "Thành phố Huế")


@pytest.fixture
def ba_dinh(hanoi):
    return make_unit(UnitLevel.COMMUNE, "00004", "Phường Ba Đình", parent=hanoi)


@pytest.fixture
def hoan_kiem(hanoi):
    return make_unit(UnitLevel.COMMUNE, "00070", "Phường Hoàn Kiếm", parent=hanoi)


@pytest.fixture
def city(hanoi):
    return make_agency(
        "H26",
        "Ủy ban nhân dân Thành phố Hà Nội",
        level=AgencyLevel.PROVINCE,
        unit=hanoi,
    )


@pytest.fixture
def ward(city, ba_dinh):
    return make_agency(
        "H26.00004",
        "Ủy ban nhân dân Phường Ba Đình",
        level=AgencyLevel.COMMUNE,
        unit=ba_dinh,
        parent=city,
    )


@pytest.fixture
def other_ward(city, hoan_kiem):
    return make_agency(
        "H26.00070",
        "Ủy ban nhân dân Phường Hoàn Kiếm",
        level=AgencyLevel.COMMUNE,
        unit=hoan_kiem,
        parent=city,
    )


@pytest.fixture
def hue_city(hue):
    return make_agency(
        "H57", "Ủy ban nhân dân Thành phố Huế", level=AgencyLevel.PROVINCE, unit=hue
    )


@pytest.fixture
def make_user(db):
    def make(username, **fields):
        return User.objects.create_user(username=username, password="pw", **fields)

    return make
