"""``field__in_array``: the rows of ``field__in``, planned as an index condition."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

pytestmark = pytest.mark.django_db


def test_in_array_finds_what_in_finds_for_a_subquery_and_for_a_list():
    first, second, third = (Group.objects.create(name=f"g{n}") for n in range(3))
    chosen = Group.objects.filter(pk__in=[first.pk, third.pk]).values("pk")
    by_subquery = Group.objects.filter(pk__in_array=chosen).order_by("pk")
    assert list(by_subquery) == [first, third]
    assert list(Group.objects.filter(pk__in_array=[second.pk])) == [second]
    assert not Group.objects.filter(pk__in_array=Group.objects.none().values("pk"))
    either = Group.objects.filter(pk__in_array=chosen) | Group.objects.filter(
        pk=second.pk
    )
    assert either.count() == 3


def test_in_array_works_on_a_relation_as_in_does():
    types = ContentType.objects.filter(app_label="auth").values("pk")
    by_array = Permission.objects.filter(content_type__in_array=types)
    by_in = Permission.objects.filter(content_type__in=types)
    assert set(by_array) == set(by_in)
    assert by_array.exists()


def test_in_array_is_an_array_on_postgresql_and_a_plain_in_elsewhere():
    chosen = Group.objects.filter(name="x").values("pk")
    sql = str(Group.objects.filter(pk__in_array=chosen).query)
    listed = str(Group.objects.filter(pk__in_array=[1, 2]).query)
    if connection.vendor == "postgresql":
        assert "= ANY(ARRAY(SELECT" in sql
    else:
        assert "IN (SELECT" in sql
    assert "IN (1, 2)" in listed
