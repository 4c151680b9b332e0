"""Reads of the data store: only the owner's papers; which fit a checklist paper."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from motcua.accounts.models import User
from motcua.citizens.models import StoredPaper
from motcua.citizens.selectors import (
    citizen_of,
    names_match,
    paper_of,
    papers_matching,
    papers_of,
)
from motcua.citizens.services import stored_paper_add
from motcua.citizens.tests.factories import NOW, citizen
from motcua.core.errors import NotFound


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    ("stored", "checklist"),
    [
        ("Giấy khai sinh", "Bản sao Giấy khai sinh"),
        ("GIẤY KHAI SINH", "giay khai sinh"),
        ("Bản sao giấy khai sinh", "Giấy khai sinh"),
        ("Tờ khai", "Tờ khai đăng ký thường trú (mẫu CT01)"),
        ("Ảnh", "ảnh"),
    ],
)
def test_names_that_fit(stored, checklist):
    assert names_match(stored, checklist)


@pytest.mark.parametrize(
    ("stored", "checklist"),
    [
        ("Giấy chứng nhận kết hôn", "Giấy chứng nhận quyền sử dụng đất"),
        ("Tờ khai", "Giấy tờ chứng minh chỗ ở"),
        ("Ảnh", "Ảnh 4x6"),  # one word fits only itself
        ("khai sinh", "Giấy khai tử sinh ra"),  # whole consecutive words only
        ("", "Tờ khai"),
    ],
)
def test_names_that_do_not_fit(stored, checklist):
    assert not names_match(stored, checklist)


def add(owner, name, *, with_file=True, at=NOW, sha="") -> StoredPaper:
    file_name = ""
    if with_file:
        file_name = default_storage.save(f"t/{name}.pdf", ContentFile(b"%PDF"))
    return stored_paper_add(
        owner=owner,
        name=name,
        kind=StoredPaper.Kind.UPLOAD,
        now=at,
        file_name=file_name,
        sha256=sha or name.encode().hex()[:64],
    )


@pytest.mark.django_db
def test_only_the_owners_papers_with_a_file_are_offered_newest_first():
    owner = citizen()
    other = citizen(id_number="001090054321", phone="0987654321")
    old = add(owner, "Giấy khai sinh")
    new = add(owner, "Bản sao giấy khai sinh", at=NOW.replace(day=3))
    add(owner, "Giấy khai sinh của con", with_file=False)
    add(other, "Giấy khai sinh")
    add(owner, "Sổ đỏ")

    found = papers_matching(owner, "Bản sao Giấy khai sinh")

    assert [paper.pk for paper in found] == [new.pk, old.pk]


@pytest.mark.django_db
def test_papers_are_listed_newest_first_and_read_only_by_their_owner():
    owner = citizen()
    other = citizen(id_number="001090054321", phone="0987654321")
    first = add(owner, "A b")
    second = add(owner, "C d", at=NOW.replace(day=5))

    assert list(papers_of(owner)) == [second, first]
    assert paper_of(owner, first.pk) == first
    with pytest.raises(NotFound):
        paper_of(other, first.pk)
    with pytest.raises(NotFound):
        paper_of(owner, 999_999)


@pytest.mark.django_db
def test_staff_and_anonymous_visitors_have_no_citizen_profile():
    staff = User.objects.create_user(username="officer", password="x")

    assert citizen_of(staff) is None
    assert citizen_of(AnonymousUser()) is None
    assert citizen_of(None) is None
    assert citizen_of(citizen()) is not None
