"""Fixtures of the API tests: a world of staff, and the API as each of them."""

from __future__ import annotations

import pytest

from motcua.api.tests.test_dossiers_support import Callers
from motcua.dossiers.tests.factories import World
from motcua.procedures.models import ProcedureAgency


@pytest.fixture
def world(db):
    world = World()
    # The ward decides the procedure (as the imported catalogue says).
    ProcedureAgency.objects.create(procedure=world.procedure, agency=world.agency)
    return world


@pytest.fixture
def as_staff(world):
    """``as_staff("officer")`` → the API as that member of ``world``."""
    return Callers(world)
