"""``field__in_array``: the rows of ``field__in``, planned as an index condition."""

from __future__ import annotations

import pytest
from django.db import connection

from motcua.agencies.models import Agency
from motcua.dossiers.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_in_array_finds_what_in_finds_for_a_subquery_and_for_a_list():
    first, second, third = (AgencyFactory.create() for _ in range(3))
    chosen = Agency.objects.filter(pk__in=[first.pk, third.pk]).values("pk")
    by_subquery = Agency.objects.filter(pk__in_array=chosen).order_by("pk")
    assert list(by_subquery) == [first, third]
    assert list(Agency.objects.filter(pk__in_array=[second.pk])) == [second]
    assert not Agency.objects.filter(pk__in_array=Agency.objects.none().values("pk"))
    either = Agency.objects.filter(pk__in_array=chosen) | Agency.objects.filter(
        pk=second.pk
    )
    assert either.count() == 3


def test_in_array_is_an_array_on_postgresql_and_a_plain_in_elsewhere():
    chosen = Agency.objects.filter(code="x").values("pk")
    sql = str(Agency.objects.filter(pk__in_array=chosen).query)
    listed = str(Agency.objects.filter(pk__in_array=[1, 2]).query)
    if connection.vendor == "postgresql":
        assert "= ANY(ARRAY(SELECT" in sql
    else:
        assert "IN (SELECT" in sql
    assert "IN (1, 2)" in listed
