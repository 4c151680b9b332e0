"""Sign-up, VNeID verification and the data store's writes."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pypdf import PdfWriter

from motcua.accounts.models import User
from motcua.citizens.models import Citizen, StoredPaper
from motcua.citizens.selectors import citizen_of, papers_of
from motcua.citizens.services import (
    citizen_sign_up,
    citizen_verify_with_vneid,
    phone_clean,
    stored_paper_add,
    stored_paper_delete,
    stored_paper_upload,
)
from motcua.citizens.tests.factories import ID_NUMBER, NOW, PASSWORD, citizen
from motcua.core.errors import Conflict, InvalidInput, NotFound

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def sign_up(**overrides):
    values: dict[str, Any] = {
        "full_name": "Trần Thị Hương",
        "id_number": ID_NUMBER,
        "phone": "0912 345 678",
        "email": "Huong@Example.vn",
        "password": PASSWORD,
        "now": NOW,
    }
    values.update(overrides)
    return citizen_sign_up(**values)


def stored_file(content: bytes = b"%PDF-1.4 test", name: str = "dossiers/a.pdf"):
    return default_storage.save(name, ContentFile(content))


def test_sign_up_makes_a_user_named_by_the_id_number_with_a_claimed_profile():
    user = sign_up(birth_date=date(1990, 5, 17))

    assert user.username == ID_NUMBER
    assert user.check_password(PASSWORD)
    assert (user.full_name, user.phone, user.email) == (
        "Trần Thị Hương",
        "0912345678",
        "huong@example.vn",
    )
    profile = Citizen.objects.get(user=user)
    assert profile.id_number == ID_NUMBER
    assert profile.birth_date == date(1990, 5, 17)
    assert profile.is_id_verified is False
    assert profile.created_at == NOW


@pytest.mark.parametrize("bad", ["12345", "0011900123456", "00119001234a", ""])
def test_sign_up_refuses_an_id_number_that_is_not_12_digits(bad):
    with pytest.raises(InvalidInput) as error:
        sign_up(id_number=bad)

    assert error.value.field_errors["id_number"] == (
        "A personal ID number has exactly 12 digits."
    )
    assert not User.objects.exists()


def test_sign_up_refuses_a_second_account_for_the_same_id_number():
    sign_up()

    with pytest.raises(InvalidInput) as error:
        sign_up(id_number="0011 9001 2345", phone="0987654321")

    assert "already exists" in str(error.value.field_errors["id_number"])
    assert Citizen.objects.count() == 1


def test_sign_up_refuses_an_id_number_a_staff_account_uses_as_username():
    User.objects.create_user(username=ID_NUMBER, password="x")

    with pytest.raises(InvalidInput) as error:
        sign_up()

    assert "id_number" in error.value.field_errors


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short1", "too short"),
        ("12345678901", "entirely numeric"),
        ("password123", "too common"),
    ],
)
def test_sign_up_refuses_a_weak_password_with_the_validators_reason(password, reason):
    with pytest.raises(InvalidInput) as error:
        sign_up(password=password)

    assert reason in str(error.value.field_errors["password"])


def test_sign_up_reports_every_wrong_field_at_once():
    with pytest.raises(InvalidInput) as error:
        sign_up(
            full_name=" ",
            phone="12",
            email="not-an-email",
            birth_date=date(2030, 1, 1),
        )

    assert set(error.value.field_errors) == {
        "full_name",
        "phone",
        "email",
        "birth_date",
    }


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912 345 678", "0912345678"),
        ("+84 912.345.678", "0912345678"),
        ("84912345678", "0912345678"),
        ("(024) 3825-1234", "02438251234"),
    ],
)
def test_phone_numbers_are_stored_in_one_shape(typed, stored):
    assert phone_clean(typed) == stored


def test_vneid_creates_a_verified_account_without_a_password():
    user = citizen_verify_with_vneid(
        id_number=ID_NUMBER,
        full_name="Trần Thị Hương",
        birth_date=date(1990, 5, 17),
        phone="+84912345678",
        now=NOW,
    )

    profile = citizen_of(User.objects.get(pk=user.pk))
    assert profile is not None
    assert (profile.is_id_verified, profile.verified_at) == (True, NOW)
    assert profile.birth_date == date(1990, 5, 17)
    assert user.username == ID_NUMBER
    assert user.phone == "0912345678"
    assert not user.has_usable_password()


def test_vneid_links_the_password_account_and_stops_its_claimed_password():
    claimed = citizen(full_name="Tran Thi Huong")

    user = citizen_verify_with_vneid(
        id_number=ID_NUMBER, full_name="Trần Thị Hương", now=NOW
    )

    assert user.pk == claimed.pk
    assert Citizen.objects.get(user=user).is_id_verified
    user.refresh_from_db()
    assert user.full_name == "Trần Thị Hương"
    # Whoever typed this ID number at sign-up proved nothing.
    assert not user.has_usable_password()


def test_vneid_logins_after_the_first_keep_the_first_verification_time():
    citizen_verify_with_vneid(id_number=ID_NUMBER, full_name="A", now=NOW)
    later = NOW.replace(day=20)

    citizen_verify_with_vneid(id_number=ID_NUMBER, full_name="A", now=later)

    assert Citizen.objects.get().verified_at == NOW
    assert User.objects.count() == 1


def test_vneid_never_takes_over_a_staff_account():
    User.objects.create_user(username=ID_NUMBER, password="x")

    with pytest.raises(Conflict):
        citizen_verify_with_vneid(id_number=ID_NUMBER, full_name="A", now=NOW)

    assert not Citizen.objects.exists()


def test_a_paper_references_a_stored_file_without_copying_it(media):
    owner = citizen()
    name = stored_file()

    paper = stored_paper_add(
        owner=owner,
        name=" Giấy khai sinh ",
        kind=StoredPaper.Kind.UPLOAD,
        now=NOW,
        file_name=name,
        content_type="application/pdf",
        size=13,
        sha256="a" * 64,
        dossier_code="000.00.00.H01-260302-0001",
    )

    assert paper.file.name == name
    assert paper.name == "Giấy khai sinh"
    assert paper.name_folded == "giay khai sinh"
    assert sorted(p.name for p in media.rglob("*") if p.is_file()) == ["a.pdf"]


def test_the_same_upload_is_kept_once_per_owner():
    owner = citizen()
    name = stored_file()
    values: dict[str, Any] = {
        "owner": owner,
        "kind": StoredPaper.Kind.UPLOAD,
        "now": NOW,
        "file_name": name,
        "sha256": "b" * 64,
    }

    first = stored_paper_add(name="Tờ khai", **values)
    again = stored_paper_add(name="Tờ khai (bản 2)", **values)

    assert again.pk == first.pk
    assert papers_of(owner).count() == 1


def test_a_result_of_a_dossier_is_kept_once():
    owner = citizen()
    values: dict[str, Any] = {
        "owner": owner,
        "name": "Giấy xác nhận",
        "kind": StoredPaper.Kind.RESULT,
        "now": NOW,
        "dossier_code": "000.00.00.H01-260302-0001",
        "number": "12/2026",
    }

    assert stored_paper_add(**values).pk == stored_paper_add(**values).pk


def test_a_paper_needs_a_name_a_known_kind_and_a_stored_file():
    owner = citizen()
    with pytest.raises(InvalidInput) as error:
        stored_paper_add(owner=owner, name=" ", kind="upload", now=NOW)
    assert "name" in error.value.field_errors
    with pytest.raises(InvalidInput):
        stored_paper_add(owner=owner, name="X", kind="other", now=NOW)
    with pytest.raises(InvalidInput):
        stored_paper_add(
            owner=owner, name="X", kind="upload", now=NOW, file_name="nowhere.pdf"
        )
    assert not StoredPaper.objects.exists()


def test_deleting_a_paper_keeps_its_file_for_the_dossier_that_uses_it():
    owner = citizen()
    name = stored_file()
    paper = stored_paper_add(
        owner=owner, name="Tờ khai", kind="upload", now=NOW, file_name=name
    )

    stored_paper_delete(owner=owner, pk=paper.pk)

    assert not StoredPaper.objects.exists()
    assert default_storage.exists(name)


def test_nobody_deletes_another_owners_paper():
    owner = citizen()
    other = citizen(id_number="001090054321", phone="0987654321")
    paper = stored_paper_add(owner=owner, name="Tờ khai", kind="upload", now=NOW)

    with pytest.raises(NotFound):
        stored_paper_delete(owner=other, pk=paper.pk)

    assert StoredPaper.objects.filter(pk=paper.pk).exists()


def test_an_upload_is_saved_under_a_random_name_and_not_twice(media):
    owner = citizen()
    values: dict[str, Any] = {"owner": owner, "now": NOW}
    pdf = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(pdf)

    first = stored_paper_upload(
        name="Bằng tốt nghiệp",
        upload=ContentFile(pdf.getvalue(), name="Nguyen Van A CCCD.pdf"),
        **values,
    )
    again = stored_paper_upload(
        name="Bằng tốt nghiệp",
        upload=ContentFile(pdf.getvalue(), name="copy.pdf"),
        **values,
    )

    assert again.pk == first.pk
    assert first.file.name.startswith("papers/2026/03/")
    assert "CCCD" not in first.file.name
    assert len([p for p in media.rglob("*") if p.is_file()]) == 1
