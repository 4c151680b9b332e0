"""Fixtures of the report tests."""

from __future__ import annotations

import pytest

from motcua.dossiers.tests.factories import World
from motcua.reports.tests.scenario import KnownSet, known_set


@pytest.fixture
def world(db) -> World:
    return World()


@pytest.fixture
def known(world: World) -> KnownSet:
    return known_set(world)
