"""A read by one key whose SQL is compiled once per database, not per call.

Building a queryset and compiling it costs more than the database takes to find a
row by a unique index (about 0.5 ms of Python against 0.3 ms for the round trip,
measured by ``bench/tracking.py``). The pages read most (public tracking by code)
therefore compile their query once, from the ORM's own queryset so the columns
and the SQL stay the ORM's, and then only execute it: the row comes back as the
model instance ``only(...)`` would give (the ORM's converters applied, the other
fields deferred).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections, models

M = TypeVar("M", bound=models.Model)
_PROBE = "\x00prepared-probe\x00"  # the key compiled into the SQL's one placeholder


@dataclass(frozen=True)
class _Plan:
    sql: str
    names: tuple[str, ...]
    converters: dict[int, tuple[list[Callable[..., Any]], Any]]


class PreparedGet(Generic[M]):
    """``model.objects.only(*fields).filter(**{key: value})[:1]``, compiled once."""

    def __init__(self, model: type[M], *, key: str, fields: tuple[str, ...]) -> None:
        self.model = model
        self.key = key
        self.fields = fields
        self._plans: dict[str, _Plan] = {}

    def _plan(self, alias: str) -> _Plan:
        plan = self._plans.get(alias)
        if plan is None:
            queryset = self.model._default_manager.using(alias).only(*self.fields)
            queryset = queryset.filter(**{self.key: _PROBE})[:1]
            compiler = queryset.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            if list(params) != [_PROBE]:  # pragma: no cover - a query of one key
                raise ValueError(f"expected one parameter, got {params!r}")
            columns = [column for column, _sql, _alias in compiler.select]
            plan = _Plan(
                sql=sql,
                names=tuple(column.target.attname for column in columns),
                converters=compiler.get_converters(columns),
            )
            self._plans[alias] = plan
        return plan

    def get(self, value: str | int, *, using: str = "default") -> M | None:
        """The row whose key is ``value``, or None."""
        plan = self._plan(using)
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, [value])
            row = cursor.fetchone()
        if row is None:
            return None
        values = list(row)
        for position, (functions, expression) in plan.converters.items():
            converted = values[position]
            for function in functions:
                converted = function(converted, expression, connection)
            values[position] = converted
        return self.model.from_db(using, plan.names, values)
