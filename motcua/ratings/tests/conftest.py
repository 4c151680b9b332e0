"""Fixtures of the ratings tests: a world and a dossier whose result was returned."""

from __future__ import annotations

import pytest

from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_return_result
from motcua.dossiers.tests.factories import World, dossier_in_state, vn

RETURNED_AT = vn(2026, 3, 9, 10)


def returned_dossier(world: World) -> Dossier:
    """A dossier of ``world`` received on 2/3/2026 and returned on 9/3/2026."""
    dossier = dossier_in_state(world, "result_ready", vn(2026, 3, 2, 9))
    return dossier_return_result(
        dossier_code=dossier.code, actor=world.officer, now=RETURNED_AT
    )


@pytest.fixture
def world(db) -> World:
    return World()


@pytest.fixture
def returned(world: World) -> Dossier:
    return returned_dossier(world)
