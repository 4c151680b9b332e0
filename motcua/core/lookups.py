"""``field__in_array=<subquery>``: membership in a subquery that an index can serve.

``field__in=<subquery>`` inside an OR is a filter PostgreSQL evaluates row by row
(a hashed subplan), so a dossier list that ORs "received here", "decided here" and
"a leg was sent here" used to read the whole table. ``field = ANY(ARRAY(<subquery>))``
is computed once (an init plan) and then is an index condition, so the three
branches become one bitmap OR of index scans. Other databases get the plain
``IN (<subquery>)``, which SQLite already answers from its indexes.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, ForeignObject
from django.db.models.lookups import In
from django.db.models.sql.compiler import SQLCompiler


class InArray(In):  # type: ignore[type-arg]
    lookup_name = "in_array"

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, Any]:
        if self.rhs_is_direct_value():  # a list of values: the plain IN (...)
            return super().as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


def register() -> None:
    Field.register_lookup(InArray)
    ForeignObject.register_lookup(InArray)  # relations keep lookups of their own
